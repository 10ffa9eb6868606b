import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api";
import { Chart } from "./Chart";
import { bytes, percent, rate, unixTime } from "./format";
import { live } from "./live";
import { priorityName, priorityNames, stateLabel, type Row } from "./torrents-model";

interface Detail {
  files: { index: number; path: string; size: number; bytes_done: number; priority: number }[] | null;
  peers: { ip: string; port: number; client: string; flags: string; progress: number; download_rate: number; upload_rate: number }[] | null;
  trackers: { url: string; tier: number; status: string; message: string | null; seeds: number; peers: number; last_announce: number; next_announce: number }[] | null;
}

const tabs = ["Overview", "Files", "Peers", "Trackers", "Speed"] as const;
type Tab = (typeof tabs)[number];

/** The drawer of one torrent: following `torrent:{infohash}` makes the torrent publish its torrent.detail each second. */
export function Inspector({ row, history, canWrite, onClose, run }: {
  row: Row; history: number[][]; canWrite: boolean; onClose: () => void; run: (what: string, call: () => Promise<unknown>) => Promise<void>;
}) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [tab, setTab] = useState<Tab>("Overview");
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setDetail(null);
    heading.current?.focus();
    return live.subscribe(`torrent:${row.id}`, (events) => {
      const last = [...events].reverse().find((e) => e.type === "torrent.detail");
      if (last) setDetail(last.data as Detail);
    });
  }, [row.id]);

  useEffect(() => {
    const escape = (e: KeyboardEvent) => { if (e.key === "Escape") onClose(); };
    addEventListener("keydown", escape);
    return () => removeEventListener("keydown", escape);
  }, [onClose]);

  return (
    <aside class="drawer card" aria-labelledby="inspector-title">
      <div class="drawer-head">
        <h2 id="inspector-title" tabIndex={-1} ref={heading}>{row.name}</h2>
        <button onClick={onClose} aria-label="Close the inspector">✕</button>
      </div>
      <div class="tabs" role="tablist" aria-label="Inspector">
        {tabs.map((t) => (
          <button role="tab" id={`tab-${t}`} aria-selected={t === tab} aria-controls="inspector-panel" onClick={() => setTab(t)}>{t}</button>
        ))}
      </div>
      <div id="inspector-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} class="drawer-body">
        {tab === "Overview" && (
          <dl class="facts">
            <dt>Info-hash</dt><dd><code>{row.id}</code></dd>
            <dt>State</dt><dd>{stateLabel(row)}{row.error ? ` — ${row.error}` : ""}</dd>
            <dt>Progress</dt><dd><progress max={1} value={row.progress} aria-label="Progress" /> {percent(row.progress)} of {bytes(row.totalBytes)}</dd>
            <dt>Rates</dt><dd>↓ {rate(row.downloadRate)} · ↑ {rate(row.uploadRate)}</dd>
            <dt>Peers</dt><dd>{row.peers} ({row.seeds} seeds)</dd>
            <dt>Added</dt><dd>{unixTime(row.addedAt)}</dd>
            <dt>Magnet</dt><dd><a class="magnet" href={row.magnet}>{row.magnet}</a></dd>
          </dl>
        )}
        {tab === "Files" && (detail?.files ? (
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">Progress</th><th scope="col">Priority</th></tr></thead>
              <tbody>
                {detail.files.map((f) => (
                  <tr>
                    <td class="path">{f.path}</td>
                    <td class="num">{bytes(f.size)}</td>
                    <td><progress max={1} value={f.size > 0 ? f.bytes_done / f.size : 1} aria-label={`Progress of ${f.path}`} /></td>
                    <td>{canWrite ? (
                      <select aria-label={`Priority of ${f.path}`} value={priorityName(f.priority)}
                        onChange={(e) => { const p = (e.target as HTMLSelectElement).value;
                          void run(`Priority of ${f.path} set to ${p}`, () => api("POST", "/client/api/torrents/file_priorities", { infohash: row.id, priorities: { [String(f.index)]: p } })); }}>
                        {priorityNames.map((p) => <option value={p}>{p}</option>)}
                      </select>
                    ) : priorityName(f.priority)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p class="empty">{detail ? "The files are not known yet (metadata is being fetched)." : "Waiting for the torrent's detail…"}</p>)}
        {tab === "Peers" && (detail?.peers ? (
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">Address</th><th scope="col">Client</th><th scope="col">Flags</th><th scope="col">Progress</th><th scope="col">Down</th><th scope="col">Up</th></tr></thead>
              <tbody>
                {detail.peers.map((p) => (
                  <tr><td><code>{p.ip}:{p.port}</code></td><td>{p.client}</td><td>{p.flags}</td><td>{percent(p.progress)}</td><td class="num">{rate(p.download_rate)}</td><td class="num">{rate(p.upload_rate)}</td></tr>
                ))}
              </tbody>
            </table>
            {detail.peers.length === 0 && <p class="empty">No peers connected.</p>}
          </div>
        ) : <p class="empty">Waiting for the torrent's detail…</p>)}
        {tab === "Trackers" && (detail?.trackers ? (
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">URL</th><th scope="col">Status</th><th scope="col">Seeds</th><th scope="col">Peers</th><th scope="col">Next announce</th></tr></thead>
              <tbody>
                {detail.trackers.map((t) => (
                  <tr><td class="path">{t.url}</td><td title={t.message ?? undefined}>{t.status}</td><td class="num">{t.seeds}</td><td class="num">{t.peers}</td><td>{unixTime(t.next_announce)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p class="empty">Waiting for the torrent's detail…</p>)}
        {tab === "Speed" && <Chart title="Speed (bytes/s)" series={["down", "up"]} data={history} />}
      </div>
    </aside>
  );
}
