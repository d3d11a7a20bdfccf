// Downloads and index pages on the one authorization road (authorize.ts).
import type { Actor } from '@/lib/auth/actor';
import { notFound } from '@/lib/http/errors';
import { authorize } from './authorize';
import type { NativeContext } from './dispatch';
import { ROUTE_SCOPES } from './dispatch';
import type { RepoFileRow } from './lookup';
import { recordDownload } from './record-download';
import { serveFile } from './serve-file';
import type { NativeResponse } from './types';

/** A repository's cache identity: what index pages are cached under (lib/formats/index-cache). */
export type IndexRepo = { id: string; contentVersion: number };

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
  return recordDownload(serveFile(ctx.req, repo.file, opts.headers), ctx.req, actor, repo, path);
}

/**
 * Authorizes reading a repository's index pages (PyPI simple pages, npm
 * packuments, conda repodata) on the same two statements as a download:
 * these pages are fetched as often as files, so they skip Prisma too.
 */
export async function authorizeIndex(ctx: NativeContext): Promise<IndexRepo> {
  const { repo } = await authorize(ctx, ctx, ROUTE_SCOPES.index);
  return { id: repo.repoId, contentVersion: repo.contentVersion };
}
