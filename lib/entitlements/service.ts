// Entitlement tokens (distribution keys): owned by the organization, not by
// the user who created them (createdById is only a record; it is set null if
// that user is deleted and nothing reads it for access). Read-only keys over
// one or more `distribution` repositories, with restrictions enforced on the
// native routes by lib/native/entitlement.ts. Only the SHA-256 of a secret is
// stored; the secret is in the create and refresh responses only. Every
// change is an audit event in the transaction of the change, without secrets.
import type { Actor } from '@/lib/auth/actor';
import { can, requireScope, type Scope } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { generateSecret, hashSecret, lastFour, prefixOf } from '@/lib/credentials/secret';
import { databaseProvider, db, type Prisma, type Tx } from '@/lib/db/client';
import { badRequest, conflict, notFound, type ErrorDetail } from '@/lib/http/errors';
import { pageArgs, toPage } from '@/lib/http/pagination';
import { findOrg, orgResource, type OrgRow } from '@/lib/orgs/service';
import { repoResource } from '@/lib/repos/service';
import {
  EXPIRY_WARNING_DAYS,
  WARN_FRACTION,
  type CreateEntitlement,
  type EntitlementStatus,
  type EntitlementView,
  type LimitKind,
  type ListEntitlementsQuery,
  type UpdateEntitlement,
} from './schema';

const include = {
  repositories: { select: { repository: { select: { name: true, visibility: true } } } },
  createdBy: { select: { name: true, email: true } },
} as const;

type Row = Prisma.EntitlementTokenGetPayload<{ include: typeof include }>;
type Usage = { downloads: number; bytes: number; clients: number; lastDownloadAt: Date | null };

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const DAY = 86_400_000;

