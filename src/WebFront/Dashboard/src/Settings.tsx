import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { live } from "./live";
import { errorText } from "./Torrents";

const client = "/client/api";
const library = "/api";

interface Limits { down_kbps: number; up_kbps: number; alt_down_kbps: number; alt_up_kbps: number; alt_active: boolean }
interface QueueLimits { max_active_downloads: number; max_active_seeds: number }
interface PeerLimits { listen_port: number; max_peers_per_torrent: number; dht_enabled: boolean; encryption_enabled: boolean }
interface Rule { id: number; days_mask: number; start_min: number; end_min: number; down_kbps: number; up_kbps: number; alt_only: boolean; enabled: boolean }
interface Setting { key: string; default: unknown; value: unknown; overridden: boolean }
interface AuditEntry { key: string; action: string; old_value: unknown; new_value: unknown; changed_by: string; changed_at: string }

type Say = (error: boolean, text: string) => void;

/** The client's limits, queue, peers and schedule, and the library's defaults and overrides; live from `settings`. */
export function Settings({ canWrite }: { canWrite: boolean }) {
  const [limits, setLimits] = useState<Limits | null>(null);
  const [queue, setQueue] = useState<QueueLimits | null>(null);
  const [peers, setPeers] = useState<PeerLimits | null>(null);
  const [rules, setRules] = useState<Rule[]>([]);
  const [settings, setSettings] = useState<Setting[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const say: Say = (error, text) => setMessage({ error, text });

  useEffect(() => {
    const load = () => {
      api<Limits>("GET", `${client}/settings/limits`).then(setLimits, () => undefined);
      api<QueueLimits>("GET", `${client}/settings/queue_limits`).then(setQueue, () => undefined);
      api<PeerLimits>("GET", `${client}/settings/peer_limits`).then(setPeers, () => undefined);
      api<Rule[]>("GET", `${client}/schedule_rules`).then(setRules, () => undefined);
      api<{ items: Setting[] }>("GET", `${library}/settings`).then((r) => setSettings(r.items), () => undefined);
      api<{ items: AuditEntry[] }>("GET", `${library}/settings/audit?limit=50`).then((r) => setAudit(r.items), () => undefined);
    };
    load();
    // A settings.changed event (from this page or anyone else) reloads what it may have changed: one read per batch.
    return live.subscribe("settings", load);
  }, []);

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {message && <p class={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      <div class="grid-2">
        {limits && <LimitsCard limits={limits} canWrite={canWrite} say={say} />}
        {queue && <QueueCard queue={queue} canWrite={canWrite} say={say} />}
        {peers && <PeersCard peers={peers} canWrite={canWrite} say={say} />}
      </div>
      <ScheduleCard rules={rules} canWrite={canWrite} say={say} reload={() => api<Rule[]>("GET", `${client}/schedule_rules`).then(setRules)} />
      <LibraryCard settings={settings} canWrite={canWrite} say={say} />
      <div class="card">
        <h2>Audit log</h2>
        <div class="table-wrap">
          <table aria-label="Settings audit log">
            <thead><tr><th scope="col">When</th><th scope="col">Key</th><th scope="col">Action</th><th scope="col">Old</th><th scope="col">New</th><th scope="col">By</th></tr></thead>
            <tbody>
              {audit.map((a) => (
                <tr><td>{new Date(a.changed_at).toLocaleString()}</td><td><code>{a.key}</code></td><td>{a.action}</td>
                  <td><code>{JSON.stringify(a.old_value)}</code></td><td><code>{JSON.stringify(a.new_value)}</code></td><td>{a.changed_by}</td></tr>
              ))}
            </tbody>
          </table>
          {audit.length === 0 && <p class="empty">No changes yet.</p>}
        </div>
      </div>
    </section>
  );
}

/** Only the fields the user changed, so an unchanged limit does not become an override. */
function changed<T extends object>(before: T, after: T): Partial<T> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => (before as Record<string, unknown>)[k] !== v)) as Partial<T>;
}

async function save(say: Say, what: string, call: () => Promise<unknown>) {
  try {
    await call();
    say(false, `${what} saved`);
  } catch (e) {
    say(true, `${what}: ${errorText(e)}`);
  }
}

function NumberField({ label, value, onInput, disabled, min = 0 }: { label: string; value: number; onInput: (v: number) => void; disabled: boolean; min?: number }) {
  return (
    <label>
      {label}
      <input type="number" min={min} value={value} disabled={disabled} onInput={(e) => onInput(Number((e.target as HTMLInputElement).value))} />
    </label>
  );
}

function Check({ label, value, onChange, disabled }: { label: string; value: boolean; onChange: (v: boolean) => void; disabled: boolean }) {
  return <label class="check"><input type="checkbox" checked={value} disabled={disabled} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} /> {label}</label>;
}

