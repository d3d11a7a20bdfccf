// Reading the audit log of an organization (GET /api/v1/orgs/{org}/audit):
// newest first, filtered, cursor-paged, or the whole filtered log as a
// streamed CSV. Only audit:view (owners and admins) reads it.
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { db, type Prisma } from '@/lib/db/client';
import { pageArgs, toPage } from '@/lib/http/pagination';
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

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with '. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

const BATCH = 500;

/** The whole filtered log, newest first, read in batches while the client downloads it. */
export async function auditCsv(actor: Actor, slug: string, q: Query): Promise<Response> {
  const org = await authorizedOrg(actor, slug);
  const filter = where(org.id, q);
  let cursor: string | null = null;
  let done = false;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(CSV_HEADER)));
    },
    async pull(controller) {
      if (done) return controller.close();
      const rows: Row[] = await db().auditEvent.findMany({
        where: filter,
        orderBy: ORDER,
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      const text = rows
        .map((r) => {
          const e = auditView(r);
          const credential = e.credential.id ? `${e.credential.type}:${e.credential.id}` : e.credential.type;
          return csvLine([e.at, e.actor.label, e.action, e.target.type, e.target.label, e.address, credential, describeAudit(e)]);
        })
        .join('');
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < BATCH) done = true;
      else cursor = rows[rows.length - 1]!.id;
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${org.slug}-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