export function entitlementStatus(e: { revokedAt: Date | null; enabled: boolean; validFrom: Date | null; validUntil: Date | null }, now = Date.now()): EntitlementStatus {
  if (e.revokedAt) return 'revoked';
  if (!e.enabled) return 'disabled';
  if (e.validUntil && e.validUntil.getTime() <= now) return 'expired';
  if (e.validFrom && e.validFrom.getTime() > now) return 'scheduled';
  return 'active';
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * What a limit has used: the exact counters where the hot path keeps them
 * (downloads and bytes when either limit is set, clients when maxClients is),
 * the download log otherwise.
 */
function used(e: Row, u: Usage): Record<LimitKind, number> {
  const counted = e.maxDownloads !== null || e.maxBytes !== null;
  return {
    downloads: counted ? e.downloadCount : u.downloads,
    bytes: counted ? Number(e.bytesCount) : u.bytes,
    clients: e.maxClients !== null ? e.clientCount : u.clients,
  };
}

const LIMIT_LABEL: Record<LimitKind, string> = { downloads: 'download', clients: 'client', bytes: 'bandwidth' };

export function entitlementView(e: Row, u: Usage, now = Date.now()): EntitlementView {
  const use = used(e, u);
  const max: Record<LimitKind, number | null> = {
    downloads: e.maxDownloads,
    clients: e.maxClients,
    bytes: e.maxBytes === null ? null : Number(e.maxBytes),
  };
  const quota = (Object.keys(max) as LimitKind[])
    .filter((k) => max[k] !== null)
    .map((k) => {
      const m = max[k]!;
      const usedK = Math.min(use[k], m);
      return { limit: k, max: m, used: use[k], remaining: Math.max(0, m - use[k]), fraction: m > 0 ? usedK / m : 1 };
    })
    .sort((a, b) => b.fraction - a.fraction);
  const status = entitlementStatus(e, now);
  const warnings: EntitlementView['warnings'] = [];
  if (status === 'active' || status === 'scheduled') {
    if (e.validUntil && e.validUntil.getTime() - now <= EXPIRY_WARNING_DAYS * DAY) {
      const days = Math.max(0, Math.ceil((e.validUntil.getTime() - now) / DAY));
      warnings.push({ code: 'expires_soon', message: `Expires in ${days} day${days === 1 ? '' : 's'} (${e.validUntil.toISOString().slice(0, 10)}).` });
    }
    for (const q of quota) {
      if (q.fraction >= 1) warnings.push({ code: 'limit_reached', limit: q.limit, message: `The ${LIMIT_LABEL[q.limit]} limit is reached (${q.used} of ${q.max}).` });
      else if (q.fraction >= WARN_FRACTION) warnings.push({ code: 'limit_near', limit: q.limit, message: `${Math.floor(q.fraction * 100)} % of the ${LIMIT_LABEL[q.limit]} limit is used (${q.used} of ${q.max}).` });
    }
  }
  return {
    id: e.id,
    name: e.name,
    customer: e.customer,
    description: e.description,
    status,
    enabled: e.enabled,
    repositories: e.repositories.map((r) => r.repository.name).sort(),
    tags: parseJson<string[]>(e.tags, []),
    metadata: parseJson<Record<string, unknown>>(e.metadata, {}),
    prefix: e.prefix,
    lastFour: e.lastFour,
    customToken: e.customSecret,
    validFrom: iso(e.validFrom),
    validUntil: iso(e.validUntil),
    maxDownloads: e.maxDownloads,
    maxClients: e.maxClients,
    maxBytes: max.bytes,
    allowedCidrs: parseJson<string[]>(e.allowedCidrs, []),
    pathPatterns: parseJson<string[]>(e.pathPatterns, []),
    usage: { downloads: u.downloads, bytes: u.bytes, clients: u.clients, lastDownloadAt: iso(u.lastDownloadAt) },
    remaining: {
      downloads: max.downloads === null ? null : Math.max(0, max.downloads - use.downloads),
      clients: max.clients === null ? null : Math.max(0, max.clients - use.clients),
      bytes: max.bytes === null ? null : Math.max(0, max.bytes - use.bytes),
    },
    quota,
    warnings,
    revokedAt: iso(e.revokedAt),
    createdBy: e.createdBy ? { name: e.createdBy.name, email: e.createdBy.email } : null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Usage from the download log (every download through the entitlement), for a set of entitlements. */
async function usageOf(ids: string[]): Promise<Map<string, Usage>> {
  const out = new Map<string, Usage>(ids.map((id) => [id, { downloads: 0, bytes: 0, clients: 0, lastDownloadAt: null }]));
  if (ids.length === 0) return out;
  const [totals, clients] = await Promise.all([
    db().downloadEvent.groupBy({ by: ['entitlementId'], where: { entitlementId: { in: ids } }, _count: { _all: true }, _sum: { bytes: true }, _max: { at: true } }),
    db().downloadEvent.groupBy({ by: ['entitlementId', 'clientAddress'], where: { entitlementId: { in: ids } } }),
  ]);
  for (const t of totals) {
    const u = out.get(t.entitlementId!)!;
    u.downloads = t._count._all;
    u.bytes = Number(t._sum.bytes ?? 0);
    u.lastDownloadAt = t._max.at;
  }
  for (const c of clients) out.get(c.entitlementId!)!.clients++;
  return out;
}

async function viewOne(e: Row) {
  return entitlementView(e, (await usageOf([e.id])).get(e.id)!);
}

export async function orgFor(actor: Actor, slug: string, scope: Scope): Promise<OrgRow> {
  const org = await findOrg(slug);
  requireScope(actor.principal, scope, orgResource(org));
  return org;
}

export async function findEntitlement(orgId: string, id: string): Promise<Row> {
  const e = await db().entitlementToken.findFirst({ where: { id, orgId }, include });
  if (!e) throw notFound('No such entitlement.');
  return e;
}

/**
 * The repositories named, by id: each must exist, be visible to the actor
 * (a name it cannot see reads as absent) and be `distribution`. One detail per
 * bad name, so the form can point at it.
 */
async function distributionRepositories(actor: Actor, org: OrgRow, names: string[]): Promise<string[]> {
  const rows = await db().repository.findMany({ where: { orgId: org.id, name: { in: names } }, select: { id: true, orgId: true, name: true, visibility: true } });
  const byName = new Map(rows.map((r) => [r.name, r]));
  const details: ErrorDetail[] = [];
  names.forEach((name, i) => {
    const r = byName.get(name);
    if (!r || !can(actor.principal, 'repo:view', repoResource(r))) {
      details.push({ path: `repositories.${i}`, message: `There is no repository "${name}" in this organization.` });
    } else if (r.visibility !== 'distribution') {
      details.push({
        path: `repositories.${i}`,
        message: `"${name}" is ${r.visibility}: entitlements open only distribution repositories (change its visibility to distribution first).`,
      });
    }
  });
  if (details.length) throw badRequest('Entitlements open only distribution repositories you can see.', details);
  return names.map((n) => byName.get(n)!.id);
}

const secretTaken = () => conflict('This token string is taken.', [{ path: 'token', message: 'This token string is already in use; choose another.' }]);

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

/** What an audit record says about an entitlement's settings (never the secret). */
type AnyInput = Omit<Partial<CreateEntitlement> & Partial<UpdateEntitlement>, 'token'> & { token?: string };

function auditData(input: AnyInput) {
  const data: Record<string, unknown> = { ...input };
  delete data.token;
  delete data.metadata;
  if (input.metadata !== undefined) data.metadataKeys = Object.keys(input.metadata);
  return data;
}

function restrictionData(input: AnyInput) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.customer !== undefined ? { customer: input.customer } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.tags !== undefined ? { tags: JSON.stringify(input.tags) } : {}),
    ...(input.metadata !== undefined ? { metadata: JSON.stringify(input.metadata) } : {}),
    ...(input.validFrom !== undefined ? { validFrom: input.validFrom === null ? null : new Date(input.validFrom) } : {}),
    ...(input.validUntil !== undefined ? { validUntil: input.validUntil === null ? null : new Date(input.validUntil) } : {}),
    ...(input.maxDownloads !== undefined ? { maxDownloads: input.maxDownloads } : {}),
    ...(input.maxClients !== undefined ? { maxClients: input.maxClients } : {}),
    ...(input.maxBytes !== undefined ? { maxBytes: input.maxBytes === null ? null : BigInt(input.maxBytes) } : {}),
    ...(input.allowedCidrs !== undefined ? { allowedCidrs: JSON.stringify(input.allowedCidrs) } : {}),
    ...(input.pathPatterns !== undefined ? { pathPatterns: JSON.stringify(input.pathPatterns) } : {}),
  };
}

