import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { Chart } from "./Chart";
import { live } from "./live";

interface TrackerStats {
  announces: number;
  scrapes: number;
  active_peers: number;
  swarms: number;
  silos: number;
}

const windowSeconds = 300;

/** Cluster health and the tracker's figures, live from the tracker topic, with the last minutes charted. */
export function Overview() {
  const [health, setHealth] = useState<{ status: string; database: string; version: string } | null>(null);
  const [stats, setStats] = useState<TrackerStats | null>(null);
  const [history, setHistory] = useState<number[][]>([[], [], []]);

  useEffect(() => {
    api<{ status: string; database: string; version: string }>("GET", "/api/v1/health").then(setHealth, () => setHealth(null));
    let previous: { at: number; announces: number } | null = null;
    return live.subscribe("tracker", (events) => {
      for (const e of events) {
        if (e.type !== "tracker.stats") {
          continue;
        }
        const figures = e.data as TrackerStats;
        const at = Date.parse(e.at) / 1000;
        const rate = previous && at > previous.at ? (figures.announces - previous.announces) / (at - previous.at) : 0;
        previous = { at, announces: figures.announces };
        setStats(figures);
        setHistory(([times, rates, peers]) => {
          const keep = times.findIndex((t) => t >= at - windowSeconds);
          const from = keep < 0 ? times.length : keep;
          return [[...times.slice(from), at], [...rates.slice(from), Math.max(0, rate)], [...peers.slice(from), figures.active_peers]];
        });
      }
    });
  }, []);

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <div class="tiles">
        <Tile label="Cluster" value={health ? health.status : "…"} detail={health ? `database ${health.database}, v${health.version}` : ""} />
        <Tile label="Silos reporting" value={stats ? String(stats.silos) : "…"} />
        <Tile label="Announces" value={stats ? stats.announces.toLocaleString() : "…"} detail={history[1].length ? `${Math.round(history[1][history[1].length - 1])}/s` : ""} />
        <Tile label="Active peers" value={stats ? stats.active_peers.toLocaleString() : "…"} />
        <Tile label="Swarms" value={stats ? stats.swarms.toLocaleString() : "…"} />
      </div>
      <div class="charts">
        <Chart title="Announces per second" series={["announces/s"]} data={[history[0], history[1]]} />
        <Chart title="Active peers" series={["peers"]} data={[history[0], history[2]]} />
      </div>
    </section>
  );
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div class="card tile">
      <div class="tile-label">{label}</div>
      <div class="tile-value">{value}</div>
      {detail && <div class="tile-detail">{detail}</div>}
    </div>
  );
}
