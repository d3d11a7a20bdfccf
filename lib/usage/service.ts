// The download log of a repository, newest first: who (which credential)
// downloaded which file, when, how many bytes, from where. The events are
// written by lib/usage/download-log (batched off the request path).
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { db } from '@/lib/db/client';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { findRepo, repoResource } from '@/lib/repos/service';

export async function listDownloads(actor: Actor, slug: string, name: string, q: PageQuery) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo.usage:view', repoResource(repo));
  const rows = await db().downloadEvent.findMany({
    where: { repositoryId: repo.id },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    ...pageArgs(q),
  });
  const ids = (type: string) => [...new Set(rows.filter((r) => r.credentialType === type && r.credentialId).map((r) => r.credentialId!))];
  const userIds = [...new Set(rows.map((r) => r.userId).filter((u): u is string => !!u))];
  const entitlementIds = [...new Set(rows.map((r) => r.entitlementId).filter((e): e is string => !!e))];
  const [tokens, users, entitlements] = await Promise.all([
    db().personalAccessToken.findMany({ where: { id: { in: ids('pat') } }, select: { id: true, name: true } }),
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db().entitlementToken.findMany({ where: { id: { in: entitlementIds } }, select: { id: true, name: true } }),
  ]);
  const tokenName = new Map(tokens.map((t) => [t.id, t.name]));
  const email = new Map(users.map((u) => [u.id, u.email]));
  const entitlementName = new Map(entitlements.map((e) => [e.id, e.name]));
  return toPage(rows, q, (r) => ({
    at: r.at.toISOString(),
    path: r.path,
    bytes: Number(r.bytes),
    credential: {
      type: r.credentialType,
      label:
        r.credentialType === 'pat' ? (tokenName.get(r.credentialId ?? '') ?? null)
        : r.credentialType === 'entitlement' ? (entitlementName.get(r.entitlementId ?? '') ?? null)
        : r.credentialType === 'anonymous' ? 'anonymous'
        : r.credentialType === 'session' ? 'browser session'
        : r.credentialType === 'signed_url' ? 'signed URL'
        : null,
      user: r.userId ? (email.get(r.userId) ?? null) : null,
    },
    clientAddress: r.clientAddress,
    userAgent: r.userAgent,
  }));
}
