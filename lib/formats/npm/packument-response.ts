// GET/HEAD of a packument, from the index cache. A rendering is kept per
// repository contentVersion (bumped by every publish, upload, delete and
// dist-tag change), package and form (full or abbreviated), as a template
// without registry base; the request's base goes in per request.
//
// Clients that send their token in a header all share one base, so their
// page is also kept ready to send: encoded once, and gzipped once for the
// clients that accept it (npm does; a packument of a thousand versions
// shrinks about tenfold). A `/t/<token>/` page is filled per request and
// never kept anywhere.
import { cachedBody, cachedPage, pageTag, type CacheRepo } from '@/lib/formats/index-cache';
import { pageResponse } from '@/lib/formats/page-response';
import { notFound } from '@/lib/http/errors';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import { ABBREVIATED_TYPE, fillTemplate, renderTemplate, wantsAbbreviated, type PackumentKind } from './packument';
import { findPackage } from './service';

/** `tokenInBase`: the base carries the request's token (a `/t/<token>/` request), so its page is never kept. */
export async function packumentResponse(req: NativeRequest, repo: CacheRepo, name: string, base: string, tokenInBase: boolean): Promise<NativeResponse> {
  const kind: PackumentKind = wantsAbbreviated(req.headers.accept) ? 'abbreviated' : 'full';
  const key = `npm:${kind}:${name}`;
  // Same package, contentVersion, form and base: same bytes.
  const tag = pageTag(repo, key, base);
  const headers = { 'content-type': `${kind === 'full' ? 'application/json' : ABBREVIATED_TYPE}; charset=utf-8`, 'cache-control': 'private, no-cache', vary: 'Accept' };
  const template = () =>
    cachedPage(repo, key, async () => {
      const found = await findPackage(repo.id, name);
      // An entitlement with path patterns sees the versions they allow, nothing else.
      const pkg = found && repo.filter
        ? { ...found, versions: found.versions.filter((v) => repo.filter!.allows({ path: v.tarball?.path ?? '', name: found.name, version: v.version })) }
        : found;
      if (!pkg || pkg.versions.length === 0) throw notFound('No such package.');
      return renderTemplate(pkg, kind);
    });
  if (tokenInBase) {
    // Filled per request and kept nowhere (it carries the token), so not gzipped either.
    return pageResponse(req, tag, headers, async () => ({ body: Buffer.from(fillTemplate(await template(), base)), gzipped: null }));
  }
  return pageResponse(req, tag, headers, () => cachedBody(repo, `${key}\u0000${base}`, async () => fillTemplate(await template(), base)));
}