function secretFields(secret: string, custom: boolean) {
  return {
    secretHash: hashSecret(secret),
    prefix: custom ? secret.slice(0, 4) : prefixOf('entitlement'),
    lastFour: lastFour(secret),
    customSecret: custom,
  };
}

export async function createEntitlement(actor: Actor, slug: string, input: CreateEntitlement) {
  const org = await orgFor(actor, slug, 'entitlement:edit');
  const repositoryIds = await distributionRepositories(actor, org, input.repositories);
  const secret = input.token ?? generateSecret('entitlement');
  const fields = secretFields(secret, input.token !== undefined);
  if (await db().entitlementToken.findUnique({ where: { secretHash: fields.secretHash }, select: { id: true } })) throw secretTaken();
  try {
    const id = await db().$transaction(async (tx) => {
      const e = await tx.entitlementToken.create({
        data: {
          orgId: org.id,
          ...restrictionData(input),
          name: input.name,
          ...fields,
          createdById: actor.user?.id ?? null,
          repositories: { create: repositoryIds.map((repositoryId) => ({ repositoryId })) },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, { orgId: org.id, action: 'entitlement.created', target: { type: 'entitlement', id: e.id, label: input.name }, data: auditData(input) });
      return e.id;
    });
    return { entitlement: await viewOne(await findEntitlement(org.id, id)), secret };
  } catch (err) {
    if (isUniqueViolation(err)) throw secretTaken();
    throw err;
  }
}

function statusWhere(status: EntitlementStatus, now: Date): Prisma.EntitlementTokenWhereInput {
  const live = { revokedAt: null, enabled: true };
  switch (status) {
    case 'revoked':
      return { revokedAt: { not: null } };
    case 'disabled':
      return { revokedAt: null, enabled: false };
    case 'expired':
      return { ...live, validUntil: { lte: now } };
    case 'scheduled':
      return { ...live, validFrom: { gt: now }, OR: [{ validUntil: null }, { validUntil: { gt: now } }] };
    case 'active':
      return {
        ...live,
        AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: now } }] }, { OR: [{ validUntil: null }, { validUntil: { gt: now } }] }],
      };
  }
}

