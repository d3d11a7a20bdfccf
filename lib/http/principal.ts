// Resolves the credential of a management API request into an Actor: the
// browser session cookie, or `Authorization: Bearer <PAT>`.
import { anonymousActor, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { loadUserAccess } from '@/lib/auth/access';
import { readSession, sessionCookieName } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { unauthenticated } from './errors';

export type CredentialSource = { cookie: (name: string) => string | undefined; authorization: string | null };

export async function resolveActor(source: CredentialSource, meta: RequestMeta): Promise<Actor> {
  if (source.authorization) {
    // Personal access tokens join here (the PAT issue); until then a bearer
    // credential is refused rather than silently ignored.
    throw unauthenticated('This token is not valid.');
  }
  const session = await readSession(source.cookie(sessionCookieName()));
  if (!session) return anonymousActor(meta);
  return {
    principal: { kind: 'user', user: await loadUserAccess(db(), session.id) },
    user: { id: session.id, email: session.email, name: session.name },
    credential: { type: 'session', id: session.sessionId },
    meta,
  };
}
