// Who performs an operation, as services see it: the principal for can(), the
// user behind it (for audit and ownership), the credential used and where the
// request came from. Built by the route wrapper or a page; services never see
// a Request.
import type { Principal } from '@/lib/authz';
import { unauthenticated } from '@/lib/http/errors';

export type RequestMeta = { address: string; userAgent: string; requestId: string };

/** The one RequestMeta builder: the client address (already resolved through TRUST_PROXY), its User-Agent and a new request id. */
export const requestMeta = (address: string | null | undefined, userAgent: string | null | undefined): RequestMeta => ({
  address: address ?? '',
  userAgent: userAgent ?? '',
  requestId: crypto.randomUUID(),
});

export type CredentialType = 'anonymous' | 'session' | 'pat' | 'entitlement' | 'signed_url' | 'system';

export type Actor = {
  principal: Principal;
  user: { id: string; email: string; name: string } | null;
  credential: { type: CredentialType; id: string | null };
  meta: RequestMeta;
};

export const anonymousActor = (meta: RequestMeta): Actor => ({
  principal: { kind: 'anonymous' },
  user: null,
  credential: { type: 'anonymous', id: null },
  meta,
});

/** The signed-in user of an actor, or a 401: for operations only a person may do. */
export function requireUser(actor: Actor): NonNullable<Actor['user']> {
  if (!actor.user) throw unauthenticated('This needs a signed-in user.');
  return actor.user;
}
