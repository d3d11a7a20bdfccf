// Repositories and repository roles. Every function starts with requireScope().
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { loadUserAccess } from '@/lib/auth/access';
import { can, effectiveScopes, requireScope, requireVisible, type Resource } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db/client';
import { conflict, notFound } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { findOrg, orgResource, type OrgRow } from '@/lib/orgs/service';
import { collectBlobs } from '@/lib/storage/gc';
import type { createRepoInput, setRepoRoleInput, updateRepoInput } from './schema';
import { repoUrls } from './urls';

export type RepoRow = { id: string; orgId: string; name: string; format: string; visibility: string; description: string; contentVersion: number; createdAt: Date; updatedAt: Date };

export const repoResource = (repo: Pick<RepoRow, 'id' | 'orgId' | 'visibility'>): Resource => ({
  type: 'repository',
  orgId: repo.orgId,
  repositoryId: repo.id,
  visibility: repo.visibility,
});

/** The repository named in a path, or 404. Permission is checked by the caller. */
export async function findRepo(orgSlug: string, name: string): Promise<{ org: OrgRow; repo: RepoRow }> {
  const org = await findOrg(orgSlug);
  const repo = await db().repository.findUnique({ where: { orgId_name: { orgId: org.id, name: name.toLowerCase() } } });
  if (!repo) throw notFound('No such repository.');
  return { org, repo };
}

async function stats(repoIds: string[]) {
  const rows = await db().artifact.groupBy({ by: ['repositoryId'], where: { repositoryId: { in: repoIds } }, _count: { _all: true }, _sum: { size: true } });
  return new Map(rows.map((r) => [r.repositoryId, { fileCount: r._count._all, totalBytes: Number(r._sum.size ?? 0) }]));
}

function view(actor: Actor, org: OrgRow, repo: RepoRow, s?: { fileCount: number; totalBytes: number }) {
  const listable = can(actor.principal, 'artifact:view', repoResource(repo));
  return {
    id: repo.id,
    name: repo.name,
    format: repo.format,
    visibility: repo.visibility,
    description: repo.description,
    createdAt: repo.createdAt.toISOString(),
    updatedAt: repo.updatedAt.toISOString(),
    // Counts describe the files: only for those who may list them.
    fileCount: listable ? (s?.fileCount ?? 0) : null,
    totalBytes: listable ? (s?.totalBytes ?? 0) : null,
    urls: repoUrls(org.slug, repo.name, repo.format),
    permissions: [...effectiveScopes(actor.principal, repoResource(repo))].sort(),
  };
}

export async function listRepos(actor: Actor, slug: string, q: PageQuery) {
  const org = await findOrg(slug);
  // Not guarded by an org scope: a resource token of this org holds none, yet
  // lists the repositories its grant reaches. Each row is filtered by repo:view.
  requireVisible(actor.principal, orgResource(org));
  // Visibility is decided by can(), not by SQL, so read on in batches until a
  // full page of visible repositories (plus one, to know whether more exist).
  const visible: RepoRow[] = [];
  const batch = Math.max(q.limit + 1, 100);
  let cursor = q.cursor;
  for (;;) {
    const rows = await db().repository.findMany({
      where: { orgId: org.id },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: batch,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    visible.push(...rows.filter((r) => can(actor.principal, 'repo:view', repoResource(r))));
    if (visible.length > q.limit || rows.length < batch) break;
    cursor = rows[rows.length - 1]!.id;
  }
  const page = toPage(visible, q, (r) => r);
  const s = await stats(page.items.map((r) => r.id));
  return { items: page.items.map((r) => view(actor, org, r, s.get(r.id))), nextCursor: page.nextCursor };
}

export async function createRepo(actor: Actor, slug: string, input: z.output<typeof createRepoInput>) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'repo:create', orgResource(org));
  if (await db().repository.findUnique({ where: { orgId_name: { orgId: org.id, name: input.name } }, select: { id: true } })) {
    throw conflict(`A repository named "${input.name}" exists.`, [{ path: 'name', message: 'This name is taken in this organization.' }]);
  }
  const repo = await db().$transaction(async (tx) => {
    const repo = await tx.repository.create({
      data: { orgId: org.id, name: input.name, format: input.format, visibility: input.visibility ?? org.defaultVisibility, description: input.description ?? '' },
    });
    // The creator administers what they create (owners and admins already do).
    const role = actor.user ? (actor.principal.kind === 'user' || actor.principal.kind === 'pat' ? actor.principal.user.orgs[org.id]?.role : null) : null;
    if (actor.user && role !== 'owner' && role !== 'admin') {
      await tx.repositoryRole.create({ data: { repositoryId: repo.id, userId: actor.user.id, role: 'admin' } });
    }
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'repo.created',
      target: { type: 'repository', id: repo.id, label: repo.name },
      data: { format: repo.format, visibility: repo.visibility },
    });
    return repo;
  });
  // The creator's new role is not in the principal loaded for this request.
  const principal = actor.principal.kind === 'user' ? { kind: 'user' as const, user: await loadUserAccess(db(), actor.principal.user.userId) } : actor.principal;
  return view({ ...actor, principal }, org, repo);
}

