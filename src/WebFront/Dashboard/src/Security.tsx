import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { live } from "./live";
import type { Role, User } from "./session";
import { errorText } from "./Torrents";

const v1 = "/api/v1";
const roles: Role[] = ["viewer", "operator", "admin", "superadmin"];

interface UserRow extends User { created_at: string }
interface ApiKey { id: string; name: string; prefix: string; user_id: string; created_at: string; revoked_at: string | null }
interface Session { id: string; user_id: string; kind: string; ip: string | null; user_agent: string | null; created_at: string; expires_at: string }
interface Audit { id: number; at: string; actor: string | null; action: string; target: string | null; ip: string | null; details: string | null }

type Say = (error: boolean, text: string) => void;

/** The caller's MFA and API keys; for admins also users, sessions, IP rules and the audit log, live from `security`. */
export function Security({ user, isAdmin }: { user: User; isAdmin: boolean }) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [users, setUsers] = useState<UserRow[]>([]);
  const [sessions, setSessions] = useState<Session[]>([]);
  const [ipRules, setIpRules] = useState<{ allow: string[]; block: string[] } | null>(null);
  const [audit, setAudit] = useState<Audit[]>([]);
  const say: Say = (error, text) => setMessage({ error, text });

  const loadKeys = () => api<ApiKey[]>("GET", `${v1}/security/api-keys`).then(setKeys, () => undefined);
  const loadAdmin = () => {
    if (!isAdmin) return;
    api<UserRow[]>("GET", `${v1}/users?limit=200`).then(setUsers, () => undefined);
    api<Session[]>("GET", `${v1}/security/sessions`).then(setSessions, () => undefined);
    api<{ allow: string[]; block: string[] }>("GET", `${v1}/security/ip-rules`).then(setIpRules, () => undefined);
    api<{ items: Audit[] }>("GET", `${v1}/admin/audit?limit=50`).then((a) => setAudit(a.items), () => undefined);
  };

  useEffect(() => {
    void loadKeys();
    loadAdmin();
    if (!isAdmin) return;
    // Every audit entry is a security.* event: one reload of the lists per batch, no polling.
    return live.subscribe("security", () => { loadAdmin(); void loadKeys(); });
  }, [isAdmin]);

  async function act(what: string, call: () => Promise<unknown>, after?: () => void) {
    try {
      await call();
      say(false, what);
      after?.();
    } catch (e) {
      say(true, `${what}: ${errorText(e)}`);
    }
  }

  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">Security</h1>
      {message && <p class={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      <div class="grid-2">
        <Mfa user={user} say={say} />
        <ApiKeys keys={keys} say={say} act={act} reload={loadKeys} />
      </div>
      {isAdmin && (
        <>
          <Users users={users} me={user} act={act} reload={loadAdmin} />
          <div class="card">
            <h2>Sessions</h2>
            <div class="table-wrap">
              <table aria-label="Sessions">
                <thead><tr><th scope="col">User</th><th scope="col">Kind</th><th scope="col">IP</th><th scope="col">Browser</th><th scope="col">Expires</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr><td>{users.find((u) => u.id === s.user_id)?.username ?? s.user_id}</td><td>{s.kind}</td><td>{s.ip ?? "–"}</td>
                      <td class="path">{s.user_agent ?? "–"}</td><td>{new Date(s.expires_at).toLocaleString()}</td>
                      <td><button class="danger" onClick={() => act("Session revoked", () => api("DELETE", `${v1}/security/sessions/${s.id}`), loadAdmin)}>Revoke</button></td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {ipRules && <IpRules rules={ipRules} act={act} />}
          <div class="card">
            <h2>Audit log</h2>
            <div class="table-wrap">
              <table aria-label="Security audit log">
                <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Actor</th><th scope="col">Target</th><th scope="col">IP</th><th scope="col">Details</th></tr></thead>
                <tbody>
                  {audit.map((a) => (
                    <tr><td>{new Date(a.at).toLocaleString()}</td><td>{a.action}</td><td>{a.actor ?? "–"}</td><td>{a.target ?? "–"}</td><td>{a.ip ?? "–"}</td><td class="path">{a.details ?? ""}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function Mfa({ user, say }: { user: User; say: Say }) {
  const [enabled, setEnabled] = useState(user.mfa_enabled);
  const [setup, setSetup] = useState<{ secret: string; qr_code: string } | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [recovery, setRecovery] = useState<string[] | null>(null);
  return (
    <div class="card" aria-labelledby="mfa-title">
      <h2 id="mfa-title">Two-factor authentication</h2>
      <p>Status: <strong>{enabled ? "on" : "off"}</strong></p>
      {!enabled && !setup && <button onClick={async () => {
        try { setSetup(await api("POST", `${v1}/auth/mfa/totp/setup`)); } catch (e) { say(true, `MFA setup: ${errorText(e)}`); }
      }}>Set up an authenticator app</button>}
      {setup && (
        <form class="mfa-setup" onSubmit={async (e) => {
          e.preventDefault();
          try {
            const answer = await api<{ recovery_codes: string[] }>("POST", `${v1}/auth/mfa/totp/confirm`, { code: code.trim() });
            setRecovery(answer.recovery_codes);
            setEnabled(true);
            setSetup(null);
            setCode("");
            say(false, "Two-factor authentication is on");
          } catch (err) {
            say(true, `MFA: ${errorText(err)}`);
          }
        }}>
          <img class="qr" src={setup.qr_code} alt="QR code to scan with an authenticator app" width={200} height={200} />
          <p class="hint">Or enter the secret: <code data-testid="mfa-secret">{setup.secret}</code></p>
          <label>Code from the app<input name="code" inputMode="numeric" autoComplete="one-time-code" value={code} required onInput={(e) => setCode((e.target as HTMLInputElement).value)} /></label>
          <button type="submit" class="primary">Turn on</button>
        </form>
      )}
      {recovery && (
        <div><p>Recovery codes (shown once; keep them safe):</p><ul class="codes">{recovery.map((c) => <li><code>{c}</code></li>)}</ul></div>
      )}
      {enabled && (
        <form class="form-grid" onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api("POST", `${v1}/auth/mfa/totp/disable`, { password, code: code.trim() });
            setEnabled(false); setRecovery(null); setPassword(""); setCode("");
            say(false, "Two-factor authentication is off");
          } catch (err) {
            say(true, `MFA: ${errorText(err)}`);
          }
        }}>
          <label>Password<input type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} /></label>
          <label>Code<input inputMode="numeric" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} /></label>
          <button type="submit" class="danger">Turn off</button>
        </form>
      )}
    </div>
  );
}

function ApiKeys({ keys, say, act, reload }: { keys: ApiKey[]; say: Say; act: (w: string, c: () => Promise<unknown>, a?: () => void) => Promise<void>; reload: () => void }) {
  const [name, setName] = useState("");
  const [shown, setShown] = useState<string | null>(null);
  return (
    <div class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <form class="inline-form" onSubmit={async (e) => {
        e.preventDefault();
        try {
          const created = await api<{ key: string }>("POST", `${v1}/security/api-keys`, { name: name.trim() });
          setShown(created.key); setName(""); say(false, "API key created"); reload();
        } catch (err) {
          say(true, `API key: ${errorText(err)}`);
        }
      }}>
        <label class="inline">Name<input value={name} required onInput={(e) => setName((e.target as HTMLInputElement).value)} /></label>
        <button type="submit">Create key</button>
      </form>
      {shown && <p class="notice">New key (shown once): <code class="secret">{shown}</code></p>}
      <div class="table-wrap">
        <table aria-label="API keys">
          <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Created</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {keys.filter((k) => !k.revoked_at).map((k) => (
              <tr><td>{k.name}</td><td><code>{k.prefix}</code></td><td>{new Date(k.created_at).toLocaleDateString()}</td>
                <td><button class="danger" onClick={() => act(`Key ${k.name} revoked`, () => api("DELETE", `${v1}/security/api-keys/${k.id}`), reload)}>Revoke</button></td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Users({ users, me, act, reload }: { users: UserRow[]; me: User; act: (w: string, c: () => Promise<unknown>, a?: () => void) => Promise<void>; reload: () => void }) {
  const [form, setForm] = useState({ email: "", password: "", role: "viewer" as Role });
  const grantable = roles.filter((r) => r !== "superadmin" || me.role === "superadmin");
  return (
    <div class="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <div class="table-wrap">
        <table aria-label="Users">
          <thead><tr><th scope="col">User</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">MFA</th><th scope="col">Active</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.username}</td><td>{u.email}</td>
                <td>{u.id === me.id ? u.role : (
                  <select aria-label={`Role of ${u.username}`} value={u.role}
                    onChange={(e) => act(`Role of ${u.username} changed`, () => api("PUT", `${v1}/users/${u.id}`, { role: (e.target as HTMLSelectElement).value }), reload)}>
                    {grantable.map((r) => <option value={r}>{r}</option>)}
                  </select>
                )}</td>
                <td>{u.mfa_enabled ? "on" : "off"}</td><td>{u.is_active ? "yes" : "no"}</td>
                <td>{u.id !== me.id && <button class="danger" onClick={() => confirm(`Delete ${u.username}?`) && act(`Deleted ${u.username}`, () => api("DELETE", `${v1}/users/${u.id}`), reload)}>Delete</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form class="form-grid" aria-label="Add a user" onSubmit={(e) => { e.preventDefault();
        void act(`Created ${form.email}`, () => api("POST", `${v1}/users`, form), () => { setForm({ email: "", password: "", role: "viewer" }); reload(); }); }}>
        <label>Email<input type="email" value={form.email} required onInput={(e) => setForm({ ...form, email: (e.target as HTMLInputElement).value })} /></label>
        <label>Password<input type="password" autoComplete="new-password" value={form.password} required onInput={(e) => setForm({ ...form, password: (e.target as HTMLInputElement).value })} /></label>
        <label>Role<select value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value as Role })}>{grantable.map((r) => <option value={r}>{r}</option>)}</select></label>
        <button type="submit">Add user</button>
      </form>
    </div>
  );
}

function IpRules({ rules, act }: { rules: { allow: string[]; block: string[] }; act: (w: string, c: () => Promise<unknown>) => Promise<void> }) {
  const [allow, setAllow] = useState(rules.allow.join("\n"));
  const [block, setBlock] = useState(rules.block.join("\n"));
  useEffect(() => { setAllow(rules.allow.join("\n")); setBlock(rules.block.join("\n")); }, [rules]);
  const lines = (text: string) => text.split(/\s+/).map((l) => l.trim()).filter((l) => l.length > 0);
  return (
    <form class="card" aria-labelledby="ip-title" onSubmit={(e) => { e.preventDefault(); void act("IP rules saved", () => api("PUT", `${v1}/security/ip-rules`, { allow: lines(allow), block: lines(block) })); }}>
      <h2 id="ip-title">IP rules <span class="hint">(addresses or CIDR ranges, one a line; an empty allow list allows everyone)</span></h2>
      <div class="grid-2">
        <label>Allow<textarea rows={4} value={allow} onInput={(e) => setAllow((e.target as HTMLTextAreaElement).value)} /></label>
        <label>Block<textarea rows={4} value={block} onInput={(e) => setBlock((e.target as HTMLTextAreaElement).value)} /></label>
      </div>
      <div class="row-buttons"><button type="submit" class="primary">Save IP rules</button></div>
    </form>
  );
}
