// Resolves the credential of a management API request into an Actor: the
// browser session cookie, or `Authorization: Bearer <PAT>`.
import { anonymousActor, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { loadUserAccess } from '@/lib/auth/access';
import { readSession, sessionCookieName } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { resolvePat } from '@/lib/tokens/resolve';
import { invalidToken, unauthenticated } from './errors';

export type CredentialSource = { cookie: (name: string) => string | undefined; authorization: string | null };

export async function resolveActor(source: CredentialSource, meta: RequestMeta): Promise<Actor> {
  if (source.authorization) {
    // A credential that is present but not valid is refused, never ignored
    // (falling back to the session would hide a misconfigured client).
    const [scheme, value] = source.authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value) throw unauthenticated('Use Authorization: Bearer <personal access token>.');
    const pat = await resolvePat(value, meta.address);
    if (!pat) throw invalidToken();
    return { principal: pat.principal, user: pat.user, credential: { type: 'pat', id: pat.tokenId }, meta };
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