export async function listEntitlements(actor: Actor, slug: string, q: ListEntitlementsQuery) {
  const org = await orgFor(actor, slug, 'entitlement:view');
  const now = new Date();
  // PostgreSQL compares case-sensitively unless asked; SQLite's LIKE already ignores ASCII case.
  const mode = databaseProvider() === 'postgresql' ? ({ mode: 'insensitive' } as const) : {};
  const and: Prisma.EntitlementTokenWhereInput[] = [{ orgId: org.id }];
  if (q.q) and.push({ OR: (['name', 'customer', 'description'] as const).map((f) => ({ [f]: { contains: q.q, ...mode } })) });
  if (q.tag) and.push({ tags: { contains: JSON.stringify(q.tag) } });
  if (q.status) and.push(statusWhere(q.status, now));
  const rows = await db().entitlementToken.findMany({
    where: { AND: and },
    include,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(q),
  });
  const page = toPage(rows, q, (r) => r);
  const usage = await usageOf(page.items.map((r) => r.id));
  return { items: page.items.map((r) => entitlementView(r, usage.get(r.id)!, now.getTime())), nextCursor: page.nextCursor };
}

export async function getEntitlement(actor: Actor, slug: string, id: string) {
  const org = await orgFor(actor, slug, 'entitlement:view');
  return { entitlement: await viewOne(await findEntitlement(org.id, id)) };
}

const revokedConflict = () => conflict('This entitlement is revoked: revocation is permanent. Create a new one.');

/**
 * Counters start being kept exactly when a limit is first set: seed them from
 * the download log then, so a limit added later counts what came before.
 */
async function seedCounters(tx: Tx, e: Row, next: { maxDownloads: number | null; maxBytes: bigint | null; maxClients: number | null }) {
  const countedBefore = e.maxDownloads !== null || e.maxBytes !== null;
  const countedAfter = next.maxDownloads !== null || next.maxBytes !== null;
  const data: Prisma.EntitlementTokenUpdateInput = {};
  if (!countedBefore && countedAfter) {
    const t = await tx.downloadEvent.aggregate({ where: { entitlementId: e.id }, _count: { _all: true }, _sum: { bytes: true } });
    data.downloadCount = t._count._all;
    data.bytesCount = t._sum.bytes ?? 0n;
  }
  if (e.maxClients === null && next.maxClients !== null) {
    const seen = await tx.downloadEvent.groupBy({ by: ['clientAddress'], where: { entitlementId: e.id }, _min: { at: true } });
    await tx.entitlementClient.deleteMany({ where: { entitlementId: e.id } });
    if (seen.length) {
      await tx.entitlementClient.createMany({ data: seen.map((s) => ({ entitlementId: e.id, address: s.clientAddress, firstSeenAt: s._min.at ?? new Date() })) });
    }
    data.clientCount = seen.length;
  }
  if (Object.keys(data).length) await tx.entitlementToken.update({ where: { id: e.id }, data });
}

