import { api } from "./api";

export type Role = "viewer" | "operator" | "admin" | "superadmin";

export interface User {
  id: string;
  username: string;
  email: string;
  full_name: string | null;
  role: Role;
  is_active: boolean;
  mfa_enabled: boolean;
}

const ranks: Record<Role, number> = { viewer: 1, operator: 2, admin: 3, superadmin: 4 };

/** Whether a user of role `have` may do what needs `need`; the server checks again. */
export function atLeast(have: Role, need: Role): boolean {
  return ranks[have] >= ranks[need];
}

export type LoginAnswer = { done: true; user: User } | { done: false; mfaToken: string };

export async function login(username: string, password: string): Promise<LoginAnswer> {
  const answer = await api<{ user?: User; mfa_required?: boolean; mfa_token?: string }>("POST", "/api/v1/auth/login", { username, password });
  return answer.mfa_required ? { done: false, mfaToken: answer.mfa_token! } : { done: true, user: answer.user! };
}

export async function completeMfa(mfaToken: string, code: string, recovery: boolean): Promise<User> {
  const answer = await api<{ user: User }>("POST", "/api/v1/auth/mfa/verify",
    recovery ? { mfa_token: mfaToken, recovery_code: code } : { mfa_token: mfaToken, code });
  return answer.user;
}

export async function currentUser(): Promise<User | null> {
  try {
    return await api<User>("GET", "/api/v1/auth/me");
  } catch {
    return null;
  }
}

export async function logout(): Promise<void> {
  await api("POST", "/api/v1/auth/logout").catch(() => undefined);
}
