// JSON responses that open or close a browser session (sign-up, sign-in,
// invitation acceptance, sign-out).
import { sessionCookie, sessionCookieName } from '@/lib/auth/session';
import { json } from './respond';

export async function withSession(body: unknown, status: number, session: { id: string; userId: string } | null) {
  const res = json(body, status);
  if (session) res.headers.append('set-cookie', await sessionCookie(session));
  return res;
}

export function clearingSession(): Response {
  const res = json(null, 204);
  res.headers.append('set-cookie', `${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  return res;
}
