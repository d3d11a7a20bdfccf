// Turns a presented personal access token into a principal: shape and
// checksum first (no database for garbage), then one lookup by SHA-256,
// then the owner's access as of now. Last use is recorded at most once a
// minute per token, off the request path.
import type { PatGrant, Principal } from '@/lib/authz';
import { loadUserAccess } from '@/lib/auth/access';
import { hashSecret, isWellFormed } from '@/lib/credentials/secret';
import { db } from '@/lib/db/client';
import { tokenStatus } from './service';

export type ResolvedPat = {
  principal: Extract<Principal, { kind: 'pat' }>;
  user: { id: string; email: string; name: string };
  tokenId: string;
};

const TOUCH_INTERVAL_MS = 60_000;
const g = globalThis as unknown as { tollgateTokenTouches?: Map<string, number> };
const touches = (g.tollgateTokenTouches ??= new Map());

export function touchToken(tokenId: string, address: string) {
  const now = Date.now();
  if (now - (touches.get(tokenId) ?? 0) < TOUCH_INTERVAL_MS) return;
  touches.set(tokenId, now);
  if (touches.size > 100_000) touches.clear();
  void db()
    .personalAccessToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date(now), lastUsedAddress: address.slice(0, 100) } })
    .catch(() => touches.delete(tokenId)); // deleted meanwhile: nothing to record
}

export async function resolvePat(secret: string, address: string): Promise<ResolvedPat | null> {
  if (!isWellFormed(secret, 'pat')) return null;
  const token = await db().personalAccessToken.findUnique({
    where: { secretHash: hashSecret(secret) },
    select: {
      id: true, orgId: true, type: true, scopes: true, allRepositories: true, revokedAt: true, expiresAt: true,
      user: { select: { id: true, email: true, name: true } },
      resources: { select: { repositoryId: true, access: true } },
      repositories: { select: { repositoryId: true } },
    },
  });
  if (!token || tokenStatus(token) !== 'active') return null;
  const grant: PatGrant = token.type === 'resource'
    ? { type: 'resource', resources: token.resources }
    : { type: 'scope', scopes: JSON.parse(token.scopes) as string[], repositoryIds: token.allRepositories ? '*' : token.repositories.map((r) => r.repositoryId) };
  const access = await loadUserAccess(db(), token.user.id);
  // A token lives inside its owner's membership: once the owner leaves or is
  // removed from the token's organization the token is dead (401), not
  // merely powerless.
  if (!access.orgs[token.orgId]) return null;
  touchToken(token.id, address);
  return {
    principal: { kind: 'pat', user: access, token: { id: token.id, orgId: token.orgId, grant } },
    user: token.user,
    tokenId: token.id,
  };
}
