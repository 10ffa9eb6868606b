import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { bytes } from "./format";
import { live } from "./live";
import { errorText } from "./Torrents";

interface Entry {
  info_hash: string; v1_info_hash?: string; name: string; verified: boolean; completions: number; description?: string;
  publisher?: string; license?: string; size?: number; category?: string; tags?: string; seeders: number; leechers: number;
}
interface Stats { announces: number; scrapes: number; active_peers: number; swarms: number; silos: number }
interface Query { q: string; category: string; publisher: string; tags: string; sort: string }

const pageSize = 25;

/** The magnet of an entry: both hashes for a hybrid (btih for v1, btmh multihash 0x12 0x20 for v2), this tracker's announce. */
export function magnetOf(e: Entry): string {
  const parts: string[] = [];
  if (e.info_hash.length === 64) {
    if (e.v1_info_hash) parts.push(`xt=urn:btih:${e.v1_info_hash}`);
    parts.push(`xt=urn:btmh:1220${e.info_hash}`);
  } else {
    parts.push(`xt=urn:btih:${e.info_hash}`);
  }
  parts.push(`dn=${encodeURIComponent(e.name)}`, `tr=${encodeURIComponent(`${location.origin}/announce`)}`);
  return `magnet:?${parts.join("&")}`;
}

