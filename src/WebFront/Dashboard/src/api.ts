// Calls to the web front's REST faces with the session cookie; state changes carry the CSRF token of the session.

export class ApiError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

function csrfToken(): string {
  const match = document.cookie.split("; ").find((c) => c.startsWith("csrf_token="));
  return match ? decodeURIComponent(match.substring("csrf_token=".length)) : "";
}

/** Raised for a 401: the session ended; the app returns to the login page. */
export const sessionEnded = new EventTarget();

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (method !== "GET") {
    headers["X-CSRF-Token"] = csrfToken();
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  const text = await response.text();
  const json = text.length > 0 && (response.headers.get("Content-Type") ?? "").includes("json") ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith("/auth/login") && !path.endsWith("/mfa/verify")) {
      sessionEnded.dispatchEvent(new Event("ended"));
    }
    throw new ApiError(response.status, (json && (json.error ?? json.detail)) || response.statusText);
  }
  return json as T;
}
