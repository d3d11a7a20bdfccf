// Conda channel: root /conda/{org}/{repo}/ (docs/http.md "Package-tool routes").
//   GET  channeldata.json          packages, their subdirs and latest versions (artifact:view)
//   GET  {subdir}/repodata.json    what conda solves with (artifact:view)
//   GET  {subdir}/{file}           a package (the shared download pipeline)
//   PUT  {subdir}/{file}           upload a .tar.bz2 or .conda (artifact:create)
// conda reaches a channel as https://host/t/<token>/conda/{org}/{repo} (the
// token written tgp-… there: see undashPathSecret in lib/native/credentials) or with Basic credentials in
// the URL. The index pages hold no URLs (conda builds file URLs from the
// channel's own), so one cached rendering serves every credential.
import crypto from 'node:crypto';
import { cachedBody, cachedPage, type CacheRepo } from '@/lib/formats/index-cache';
import { pageResponse } from '@/lib/formats/page-response';
import { notFound, methodNotAllowed } from '@/lib/http/errors';
import { authorizeIndex, serveDownload } from '@/lib/native/download';
import { artifactPath, decodeSegments } from '@/lib/native/paths';
import { authorizeUpload } from '@/lib/native/repository';
import { declaredSize, jsonResponse } from '@/lib/native/responses';
import type { NativeContext } from '@/lib/native/dispatch';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import { storeCondaPackage } from './ingest';
import { isValidSubdir } from './names';
import { renderChanneldata, renderRepodata, type ChannelFile } from './repodata';
import { channelFiles } from './service';

export async function handleConda(ctx: NativeContext): Promise<NativeResponse> {
  const { req, rest } = ctx;
  const read = req.method === 'GET' || req.method === 'HEAD';

  if (rest.length === 1 && rest[0] === 'channeldata.json') {
    if (!read) throw methodNotAllowed(['GET', 'HEAD']);
    const repo = await authorizeIndex(ctx);
    return indexResponse(req, repo, 'conda:channeldata', async () => renderChanneldata(allowed(repo, await channelFiles(repo.id))));
  }
  if (rest.length !== 2) throw notFound('No such route. Use channeldata.json, {subdir}/repodata.json or {subdir}/{file}.');
  const [subdir, file] = decodeSegments(rest) as [string, string];

  if (req.method === 'PUT') {
    const { actor, repo } = await authorizeUpload(ctx);
    const stored = await storeCondaPackage(actor, repo, subdir, file, req.body, { declaredSize: declaredSize(req.headers['content-length']) });
    return jsonResponse(stored, 201);
  }
  if (!read) throw methodNotAllowed(['GET', 'HEAD', 'PUT']);

  if (file === 'repodata.json') {
    const repo = await authorizeIndex(ctx);
    if (!isValidSubdir(subdir)) throw notFound(`"${subdir}" is not a conda subdir.`);
    // conda asks for noarch and its platform every time: an empty subdir is an empty index, not a 404.
    return indexResponse(req, repo, `conda:repodata:${subdir}`, async () => renderRepodata(subdir, allowed(repo, await channelFiles(repo.id, subdir))));
  }
  // Everything else is a file: packages, and the 404s conda falls back from
  // (repodata.json.zst, current_repodata.json…), answered after the credential check.
  const path = artifactPath(rest);
  return serveDownload(ctx, path);
}

/** The files an entitlement's path patterns allow (all without patterns). */
const allowed = (repo: CacheRepo, files: ChannelFile[]) =>
  repo.filter ? files.filter((f) => repo.filter!.allows({ path: `${f.index.subdir}/${f.filename}`, name: f.index.name, version: f.index.version })) : files;

/**
 * A cached index page with an ETag (its sha256, computed once per rendering),
 * so conda's conditional requests for an unchanged channel get a 304; gzipped
 * for conda, which asks for it (repodata of a large channel shrinks tenfold).
 */
async function indexResponse(req: NativeRequest, repo: CacheRepo, key: string, render: () => Promise<string>): Promise<NativeResponse> {
  const page = await cachedBody(repo, key, render);
  const tag = await cachedPage(repo, `${key}:etag`, async () => crypto.createHash('sha256').update(page.body).digest('hex'));
  const headers = { 'content-type': 'application/json', 'cache-control': 'private, no-cache' };
  return pageResponse(req, tag, headers, async () => page);
}
