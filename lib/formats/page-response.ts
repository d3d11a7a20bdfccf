// Sending a cached index page: ETag and If-None-Match, HEAD, and gzip for
// clients that accept it (pip, npm and conda all do; an index of a thousand
// files or versions shrinks about tenfold). Shared by every format.
import { etagMatches } from '@/lib/native/serve-file';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import type { ReadyPage } from './index-cache';

/** Pages smaller than this go as they are: gzip would save nothing worth its CPU. */
const GZIP_MIN_BYTES = 1024;

/** Whether Accept-Encoding allows gzip (named or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * The 200 (or 304) of a page. `tag`: the page's identity without quotes (the
 * gzip form gets its own, as HTTP wants for a different representation);
 * `headers`: content type and the like. `page`: called only when the body is needed.
 */
export async function pageResponse(req: NativeRequest, tag: string, headers: Record<string, string>, page: () => Promise<ReadyPage>): Promise<NativeResponse> {
  const wantsGzip = acceptsGzip(req.headers['accept-encoding']);
  const vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  const plain = { ...headers, vary, etag: `"${tag}"` };
  const zipped = { ...plain, etag: `"${tag}-gz"`, 'content-encoding': 'gzip' };
  // Either tag names this very content version: what the client holds is current.
  const inm = req.headers['if-none-match'];
  if (etagMatches(inm, plain.etag) || etagMatches(inm, zipped.etag)) {
    return { status: 304, headers: { ...plain, etag: etagMatches(inm, zipped.etag) ? zipped.etag : plain.etag }, body: null };
  }
  const ready = await page();
  const gz = wantsGzip && ready.gzipped !== null && ready.body.length >= GZIP_MIN_BYTES;
  const body = gz ? await ready.gzipped!() : ready.body;
  const out = { ...(gz ? zipped : plain), 'content-length': String(body.length) };
  return { status: 200, headers: out, body: req.method === 'HEAD' ? null : body };
}