export async function getRepo(actor: Actor, slug: string, name: string) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo:view', repoResource(repo));
  return view(actor, org, repo, (await stats([repo.id])).get(repo.id));
}

export async function updateRepo(actor: Actor, slug: string, name: string, input: z.output<typeof updateRepoInput>) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo:edit', repoResource(repo));
  const updated = await db().$transaction(async (tx) => {
    const updated = await tx.repository.update({ where: { id: repo.id }, data: input });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'repo.updated',
      target: { type: 'repository', id: repo.id, label: repo.name },
      data: { before: { visibility: repo.visibility, description: repo.description }, after: input },
    });
    return updated;
  });
  return view(actor, org, updated, (await stats([repo.id])).get(repo.id));
}

export async function deleteRepo(actor: Actor, slug: string, name: string) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo:delete', repoResource(repo));
  const keys = (await db().artifact.findMany({ where: { repositoryId: repo.id }, select: { blobKey: true } })).map((a) => a.blobKey);
  await db().$transaction(async (tx) => {
    // Grants bind ids: deleting the row deletes every token grant on it, so a
    // re-created repository of the same name is not covered by old tokens.
    await tx.repository.delete({ where: { id: repo.id } });
    await recordAudit(tx, actor, { orgId: org.id, action: 'repo.deleted', target: { type: 'repository', id: repo.id, label: repo.name } });
  });
  await collectBlobs(keys);
}

export async function listRepoMembers(actor: Actor, slug: string, name: string, q: PageQuery) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo.member:view', repoResource(repo));
  const rows = await db().repositoryRole.findMany({
    where: { repositoryId: repo.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, role: true, user: { select: { id: true, email: true, name: true } } },
    ...pageArgs(q),
  });
  return toPage(rows, q, (r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, role: r.role }));
}

export async function setRepoRole(actor: Actor, slug: string, name: string, userId: string, input: z.output<typeof setRepoRoleInput>) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo.member:edit', repoResource(repo));
  const member = await db().membership.findUnique({ where: { userId_orgId: { userId, orgId: org.id } }, select: { user: { select: { id: true, email: true, name: true } } } });
  if (!member) throw notFound('No such member of this organization.');
  await db().$transaction(async (tx) => {
    const before = await tx.repositoryRole.findUnique({ where: { repositoryId_userId: { repositoryId: repo.id, userId } } });
    await tx.repositoryRole.upsert({
      where: { repositoryId_userId: { repositoryId: repo.id, userId } },
      create: { repositoryId: repo.id, userId, role: input.role },
      update: { role: input.role },
    });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'repo.member_role_set',
      target: { type: 'user', id: userId, label: member.user.email },
      data: { repository: repo.name, from: before?.role ?? null, to: input.role },
    });
  });
  return { userId, email: member.user.email, name: member.user.name, role: input.role };
}

export async function removeRepoRole(actor: Actor, slug: string, name: string, userId: string) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'repo.member:edit', repoResource(repo));
  await db().$transaction(async (tx) => {
    const role = await tx.repositoryRole.findUnique({ where: { repositoryId_userId: { repositoryId: repo.id, userId } }, include: { user: { select: { email: true } } } });
    if (!role) throw notFound('This user has no role on this repository.');
    await tx.repositoryRole.delete({ where: { id: role.id } });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'repo.member_role_removed',
      target: { type: 'user', id: userId, label: role.user.email },
      data: { repository: repo.name, role: role.role },
    });
  });
}
