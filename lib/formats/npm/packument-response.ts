// GET/HEAD of a packument, from the index cache. A rendering is kept per
// repository contentVersion (bumped by every publish, upload, delete and
// dist-tag change), package and form (full or abbreviated), as a template
// without registry base; the request's base goes in per request. Clients
// that send their token in a header all share one base, so that filled page
// is kept too; a `/t/<token>/` page is filled per request and never kept.
import crypto from 'node:crypto';
import { cachedPage } from '@/lib/formats/index-cache';
import { notFound } from '@/lib/http/errors';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import type { RepoRow } from '@/lib/repos/service';
import { ABBREVIATED_TYPE, fillTemplate, renderTemplate, wantsAbbreviated, type PackumentKind } from './packument';
import { findPackage } from './service';

const etagMatches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);

/** `tokenInBase`: the base carries the request's token (a `/t/<token>/` request), so its page is never cached. */
export async function packumentResponse(req: NativeRequest, repo: RepoRow, name: string, base: string, tokenInBase: boolean): Promise<NativeResponse> {
  const kind: PackumentKind = wantsAbbreviated(req.headers.accept) ? 'abbreviated' : 'full';
  // Same contentVersion, same form, same base: same bytes (the repository id
  // keeps a deleted and re-created repository of the same name apart).
  const tag = crypto.createHash('sha1').update(`${repo.id}\u0000${repo.contentVersion}\u0000${kind}\u0000${base}`).digest('base64url').slice(0, 20);
  const headers: Record<string, string> = {
    'content-type': `${kind === 'full' ? 'application/json' : ABBREVIATED_TYPE}; charset=utf-8`,
    'cache-control': 'private, no-cache',
    vary: 'Accept',
    etag: `"${tag}"`,
  };
  if (etagMatches(req.headers['if-none-match'], headers.etag!)) return { status: 304, headers, body: null };

  const key = `npm:${kind}:${name}`;
  const template = () =>
    cachedPage(repo, key, async () => {
      const pkg = await findPackage(repo.id, name);
      if (!pkg || pkg.versions.length === 0) throw notFound('No such package.');
      return renderTemplate(pkg, kind);
    });
  const body = tokenInBase
    ? fillTemplate(await template(), base)
    : await cachedPage(repo, `${key}\u0000${base}`, async () => fillTemplate(await template(), base));
  if (req.method === 'HEAD') return { status: 200, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body: null };
  return { status: 200, headers, body };
}
