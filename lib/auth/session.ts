// Browser sessions. The cookie is a next-auth JWT (encrypted with AUTH_SECRET)
// that names a Session row; the row is checked on every request, so deleting
// it (sign-out, removal from an org, password change) ends the session at
// once even though the cookie itself has not expired.
import { decode, encode } from 'next-auth/jwt';
import { db, type Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import type { RequestMeta } from './actor';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** next-auth's cookie name: the __Secure- prefix when served over https. */
export function sessionCookieName(): string {
  return env().publicUrl.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

export async function createSession(userId: string, meta: Pick<RequestMeta, 'address' | 'userAgent'>, client: Pick<Db, 'session'> = db()) {
  return client.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      address: meta.address.slice(0, 100),
      userAgent: meta.userAgent.slice(0, 500),
    },
  });
}

/** The Set-Cookie header value for a session row (same format next-auth issues). */
export async function sessionCookie(session: { id: string; userId: string }): Promise<string> {
  const value = await encode({
    token: { sub: session.userId, sid: session.id },
    secret: env().authSecret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const secure = env().publicUrl.startsWith('https://') ? '; Secure' : '';
  return `${sessionCookieName()}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}${secure}`;
}

export type SessionUser = { sessionId: string; id: string; email: string; name: string };

/** The user of a session cookie value, or null when absent, invalid, expired or ended. */
export async function readSession(cookieValue: string | undefined): Promise<SessionUser | null> {
  if (!cookieValue) return null;
  let sid: unknown;
  try {
    const token = await decode({ token: cookieValue, secret: env().authSecret });
    sid = token?.sid;
  } catch {
    return null;
  }
  if (typeof sid !== 'string') return null;
  const session = await db().session.findUnique({
    where: { id: sid },
    select: { id: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return { sessionId: session.id, ...session.user };
}

export async function endSession(sessionId: string) {
  await db().session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user (removal from an org, password change). */
export async function endUserSessions(userId: string) {
  await db().session.deleteMany({ where: { userId } });
}
