import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useEffect, useRef } from "preact/hooks";

/** A small time-series chart of the last minutes: x is unix seconds, each series one line. */
export function Chart({ title, series, data }: { title: string; series: string[]; data: number[][] }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  useEffect(() => {
    const width = element.current!.clientWidth || 320;
    chart.current = new uPlot({
      title,
      width,
      height: 160,
      series: [{}, ...series.map((label, i) => ({ label, stroke: ["#7c3aed", "#0ea5e9", "#22c55e", "#f97316"][i % 4], width: 2 }))],
      axes: [{ stroke: "currentColor" }, { stroke: "currentColor", size: 60 }],
      legend: { show: true },
    }, data as uPlot.AlignedData, element.current!);
    const resize = () => chart.current?.setSize({ width: element.current!.clientWidth, height: 160 });
    addEventListener("resize", resize);
    return () => {
      removeEventListener("resize", resize);
      chart.current?.destroy();
    };
  }, [title, series.join("|")]);
  useEffect(() => chart.current?.setData(data as uPlot.AlignedData), [data]);
  return <div class="chart" ref={element} />;
}
