// Turns a presented personal access token into a principal: shape and
// checksum first (no database for garbage), then one lookup by SHA-256,
// then the owner's access as of now. Last use is recorded at most once a
// minute per token, off the request path.
import type { Principal } from '@/lib/authz';
import { loadUserAccess } from '@/lib/auth/access';
import { hashSecret, isWellFormed } from '@/lib/credentials/secret';
import { db } from '@/lib/db/client';
import { isLivePat, patGrant } from './principal';

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
  if (!token || !isLivePat({ ...token, ownerIsMember: true })) return null;
  const access = await loadUserAccess(db(), token.user.id);
  if (!isLivePat({ ...token, ownerIsMember: !!access.orgs[token.orgId] })) return null;
  const grant = patGrant(token, token.resources, token.repositories.map((r) => r.repositoryId));
  touchToken(token.id, address);
  return {
    principal: { kind: 'pat', user: access, token: { id: token.id, orgId: token.orgId, grant } },
    user: token.user,
    tokenId: token.id,
  };
}
