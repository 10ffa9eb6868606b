import { useState } from "preact/hooks";
import { ApiError } from "./api";
import { completeMfa, login, type User } from "./session";

/** Username and password, then the TOTP (or a recovery code) step when the account has MFA. */
export function Login({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mfaToken === null) {
        const answer = await login(username, password);
        if (answer.done) {
          onSignedIn(answer.user);
        } else {
          setMfaToken(answer.mfaToken);
        }
      } else {
        onSignedIn(await completeMfa(mfaToken, code.trim(), recovery));
      }
    } catch (e) {
      const message = e instanceof ApiError ? e.message : "Swarmgrid did not answer";
      if (e instanceof ApiError && e.status === 401 && mfaToken !== null && message.includes("expired")) {
        setMfaToken(null);
      }
      setError(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Swarmgrid</h1>
        {mfaToken === null ? (
          <>
            <label>
              Username or email
              <input name="username" autoComplete="username" value={username} required autoFocus
                onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" value={password} required
                onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
            </label>
          </>
        ) : (
          <>
            <p>{recovery ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app."}</p>
            <label>
              {recovery ? "Recovery code" : "Code"}
              <input name="code" autoComplete="one-time-code" inputMode={recovery ? "text" : "numeric"} value={code} required autoFocus
                onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
            </label>
            <button type="button" class="link" onClick={() => { setRecovery(!recovery); setCode(""); }}>
              {recovery ? "Use an authenticator code" : "Use a recovery code"}
            </button>
          </>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{mfaToken === null ? "Sign in" : "Verify"}</button>
        <details class="hint">
          <summary>First start?</summary>
          <p>
            On its first start Swarmgrid creates the user <code>admin</code> and logs its one-time password once:
            look for <code>Created the superadmin 'admin' with the one-time password</code> in the output of
            <code>dotnet run --project src/Silo</code> (or set <code>Auth:Bootstrap:Username</code> and
            <code>Auth:Bootstrap:Password</code> before the first start). Change it after signing in.
          </p>
        </details>
      </form>
    </main>
  );
}
