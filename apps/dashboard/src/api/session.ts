/** The signed-in user, kept for the browser tab (sessionStorage): a token and who it says we are. */
export type Role = 'admin' | 'hiring_lead' | 'recruiting_ops' | 'interviewer' | 'ingest';

export interface Session {
  token: string;
  role: Role;
  sub: string;
}

const KEY = 'plumbline.session';

export function readSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export const canReadOrg = (role: Role) => role === 'admin' || role === 'hiring_lead' || role === 'recruiting_ops';
