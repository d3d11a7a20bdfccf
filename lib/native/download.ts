// Downloads and index pages on the one authorization road (authorize.ts).
import type { Actor } from '@/lib/auth/actor';
import { notFound } from '@/lib/http/errors';
import { authorize } from './authorize';
import { chargeEntitlement, entitlementFilter } from './entitlement';
import type { NativeContext } from './dispatch';
import { ROUTE_SCOPES } from './dispatch';
import type { RepoFileRow } from './lookup';
import { recordDownload } from './record-download';
import { serveFile } from './serve-file';
import type { NativeResponse } from './types';
import type { PathFilter } from '@/lib/entitlements/restrictions';

/**
 * A repository's cache identity: what index pages are cached under
 * (lib/formats/index-cache), and the entitlement's path filter when the
 * caller may see only part of it (the cache key then names the pattern set).
 */
export type IndexRepo = { id: string; contentVersion: number; filter?: PathFilter };

export function authorizeDownload(ctx: NativeContext, path: string): Promise<{ actor: Actor; repo: RepoFileRow }> {
  return authorize(ctx, { ...ctx, path }, ROUTE_SCOPES.file);
}

/**
 * A file download, whole: authorize, 404 when the path names no file, serve
 * it (Range, ETag…) and record it. `notFoundMessage` names what was asked for.
 */
export async function serveDownload(
  ctx: NativeContext,
  path: string,
  opts: { headers?: Record<string, string>; notFoundMessage?: string } = {},
): Promise<NativeResponse> {
  const { actor, repo } = await authorizeDownload(ctx, path);
  if (!repo.file) throw notFound(opts.notFoundMessage ?? 'No such file.');
  const res = serveFile(ctx.req, repo.file, opts.headers);
  if (actor.credential.type === 'entitlement' && ctx.req.method === 'GET' && (res.status === 200 || res.status === 206)) {
    try {
      await chargeEntitlement(actor, Number(res.headers['content-length'] ?? repo.file.size));
    } catch (err) {
      discard(res);
      throw err;
    }
  }
  return recordDownload(res, ctx.req, actor, repo, path);
}

/** Drops a body that will not be sent (an open blob stream, a read in flight). */
function discard(res: NativeResponse) {
  const body = res.body;
  if (body instanceof Promise) body.catch(() => {});
  else if (body && typeof body === 'object' && 'destroy' in body) body.destroy();
}

/**
 * Authorizes reading a repository's index pages (PyPI simple pages, npm
 * packuments, conda repodata) on the same two statements as a download:
 * these pages are fetched as often as files, so they skip Prisma too.
 */
export async function authorizeIndex(ctx: NativeContext): Promise<IndexRepo> {
  const { actor, repo } = await authorize(ctx, ctx, ROUTE_SCOPES.index);
  const filter = entitlementFilter(actor);
  return { id: repo.repoId, contentVersion: repo.contentVersion, ...(filter ? { filter } : {}) };
}
