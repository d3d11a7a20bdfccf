// A presented credential plus the facts the download lookup fetched for it,
// turned into an actor, for every native route. PATs and entitlement tokens
// (tge_ or a custom string, lib/native/entitlement.ts); signed URLs join
// CREDENTIAL_KINDS with a resolver of their own, and everything after
// (authorize.ts, can()) stays as it is.
import { anonymousActor, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { hashSecret, isWellFormed } from '@/lib/credentials/secret';
import { invalidToken } from '@/lib/http/errors';
import { touchToken } from '@/lib/tokens/resolve';
import { isLivePat, patGrant } from '@/lib/tokens/principal';
import type { Presented } from './credentials';
import { entitlementActor, isEntitlementSecret } from './entitlement';
import type { DownloadLookup, TokenRow } from './lookup';

/** The actor of a PAT whose row the lookup returned for `repoId`; null when the token is dead. */
export function patActor(t: TokenRow, repoId: string, meta: RequestMeta): Actor | null {
  if (!isLivePat({ ...t, ownerIsMember: t.orgRole !== null })) return null;
  const grant = patGrant(t, t.accesses.map((access) => ({ repositoryId: repoId, access })), t.covered ? [repoId] : []);
  const repoRoles: Record<string, string> = t.repoRole ? { [repoId]: t.repoRole } : {};
  return {
    principal: {
      kind: 'pat',
      // Only the facts about this one repository: all can() needs here.
      user: { userId: t.userId, orgs: { [t.orgId]: { role: t.orgRole!, repoRoles } } },
      token: { id: t.id, orgId: t.orgId, grant },
    },
    user: { id: t.userId, email: t.email, name: t.name },
    credential: { type: 'pat', id: t.id },
    meta,
  };
}

type Resolver = (secret: string, repoId: string, meta: RequestMeta, lookup: DownloadLookup) => Promise<Actor | null>;

/** By the secret's shape (prefix and checksum, no database for garbage): who resolves it. */
const CREDENTIAL_KINDS: { matches: (secret: string) => boolean; resolve: Resolver }[] = [
  {
    matches: (secret) => isWellFormed(secret, 'pat'),
    async resolve(secret, repoId, meta, lookup) {
      const row = await lookup.token(hashSecret(secret), repoId);
      const actor = row && patActor(row, repoId, meta);
      if (actor) touchToken(row.id, meta.address);
      return actor;
    },
  },
  // Entitlement tokens: generated tge_ secrets and custom token strings (lib/native/entitlement.ts).
  { matches: isEntitlementSecret, resolve: entitlementActor },
];

type Kind = (typeof CREDENTIAL_KINDS)[number];

/** The kind of a presented credential, by its shape alone (no database); a 401 for one of no kind. */
export function credentialKind(presented: Presented): Kind {
  const kind = CREDENTIAL_KINDS.find((k) => k.matches(presented.secret));
  if (!kind) throw invalidToken();
  return kind;
}

/** The actor of a native request on repository `repoId` ('' when none): a presented but invalid credential is a 401, never anonymous. */
export async function nativeActor(presented: Presented | null, repoId: string, meta: RequestMeta, lookup: DownloadLookup): Promise<Actor> {
  if (!presented) return anonymousActor(meta);
  const actor = await credentialKind(presented).resolve(presented.secret, repoId, meta, lookup);
  if (!actor) throw invalidToken();
  return actor;
}
