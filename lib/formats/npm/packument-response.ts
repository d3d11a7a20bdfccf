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
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { cachedPage, type CacheRepo } from '@/lib/formats/index-cache';
import { notFound } from '@/lib/http/errors';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import { ABBREVIATED_TYPE, fillTemplate, renderTemplate, wantsAbbreviated, type PackumentKind } from './packument';
import { findPackage } from './service';

const gzip = promisify(zlib.gzip);

/** Ready bodies of header-credential pages, least recently used first. */
type Ready = { key: string; identity: Buffer; gzip: Promise<Buffer> | null; bytes: number };
const READY_MAX_BYTES = 64 * 1024 * 1024;
const g = globalThis as unknown as { tollgatePackuments?: { pages: Map<string, Ready>; bytes: number } };
const ready = () => (g.tollgatePackuments ??= { pages: new Map(), bytes: 0 });

function readyPage(key: string, text: () => Promise<string>): Promise<Ready> | Ready {
  const s = ready();
  const hit = s.pages.get(key);
  if (hit) {
    s.pages.delete(key); // re-insert: Map order is the recency order
    s.pages.set(key, hit);
    return hit;
  }
  return text().then((t) => {
    const raced = s.pages.get(key); // a concurrent miss got there first
    if (raced) return raced;
    const page: Ready = { key, identity: Buffer.from(t), gzip: null, bytes: Buffer.byteLength(t) };
    s.pages.set(key, page);
    s.bytes += page.bytes;
    evict();
    return page;
  });
}

function gzipped(page: Ready): Promise<Buffer> {
  page.gzip ??= gzip(page.identity).then((z) => {
    const s = ready();
    if (s.pages.get(page.key) === page) {
      page.bytes += z.length;
      s.bytes += z.length;
      evict();
    }
    return z;
  });
  return page.gzip;
}

function evict() {
  const s = ready();
  for (const [key, page] of s.pages) {
    if (s.bytes <= READY_MAX_BYTES) return;
    s.pages.delete(key);
    s.bytes -= page.bytes;
  }
}

/** Whether Accept-Encoding allows gzip (named or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

const etagMatches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);

/** `tokenInBase`: the base carries the request's token (a `/t/<token>/` request), so its page is never kept. */
export async function packumentResponse(req: NativeRequest, repo: CacheRepo, name: string, base: string, tokenInBase: boolean): Promise<NativeResponse> {
  const kind: PackumentKind = wantsAbbreviated(req.headers.accept) ? 'abbreviated' : 'full';
  const gz = !tokenInBase && acceptsGzip(req.headers['accept-encoding']);
  // Same package, contentVersion, form, base and coding: same bytes (the
  // repository id keeps a deleted and re-created repository of the same name apart).
  const tag = crypto.createHash('sha1').update(`${repo.id}\u0000${repo.contentVersion}\u0000${name}\u0000${kind}\u0000${base}`).digest('base64url').slice(0, 20);
  const headers: Record<string, string> = {
    'content-type': `${kind === 'full' ? 'application/json' : ABBREVIATED_TYPE}; charset=utf-8`,
    'cache-control': 'private, no-cache',
    vary: 'Accept, Accept-Encoding',
    etag: `"${tag}${gz ? '-gz' : ''}"`,
  };
  if (gz) headers['content-encoding'] = 'gzip';
  if (etagMatches(req.headers['if-none-match'], headers.etag!)) return { status: 304, headers, body: null };

  const key = `npm:${kind}:${name}`;
  const template = () =>
    cachedPage(repo, key, async () => {
      const pkg = await findPackage(repo.id, name);
      if (!pkg || pkg.versions.length === 0) throw notFound('No such package.');
      return renderTemplate(pkg, kind);
    });
  let body: Buffer | string;
  if (tokenInBase) {
    body = fillTemplate(await template(), base);
  } else {
    const page = await readyPage(`${repo.id}\u0000${repo.contentVersion}\u0000${key}\u0000${base}`, async () => fillTemplate(await template(), base));
    body = gz ? await gzipped(page) : page.identity;
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  return { status: 200, headers, body: req.method === 'HEAD' ? null : body };
}