/** The tracker's live figures (tracker topic) and the registry: search with the seed's filters, detail, upload, delete. */
export function Tracker({ canWrite, isAdmin }: { canWrite: boolean; isAdmin: boolean }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [query, setQuery] = useState<Query>({ q: "", category: "", publisher: "", tags: "", sort: "seeders" });
  const [offset, setOffset] = useState(0);
  const [results, setResults] = useState<{ items: Entry[]; total: number } | null>(null);
  const [selected, setSelected] = useState<Entry | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => live.subscribe("tracker", (events) => {
    const last = [...events].reverse().find((e) => e.type === "tracker.stats");
    if (last) setStats(last.data as Stats);
  }), []);

  async function search(from: number) {
    const params = new URLSearchParams({ sort: query.sort, limit: String(pageSize), offset: String(from) });
    for (const key of ["q", "category", "publisher", "tags"] as const) {
      if (query[key].trim()) params.set(key, query[key].trim());
    }
    try {
      const response = await fetch(`/api/registry/search?${params}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const items = (await response.json()) as Entry[];
      setResults({ items, total: Number(response.headers.get("X-Total-Count") ?? items.length) });
      setOffset(from);
    } catch (e) {
      setMessage({ error: true, text: `Search: ${e instanceof Error ? e.message : "failed"}` });
    }
  }

  useEffect(() => { void search(0); }, []);

  async function open(hash: string) {
    try {
      setSelected(await api<Entry>("GET", `/api/registry?info_hash=${hash}`));
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    }
  }

  return (
    <section aria-labelledby="tracker-title">
      <h1 id="tracker-title">Tracker and registry</h1>
      <div class="tiles">
        {(["active_peers", "swarms", "announces", "scrapes", "silos"] as const).map((k) => (
          <div class="card tile"><div class="tile-label">{k.replace("_", " ")}</div><div class="tile-value">{stats ? stats[k].toLocaleString() : "…"}</div></div>
        ))}
      </div>
      {message && <p class={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      <form class="card form-grid" aria-label="Search the registry" onSubmit={(e) => { e.preventDefault(); void search(0); }}>
        {(["q", "category", "publisher", "tags"] as const).map((k) => (
          <label>{k === "q" ? "Name" : k[0].toUpperCase() + k.slice(1)}
            <input name={k} value={query[k]} onInput={(e) => setQuery({ ...query, [k]: (e.target as HTMLInputElement).value })} />
          </label>
        ))}
        <label>Sort
          <select value={query.sort} onChange={(e) => setQuery({ ...query, sort: (e.target as HTMLSelectElement).value })}>
            <option value="seeders">seeders</option><option value="completions">completions</option><option value="created_at">newest</option>
          </select>
        </label>
        <button type="submit" class="primary">Search</button>
      </form>
      {canWrite && <UploadForm onDone={(text, error) => { setMessage({ error, text }); if (!error) void search(0); }} />}
      <div class="card">
        <h2>Swarms {results && <span class="hint">({results.total} entries)</span>}</h2>
        <div class="table-wrap">
          <table aria-label="Registry entries">
            <thead><tr><th scope="col">Name</th><th scope="col">Category</th><th scope="col">Publisher</th><th scope="col">Size</th><th scope="col">Seeders</th><th scope="col">Leechers</th><th scope="col">Completions</th></tr></thead>
            <tbody>
              {results?.items.map((e) => (
                <tr>
                  <td><button class="link name-button" onClick={() => open(e.info_hash)}>{e.name}</button>{e.verified && <span class="tag" title="verified by an admin">✓ verified</span>}</td>
                  <td>{e.category ?? "–"}</td><td>{e.publisher ?? "–"}</td><td class="num">{e.size != null ? bytes(e.size) : "–"}</td>
                  <td class="num">{e.seeders}</td><td class="num">{e.leechers}</td><td class="num">{e.completions}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {results && results.items.length === 0 && <p class="empty">No registry entry matches.</p>}
        </div>
        {results && results.total > pageSize && (
          <div class="row-buttons">
            <button disabled={offset === 0} onClick={() => search(Math.max(0, offset - pageSize))}>Previous</button>
            <span class="hint">{offset + 1}–{Math.min(offset + pageSize, results.total)} of {results.total}</span>
            <button disabled={offset + pageSize >= results.total} onClick={() => search(offset + pageSize)}>Next</button>
          </div>
        )}
      </div>
      {selected && (
        <div class="card" aria-labelledby="entry-title">
          <div class="drawer-head"><h2 id="entry-title">{selected.name}</h2><button onClick={() => setSelected(null)} aria-label="Close the entry">✕</button></div>
          <dl class="facts">
            <dt>Info-hash</dt><dd><code>{selected.info_hash}</code></dd>
            {selected.v1_info_hash && <><dt>v1 info-hash</dt><dd><code>{selected.v1_info_hash}</code></dd></>}
            {selected.description && <><dt>Description</dt><dd>{selected.description}</dd></>}
            {selected.license && <><dt>License</dt><dd>{selected.license}</dd></>}
            {selected.tags && <><dt>Tags</dt><dd>{selected.tags}</dd></>}
            <dt>Swarm</dt><dd>{selected.seeders} seeders, {selected.leechers} leechers, {selected.completions} completions</dd>
            <dt>Verified</dt><dd>{selected.verified ? "yes" : "no"}</dd>
            <dt>Magnet</dt><dd><a class="magnet" href={magnetOf(selected)}>{magnetOf(selected)}</a></dd>
            <dt>.torrent</dt><dd><a href={`/api/registry/torrent?info_hash=${selected.info_hash}`} download>download (when stored)</a></dd>
          </dl>
          {isAdmin && (
            <div class="row-buttons">
              <button onClick={async () => {
                try {
                  await api("PUT", `/api/registry/verified?info_hash=${selected.info_hash}`, { verified: !selected.verified });
                  setSelected({ ...selected, verified: !selected.verified });
                  setMessage({ error: false, text: `${selected.name} is ${selected.verified ? "no longer verified" : "verified"}` });
                  void search(offset);
                } catch (e) {
                  setMessage({ error: true, text: errorText(e) });
                }
              }}>{selected.verified ? "Remove verified mark" : "Mark verified"}</button>
              <button class="danger" onClick={async () => {
                if (!confirm(`Delete the registry entry ${selected.name}?`)) return;
                try {
                  await api("DELETE", `/api/registry?info_hash=${selected.info_hash}`);
                  setSelected(null);
                  setMessage({ error: false, text: `Deleted ${selected.name}` });
                  void search(offset);
                } catch (e) {
                  setMessage({ error: true, text: errorText(e) });
                }
              }}>Delete entry</button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function UploadForm({ onDone }: { onDone: (text: string, error: boolean) => void }) {
  return (
    <form class="card form-grid" aria-label="Upload a .torrent to the registry" onSubmit={async (e) => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      try {
        const answer = await api<{ info_hash: string }>("POST", "/api/registry/torrent", new FormData(form));
        form.reset();
        onDone(`Registered ${answer.info_hash}`, false);
      } catch (err) {
        onDone(`Upload: ${errorText(err)}`, true);
      }
    }}>
      <label>.torrent file<input type="file" name="torrent" accept=".torrent,application/x-bittorrent" required /></label>
      <label>Category<input name="category" /></label>
      <label>Publisher<input name="publisher" /></label>
      <label>License<input name="license" /></label>
      <label>Tags<input name="tags" placeholder="comma,separated" /></label>
      <button type="submit">Upload to the registry</button>
    </form>
  );
}
