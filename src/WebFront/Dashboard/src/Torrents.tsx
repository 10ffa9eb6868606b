import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { bytes, percent, rate } from "./format";
import { live } from "./live";
import { Inspector } from "./Inspector";
import { fromDto, fromStatus, stateLabel, type Category, type Row, type Tag, type TorrentDto } from "./torrents-model";

const base = "/client/api";

/** The client's torrents, live from the hub's `torrents` topic: add, pause, resume, recheck, delete, queue, file. */
export function Torrents({ canWrite }: { canWrite: boolean }) {
  const [rows, setRows] = useState<Map<string, Row>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [filter, setFilter] = useState("");
  const [deleting, setDeleting] = useState<Row | null>(null);
  const [dragging, setDragging] = useState(false);
  const rateHistory = useRef(new Map<string, number[][]>());

  useEffect(() => {
    // Events that arrive before the list answers are applied over it, so nothing is lost in between.
    const early: ((m: Map<string, Row>) => void)[] = [];
    let listed = false;
    const apply = (change: (m: Map<string, Row>) => void) => {
      if (!listed) {
        early.push(change);
        return;
      }
      setRows((previous) => {
        const next = new Map(previous);
        change(next);
        return next;
      });
    };
    const unsubscribe = live.subscribe("torrents", (events) => {
      for (const e of events) {
        if (e.type === "torrent.removed") {
          apply((m) => m.delete(e.subject!));
        } else if (e.type === "torrent.added" || e.type === "torrent.changed" || e.type === "torrent.progress") {
          const row = fromStatus(e.data);
          record(rateHistory.current, row, Date.parse(e.at) / 1000);
          apply((m) => m.set(row.id, row));
        } else if (e.type === "client.catalog_changed") {
          setCategories(e.data.categories ?? []);
          setTags(e.data.tags ?? []);
        }
      }
    });
    api<TorrentDto[]>("GET", `${base}/torrents`).then((list) => {
      const m = new Map(list.map((t) => [t.id, fromDto(t)]));
      early.forEach((change) => change(m));
      listed = true;
      setRows(m);
      setLoaded(true);
    }, (e) => setMessage({ error: true, text: errorText(e) }));
    api<Category[]>("GET", `${base}/categories`).then(setCategories, () => undefined);
    api<Tag[]>("GET", `${base}/tags`).then(setTags, () => undefined);
    return unsubscribe;
  }, []);

  const sorted = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return [...rows.values()]
      .filter((r) => needle === "" || r.name.toLowerCase().includes(needle) || r.id.includes(needle))
      .sort((a, b) => a.queuePosition - b.queuePosition || b.addedAt - a.addedAt || a.id.localeCompare(b.id));
  }, [rows, filter]);

  async function run(what: string, call: () => Promise<unknown>) {
    try {
      await call();
      setMessage({ error: false, text: what });
    } catch (e) {
      setMessage({ error: true, text: `${what}: ${errorText(e)}` });
    }
  }

  async function addFiles(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const form = new FormData();
      form.append("file", file, file.name);
      await run(`Added ${file.name}`, () => api("POST", `${base}/torrents/file`, form));
    }
  }

  const selectedRow = selected ? rows.get(selected) ?? null : null;

  return (
    <section aria-labelledby="torrents-title" class={dragging ? "torrents dropping" : "torrents"}
      onDragOver={(e) => { if (canWrite && e.dataTransfer?.types.includes("Files")) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
      onDrop={(e) => { e.preventDefault(); setDragging(false); if (canWrite && e.dataTransfer?.files.length) void addFiles(e.dataTransfer.files); }}>
      <div class="page-head">
        <h1 id="torrents-title">Torrents</h1>
        <Totals rows={sorted} />
      </div>
      {canWrite && <AddBar onMagnet={(magnet) => run("Added the magnet link", () => api("POST", `${base}/torrents/magnet`, { magnet }))} onFiles={addFiles} />}
      <div class="toolbar">
        <label class="inline">Filter <input type="search" value={filter} placeholder="name or info-hash" onInput={(e) => setFilter((e.target as HTMLInputElement).value)} /></label>
      </div>
      {message && <p class={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      {dragging && <div class="drop-hint" aria-hidden="true">Drop .torrent files to add them</div>}
      <div class="table-wrap">
        <table class="torrents-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Name</th>
              <th scope="col">Progress</th>
              <th scope="col">Size</th>
              <th scope="col">State</th>
              <th scope="col">Down</th>
              <th scope="col">Up</th>
              <th scope="col">Peers</th>
              <th scope="col">Category</th>
              <th scope="col">Tags</th>
              {canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row, index) => (
              <TorrentRow key={row.id} row={row} index={index} last={sorted.length - 1} canWrite={canWrite} categories={categories} tags={tags}
                selected={row.id === selected} onSelect={() => setSelected(row.id === selected ? null : row.id)} run={run}
                onDelete={() => setDeleting(row)} />
            ))}
          </tbody>
        </table>
        {loaded && sorted.length === 0 && <p class="empty">{rows.size === 0 ? "No torrents yet." : "No torrent matches the filter."}</p>}
        {!loaded && <p class="empty" aria-busy="true">Loading…</p>}
      </div>
      {deleting && <DeleteDialog row={deleting} onClose={() => setDeleting(null)}
        onConfirm={(withData) => { const id = deleting.id; setDeleting(null); if (selected === id) setSelected(null);
          void run(`Removed ${deleting.name}`, () => api("DELETE", `${base}/torrents/${id}?delete=${withData ? 1 : 0}`)); }} />}
      {selectedRow && <Inspector row={selectedRow} history={rateHistory.current.get(selectedRow.id) ?? [[], [], []]} canWrite={canWrite}
        onClose={() => setSelected(null)} run={run} />}
    </section>
  );
}

function record(history: Map<string, number[][]>, row: Row, at: number) {
  const [times, down, up] = history.get(row.id) ?? [[], [], []];
  if (times.length > 0 && at <= times[times.length - 1]) return;
  const from = Math.max(0, times.length - 299);
  history.set(row.id, [[...times.slice(from), at], [...down.slice(from), row.downloadRate], [...up.slice(from), row.uploadRate]]);
}

export function errorText(e: unknown): string {
  return e instanceof ApiError ? `${e.message} (${e.status})` : "Swarmgrid did not answer";
}

function Totals({ rows }: { rows: Row[] }) {
  const down = rows.reduce((s, r) => s + r.downloadRate, 0);
  const up = rows.reduce((s, r) => s + r.uploadRate, 0);
  return <p class="totals" aria-label="Totals">{rows.length} torrents · ↓ {rate(down)} · ↑ {rate(up)}</p>;
}

function AddBar({ onMagnet, onFiles }: { onMagnet: (magnet: string) => Promise<void>; onFiles: (files: FileList) => Promise<void> }) {
  const [magnet, setMagnet] = useState("");
  const picker = useRef<HTMLInputElement>(null);
  return (
    <form class="addbar card" onSubmit={async (e) => { e.preventDefault(); if (magnet.trim()) { await onMagnet(magnet.trim()); setMagnet(""); } }}>
      <label class="grow">
        Magnet link
        <input name="magnet" value={magnet} placeholder="magnet:?xt=urn:btih:…" onInput={(e) => setMagnet((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="primary">Add magnet</button>
      <input ref={picker} id="torrent-file" class="visually-hidden" type="file" accept=".torrent,application/x-bittorrent" multiple
        aria-label="Torrent file" onChange={async (e) => { const input = e.target as HTMLInputElement; if (input.files?.length) { await onFiles(input.files); input.value = ""; } }} />
      <button type="button" onClick={() => picker.current?.click()}>Add .torrent file…</button>
      <span class="hint">or drop .torrent files on the page</span>
    </form>
  );
}

function TorrentRow({ row, index, last, canWrite, categories, tags, selected, onSelect, run, onDelete }: {
  row: Row; index: number; last: number; canWrite: boolean; categories: Category[]; tags: Tag[]; selected: boolean;
  onSelect: () => void; run: (what: string, call: () => Promise<unknown>) => Promise<void>; onDelete: () => void;
}) {
  const category = categories.find((c) => c.id === row.categoryId);
  const rowTags = row.tagIds.map((id) => tags.find((t) => t.id === id)).filter((t): t is Tag => !!t);
  const state = stateLabel(row);
  return (
    <tr class={selected ? "selected" : undefined} data-infohash={row.id}>
      <td class="num">{row.queuePosition + 1}</td>
      <td class="name"><button class="link name-button" onClick={onSelect} aria-expanded={selected} title={row.id}>{row.name}</button></td>
      <td class="progress-cell">
        <progress max={1} value={row.progress} aria-label={`Progress of ${row.name}`} />
        <span class="progress-text">{percent(row.progress)}</span>
      </td>
      <td class="num">{bytes(row.totalBytes)}</td>
      <td><span class={`state state-${state.replace(/\s/g, "-")}`} title={row.error ?? undefined}>{state}</span></td>
      <td class="num">{rate(row.downloadRate)}</td>
      <td class="num">{rate(row.uploadRate)}</td>
      <td class="num">{row.peers} ({row.seeds})</td>
      <td>
        {canWrite ? (
          <select aria-label={`Category of ${row.name}`} value={row.categoryId ?? ""}
            onChange={(e) => { const v = (e.target as HTMLSelectElement).value; void run("Category set", () => api("POST", `${base}/torrents/category`, { infohash: row.id, category_id: v === "" ? null : Number(v) })); }}>
            <option value="">—</option>
            {categories.map((c) => <option value={c.id}>{c.name}</option>)}
          </select>
        ) : category?.name ?? "—"}
      </td>
      <td class="tags">
        {rowTags.map((t) => (
          <span class="tag">{t.name}{canWrite && <button class="tag-x" aria-label={`Remove tag ${t.name} from ${row.name}`}
            onClick={() => run("Tag removed", () => api("POST", `${base}/tags/unassign`, { infohash: row.id, tag_id: t.id }))}>×</button>}</span>
        ))}
        {canWrite && tags.some((t) => !row.tagIds.includes(t.id)) && (
          <select aria-label={`Add a tag to ${row.name}`} value="" class="tag-add"
            onChange={(e) => { const v = Number((e.target as HTMLSelectElement).value); if (v) void run("Tag added", () => api("POST", `${base}/tags/assign`, { infohash: row.id, tag_id: v })); }}>
            <option value="">+ tag</option>
            {tags.filter((t) => !row.tagIds.includes(t.id)).map((t) => <option value={t.id}>{t.name}</option>)}
          </select>
        )}
      </td>
      {canWrite && (
        <td class="actions">
          {row.paused
            ? <button onClick={() => run(`Resumed ${row.name}`, () => api("POST", `${base}/torrents/${row.id}/resume`))} aria-label={`Resume ${row.name}`}>Resume</button>
            : <button onClick={() => run(`Paused ${row.name}`, () => api("POST", `${base}/torrents/${row.id}/pause`))} aria-label={`Pause ${row.name}`}>Pause</button>}
          <button onClick={() => run(`Rechecking ${row.name}`, () => api("POST", `${base}/torrents/${row.id}/recheck`))} aria-label={`Recheck ${row.name}`}>Recheck</button>
          <button disabled={index === 0} aria-label={`Move ${row.name} up the queue`}
            onClick={() => run("Moved up", () => api("POST", `${base}/torrents/queue_position`, { infohash: row.id, pos: Math.max(0, row.queuePosition - 1) }))}>↑</button>
          <button disabled={index === last} aria-label={`Move ${row.name} down the queue`}
            onClick={() => run("Moved down", () => api("POST", `${base}/torrents/queue_position`, { infohash: row.id, pos: row.queuePosition + 1 }))}>↓</button>
          <button class="danger" onClick={onDelete} aria-label={`Delete ${row.name}`}>Delete</button>
        </td>
      )}
    </tr>
  );
}

function DeleteDialog({ row, onClose, onConfirm }: { row: Row; onClose: () => void; onConfirm: (withData: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [withData, setWithData] = useState(false);
  useEffect(() => { dialog.current?.showModal(); }, []);
  return (
    <dialog ref={dialog} class="card dialog" aria-labelledby="delete-title" onClose={onClose}>
      <h2 id="delete-title">Delete {row.name}?</h2>
      <label class="check"><input type="checkbox" checked={withData} onChange={(e) => setWithData((e.target as HTMLInputElement).checked)} /> Also delete the downloaded data</label>
      <div class="dialog-buttons">
        <button onClick={() => dialog.current?.close()}>Cancel</button>
        <button class="danger primary" onClick={() => onConfirm(withData)}>{withData ? "Delete torrent and data" : "Delete torrent"}</button>
      </div>
    </dialog>
  );
}