function LimitsCard({ limits, canWrite, say }: { limits: Limits; canWrite: boolean; say: Say }) {
  const [form, setForm] = useState(limits);
  useEffect(() => setForm(limits), [limits]);
  const set = (k: keyof Limits) => (v: number) => setForm({ ...form, [k]: v });
  return (
    <form class="card" aria-labelledby="limits-title" onSubmit={(e) => { e.preventDefault(); void save(say, "Speed limits", () => api("PUT", `${client}/settings/limits`, changed(limits, form))); }}>
      <h2 id="limits-title">Speed limits <span class="hint">(KiB/s, 0 = none)</span></h2>
      <div class="form-grid">
        <NumberField label="Download limit" value={form.down_kbps} onInput={set("down_kbps")} disabled={!canWrite} />
        <NumberField label="Upload limit" value={form.up_kbps} onInput={set("up_kbps")} disabled={!canWrite} />
        <NumberField label="Alternative download limit" value={form.alt_down_kbps} onInput={set("alt_down_kbps")} disabled={!canWrite} />
        <NumberField label="Alternative upload limit" value={form.alt_up_kbps} onInput={set("alt_up_kbps")} disabled={!canWrite} />
      </div>
      <p>Alternative speed is <span class="switch-state" data-testid="alt-state">{limits.alt_active ? "on" : "off"}</span>.</p>
      {canWrite && (
        <div class="row-buttons">
          <button type="submit" class="primary">Save limits</button>
          <button type="button" aria-pressed={limits.alt_active}
            onClick={() => save(say, "Alternative speed", () => api("POST", `${client}/settings/alt_speed/toggle`))}>
            {limits.alt_active ? "Turn alternative speed off" : "Turn alternative speed on"}
          </button>
        </div>
      )}
    </form>
  );
}

function QueueCard({ queue, canWrite, say }: { queue: QueueLimits; canWrite: boolean; say: Say }) {
  const [form, setForm] = useState(queue);
  useEffect(() => setForm(queue), [queue]);
  return (
    <form class="card" aria-labelledby="queue-title" onSubmit={(e) => { e.preventDefault(); void save(say, "Queue limits", () => api("PUT", `${client}/settings/queue_limits`, changed(queue, form))); }}>
      <h2 id="queue-title">Queue <span class="hint">(0 = no limit)</span></h2>
      <div class="form-grid">
        <NumberField label="Active downloads" value={form.max_active_downloads} onInput={(v) => setForm({ ...form, max_active_downloads: v })} disabled={!canWrite} />
        <NumberField label="Active seeds" value={form.max_active_seeds} onInput={(v) => setForm({ ...form, max_active_seeds: v })} disabled={!canWrite} />
      </div>
      {canWrite && <div class="row-buttons"><button type="submit" class="primary">Save queue limits</button></div>}
    </form>
  );
}

function PeersCard({ peers, canWrite, say }: { peers: PeerLimits; canWrite: boolean; say: Say }) {
  const [form, setForm] = useState(peers);
  useEffect(() => setForm(peers), [peers]);
  return (
    <form class="card" aria-labelledby="peers-title" onSubmit={(e) => { e.preventDefault(); void save(say, "Peer settings", () => api("PUT", `${client}/settings/peer_limits`, changed(peers, form))); }}>
      <h2 id="peers-title">Peers</h2>
      <div class="form-grid">
        <NumberField label="Listen port" value={form.listen_port} onInput={(v) => setForm({ ...form, listen_port: v })} disabled={!canWrite} />
        <NumberField label="Peers per torrent" value={form.max_peers_per_torrent} onInput={(v) => setForm({ ...form, max_peers_per_torrent: v })} disabled={!canWrite} />
        <Check label="DHT" value={form.dht_enabled} onChange={(v) => setForm({ ...form, dht_enabled: v })} disabled={!canWrite} />
        <Check label="Encryption" value={form.encryption_enabled} onChange={(v) => setForm({ ...form, encryption_enabled: v })} disabled={!canWrite} />
      </div>
      {canWrite && <div class="row-buttons"><button type="submit" class="primary">Save peer settings</button></div>}
    </form>
  );
}

const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const minutes = (t: string) => { const [h, m] = t.split(":").map(Number); return (h || 0) * 60 + (m || 0); };
const blankRule: Rule = { id: 0, days_mask: 127, start_min: 8 * 60, end_min: 18 * 60, down_kbps: 0, up_kbps: 0, alt_only: true, enabled: true };

