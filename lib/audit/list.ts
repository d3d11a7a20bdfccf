// Reading the audit log of an organization (GET /api/v1/orgs/{org}/audit):
// newest first, filtered, cursor-paged, or the whole filtered log as a
// streamed CSV. Only audit:view (owners and admins) reads it.
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { db, type Prisma } from '@/lib/db/client';
import { pageArgs, toPage } from '@/lib/http/pagination';
import { csvResponse } from '@/lib/http/csv';
import { findOrg, orgResource } from '@/lib/orgs/service';
import type { auditQuery } from './schema';
import { describeAudit, type AuditEvent } from './sentences';

type Query = z.output<typeof auditQuery>;
type Row = {
  id: string; at: Date; actorId: string | null; actorLabel: string; credentialType: string; credentialId: string | null;
  action: string; targetType: string; targetId: string | null; targetLabel: string; address: string; userAgent: string; data: string;
};

function where(orgId: string, q: Query): Prisma.AuditEventWhereInput {
  const w: Prisma.AuditEventWhereInput = { orgId };
  if (q.actor) w.actorLabel = { contains: q.actor };
  if (q.action) {
    const kind = q.action.endsWith('*') || !q.action.includes('.');
    w.action = kind ? { startsWith: `${q.action.replace(/\.?\*$/, '')}.` } : q.action;
  }
  if (q.from || q.to) w.at = { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) };
  return w;
}

function parseData(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const auditView = (r: Row): AuditEvent => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: { id: r.actorId, label: r.actorLabel },
  action: r.action,
  target: { type: r.targetType, id: r.targetId, label: r.targetLabel },
  address: r.address,
  userAgent: r.userAgent,
  credential: { type: r.credentialType, id: r.credentialId },
  data: parseData(r.data),
});

const ORDER = [{ at: 'desc' as const }, { id: 'desc' as const }];

async function authorizedOrg(actor: Actor, slug: string) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'audit:view', orgResource(org));
  return org;
}

export async function listAudit(actor: Actor, slug: string, q: Query) {
  const org = await authorizedOrg(actor, slug);
  const rows = await db().auditEvent.findMany({ where: where(org.id, q), orderBy: ORDER, ...pageArgs(q) });
  return toPage(rows, q, auditView);
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────

export const CSV_HEADER = ['at', 'actor', 'action', 'target_type', 'target', 'address', 'credential', 'description'];

/** The whole filtered log, newest first, read in batches while the client downloads it. */
export async function auditCsv(actor: Actor, slug: string, q: Query): Promise<Response> {
  const org = await authorizedOrg(actor, slug);
  const filter = where(org.id, q);
  return csvResponse({
    filename: `audit-${org.slug}-${new Date().toISOString().slice(0, 10)}.csv`,
    header: CSV_HEADER,
    read: (cursor, take): Promise<Row[]> =>
      db().auditEvent.findMany({ where: filter, orderBy: ORDER, take, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) }),
    cells: (r) => {
      const e = auditView(r);
      const credential = e.credential.id ? `${e.credential.type}:${e.credential.id}` : e.credential.type;
      return [e.at, e.actor.label, e.action, e.target.type, e.target.label, e.address, credential, describeAudit(e)];
    },
  });
}