export async function updateEntitlement(actor: Actor, slug: string, id: string, input: UpdateEntitlement) {
  const org = await orgFor(actor, slug, 'entitlement:edit');
  const e = await findEntitlement(org.id, id);
  if (e.revokedAt) throw revokedConflict();
  const repositoryIds = input.repositories ? await distributionRepositories(actor, org, input.repositories) : null;
  const validFrom = input.validFrom !== undefined ? (input.validFrom ? new Date(input.validFrom) : null) : e.validFrom;
  const validUntil = input.validUntil !== undefined ? (input.validUntil ? new Date(input.validUntil) : null) : e.validUntil;
  if (validFrom && validUntil && validUntil.getTime() <= validFrom.getTime()) {
    throw badRequest('The request is not valid.', [{ path: input.validUntil !== undefined ? 'validUntil' : 'validFrom', message: 'Valid until must come after valid from.' }]);
  }
  await db().$transaction(async (tx) => {
    await seedCounters(tx, e, {
      maxDownloads: input.maxDownloads !== undefined ? input.maxDownloads : e.maxDownloads,
      maxBytes: input.maxBytes !== undefined ? (input.maxBytes === null ? null : BigInt(input.maxBytes)) : e.maxBytes,
      maxClients: input.maxClients !== undefined ? input.maxClients : e.maxClients,
    });
    await tx.entitlementToken.update({
      where: { id: e.id },
      data: { ...restrictionData(input), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}) },
    });
    if (repositoryIds) {
      await tx.entitlementRepository.deleteMany({ where: { entitlementId: e.id } });
      await tx.entitlementRepository.createMany({ data: repositoryIds.map((repositoryId) => ({ entitlementId: e.id, repositoryId })) });
    }
    const action = input.enabled === true && !e.enabled ? 'entitlement.enabled' : input.enabled === false && e.enabled ? 'entitlement.disabled' : 'entitlement.updated';
    await recordAudit(tx, actor, { orgId: org.id, action, target: { type: 'entitlement', id: e.id, label: input.name ?? e.name }, data: auditData(input) });
  });
  return { entitlement: await viewOne(await findEntitlement(org.id, id)) };
}

export async function refreshEntitlement(actor: Actor, slug: string, id: string) {
  const org = await orgFor(actor, slug, 'entitlement:edit');
  const e = await findEntitlement(org.id, id);
  if (e.revokedAt) throw revokedConflict();
  const secret = generateSecret('entitlement');
  await db().$transaction(async (tx) => {
    // The hash changes in this one statement: the old secret finds nothing from now on.
    await tx.entitlementToken.update({ where: { id: e.id }, data: secretFields(secret, false) });
    await recordAudit(tx, actor, { orgId: org.id, action: 'entitlement.refreshed', target: { type: 'entitlement', id: e.id, label: e.name } });
  });
  return { entitlement: await viewOne(await findEntitlement(org.id, id)), secret };
}

export async function revokeEntitlement(actor: Actor, slug: string, id: string) {
  const org = await orgFor(actor, slug, 'entitlement:edit');
  const e = await findEntitlement(org.id, id);
  if (!e.revokedAt) {
    await db().$transaction(async (tx) => {
      await tx.entitlementToken.update({ where: { id: e.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, actor, { orgId: org.id, action: 'entitlement.revoked', target: { type: 'entitlement', id: e.id, label: e.name } });
    });
  }
  return { entitlement: await viewOne(await findEntitlement(org.id, id)) };
}

export async function deleteEntitlement(actor: Actor, slug: string, id: string) {
  const org = await orgFor(actor, slug, 'entitlement:edit');
  const e = await findEntitlement(org.id, id);
  await db().$transaction(async (tx) => {
    // The download log keeps its rows (entitlementId becomes null): the repositories' logs stay whole.
    await tx.entitlementToken.delete({ where: { id: e.id } });
    await recordAudit(tx, actor, { orgId: org.id, action: 'entitlement.deleted', target: { type: 'entitlement', id: e.id, label: e.name } });
  });
  return null;
}