function ScheduleCard({ rules, canWrite, say, reload }: { rules: Rule[]; canWrite: boolean; say: Say; reload: () => Promise<unknown> }) {
  const [editing, setEditing] = useState<Rule | null>(null);
  async function submit(rule: Rule) {
    const { id, ...body } = rule;
    await save(say, "Schedule rule", () => id === 0 ? api("POST", `${client}/schedule_rules`, body) : api("PUT", `${client}/schedule_rules`, rule));
    setEditing(null);
    await reload().catch(() => undefined);
  }
  return (
    <div class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">Days</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Rule</th><th scope="col">Enabled</th>{canWrite && <th scope="col">Actions</th>}</tr></thead>
          <tbody>
            {rules.map((r) => (
              <tr>
                <td>{days.filter((_, i) => r.days_mask & (1 << i)).join(" ")}</td><td>{hhmm(r.start_min)}</td><td>{hhmm(r.end_min)}</td>
                <td>{r.alt_only ? "alternative speed" : `↓ ${r.down_kbps} ↑ ${r.up_kbps} KiB/s`}</td><td>{r.enabled ? "yes" : "no"}</td>
                {canWrite && <td class="actions">
                  <button onClick={() => setEditing(r)}>Edit</button>
                  <button class="danger" onClick={async () => { await save(say, "Rule removal", () => api("DELETE", `${client}/schedule_rules/${r.id}`)); await reload().catch(() => undefined); }}>Delete</button>
                </td>}
              </tr>
            ))}
          </tbody>
        </table>
        {rules.length === 0 && <p class="empty">No schedule rules.</p>}
      </div>
      {canWrite && !editing && <div class="row-buttons"><button onClick={() => setEditing(blankRule)}>Add a rule</button></div>}
      {editing && <RuleForm rule={editing} onCancel={() => setEditing(null)} onSubmit={submit} />}
    </div>
  );
}

function RuleForm({ rule, onCancel, onSubmit }: { rule: Rule; onCancel: () => void; onSubmit: (r: Rule) => void }) {
  const [form, setForm] = useState(rule);
  return (
    <form class="rule-form" onSubmit={(e) => { e.preventDefault(); onSubmit(form); }}>
      <fieldset>
        <legend>Days</legend>
        {days.map((d, i) => (
          <label class="check day"><input type="checkbox" checked={(form.days_mask & (1 << i)) !== 0}
            onChange={(e) => setForm({ ...form, days_mask: (e.target as HTMLInputElement).checked ? form.days_mask | (1 << i) : form.days_mask & ~(1 << i) })} /> {d}</label>
        ))}
      </fieldset>
      <div class="form-grid">
        <label>From<input type="time" value={hhmm(form.start_min)} onInput={(e) => setForm({ ...form, start_min: minutes((e.target as HTMLInputElement).value) })} /></label>
        <label>To<input type="time" value={hhmm(form.end_min)} onInput={(e) => setForm({ ...form, end_min: minutes((e.target as HTMLInputElement).value) })} /></label>
        <NumberField label="Download KiB/s" value={form.down_kbps} onInput={(v) => setForm({ ...form, down_kbps: v })} disabled={form.alt_only} />
        <NumberField label="Upload KiB/s" value={form.up_kbps} onInput={(v) => setForm({ ...form, up_kbps: v })} disabled={form.alt_only} />
        <Check label="Use alternative speed" value={form.alt_only} onChange={(v) => setForm({ ...form, alt_only: v })} disabled={false} />
        <Check label="Enabled" value={form.enabled} onChange={(v) => setForm({ ...form, enabled: v })} disabled={false} />
      </div>
      <div class="row-buttons"><button type="submit" class="primary">{rule.id === 0 ? "Add rule" : "Save rule"}</button><button type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

function LibraryCard({ settings, canWrite, say }: { settings: Setting[]; canWrite: boolean; say: Say }) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  return (
    <div class="card">
      <h2>Defaults and overrides</h2>
      <div class="table-wrap">
        <table aria-label="Defaults and overrides">
          <thead><tr><th scope="col">Key</th><th scope="col">Default</th><th scope="col">Value</th>{canWrite && <th scope="col">Override (JSON)</th>}</tr></thead>
          <tbody>
            {settings.map((s) => (
              <tr>
                <td><code>{s.key}</code></td>
                <td><code>{JSON.stringify(s.default)}</code></td>
                <td><code>{JSON.stringify(s.value)}</code>{s.overridden && <span class="tag">overridden</span>}</td>
                {canWrite && (
                  <td class="actions">
                    <form class="inline-form" onSubmit={(e) => {
                      e.preventDefault();
                      let value: unknown;
                      try { value = JSON.parse(drafts[s.key] ?? JSON.stringify(s.value)); } catch { say(true, `${s.key}: not JSON`); return; }
                      void save(say, s.key, () => api("PUT", `${library}/settings/overrides/${encodeURIComponent(s.key)}`, { value }));
                    }}>
                      <input aria-label={`Override of ${s.key}`} value={drafts[s.key] ?? JSON.stringify(s.value)}
                        onInput={(e) => setDrafts({ ...drafts, [s.key]: (e.target as HTMLInputElement).value })} />
                      <button type="submit">Set</button>
                      {s.overridden && <button type="button" onClick={() => save(say, `${s.key} reset`, () => api("DELETE", `${library}/settings/overrides/${encodeURIComponent(s.key)}`))}>Reset</button>}
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
