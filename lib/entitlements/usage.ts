// An entitlement's usage: its downloads (a page, or the whole log as CSV) and the daily series the
// detail page charts, all read from the download log (no daily rollup yet).
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db/client';
import { csvResponse } from '@/lib/http/csv';
import { badRequest } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { DOWNLOAD_CSV_COLUMNS } from './schema';
import { findEntitlement, orgFor } from './service';

const DAY = 86_400_000;

type DownloadRow = { id: string; at: Date; path: string; bytes: bigint; clientAddress: string; userAgent: string; repository: { name: string } | null };

const downloadItem = (r: DownloadRow) => ({
  at: r.at.toISOString(),
  path: r.path,
  bytes: Number(r.bytes),
  clientAddress: r.clientAddress,
  userAgent: r.userAgent,
  repository: r.repository?.name ?? null,
});

const downloadSelect = { id: true, at: true, path: true, bytes: true, clientAddress: true, userAgent: true, repository: { select: { name: true } } } as const;

export async function listEntitlementDownloads(actor: Actor, slug: string, id: string, q: PageQuery) {
  const org = await orgFor(actor, slug, 'entitlement:view');
  const e = await findEntitlement(org.id, id);
  const rows = await db().downloadEvent.findMany({
    where: { entitlementId: e.id },
    select: downloadSelect,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    ...pageArgs(q),
  });
  return toPage(rows, q, downloadItem);
}

/** Every download of the entitlement, newest first, as CSV (lib/http/csv.ts streams it in batches). */
export async function entitlementDownloadsCsv(actor: Actor, slug: string, id: string): Promise<Response> {
  const org = await orgFor(actor, slug, 'entitlement:view');
  const e = await findEntitlement(org.id, id);
  return csvResponse({
    filename: `${`${slug}-${e.name}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}-downloads.csv`,
    header: DOWNLOAD_CSV_COLUMNS,
    batch: 1000,
    read: (cursor, take) =>
      db().downloadEvent.findMany({
        where: { entitlementId: e.id },
        select: downloadSelect,
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      }),
    cells: (row) => {
      const r = downloadItem(row);
      return DOWNLOAD_CSV_COLUMNS.map((c) => r[c] ?? '');
    },
  });
}

const MAX_SERIES_DAYS = 366;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Downloads, bytes and distinct clients per UTC day from `from` to `to` (default: the last 30 days), zeros included. */
export async function entitlementUsage(actor: Actor, slug: string, id: string, q: { from?: string; to?: string }) {
  const org = await orgFor(actor, slug, 'entitlement:view');
  const e = await findEntitlement(org.id, id);
  const to = new Date(`${(q.to ?? new Date().toISOString()).slice(0, 10)}T00:00:00.000Z`);
  const from = new Date(`${(q.from ?? new Date(to.getTime() - 29 * DAY).toISOString()).slice(0, 10)}T00:00:00.000Z`);
  const days = Math.round((to.getTime() - from.getTime()) / DAY) + 1;
  if (days < 1) throw badRequest('The request is not valid.', [{ path: 'query.to', message: '"to" must not come before "from".' }]);
  if (days > MAX_SERIES_DAYS) throw badRequest('The request is not valid.', [{ path: 'query.from', message: `Ask for at most ${MAX_SERIES_DAYS} days.` }]);
  const rows = await db().downloadEvent.findMany({
    where: { entitlementId: e.id, at: { gte: from, lt: new Date(to.getTime() + DAY) } },
    select: { at: true, bytes: true, clientAddress: true },
  });
  const byDay = new Map<string, { downloads: number; bytes: number; clients: Set<string> }>();
  for (let i = 0; i < days; i++) byDay.set(dayOf(new Date(from.getTime() + i * DAY)), { downloads: 0, bytes: 0, clients: new Set() });
  const all = new Set<string>();
  let downloads = 0;
  let bytes = 0;
  for (const r of rows) {
    const d = byDay.get(dayOf(r.at));
    if (!d) continue;
    d.downloads++;
    d.bytes += Number(r.bytes);
    d.clients.add(r.clientAddress);
    all.add(r.clientAddress);
    downloads++;
    bytes += Number(r.bytes);
  }
  return {
    from: dayOf(from),
    to: dayOf(to),
    items: [...byDay].map(([date, d]) => ({ date, downloads: d.downloads, bytes: d.bytes, clients: d.clients.size })),
    totals: { downloads, bytes, clients: all.size },
  };
}
