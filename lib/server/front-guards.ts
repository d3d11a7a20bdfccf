// What the production front (server.ts) checks before Next sees a request
// (docs/security.md). Next's route handlers and next-auth read a body whole
// before anyone can look at its size, so an anonymous 400 MB sign-in would
// cost 1.5 GB of memory and a 600 MB one a 500: the size is refused here, by
// Content-Length, before a byte of the body is read (a chunked one is counted
// as it streams). Only the console upload route takes large bodies (it
// streams them to the blob store and counts).
// The console's own security headers are set here too, once for every page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_UPLOAD_BYTES } from '@/lib/artifacts/limits';
import { badRequest, bodyTooLarge, type ApiError } from '@/lib/http/errors';

/** Every body Next reads whole (JSON, next-auth's form posts). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The routes that stream a large body themselves, with their own limit. */
const STREAMED_BODIES: { method: string; path: RegExp; limit: number }[] = [
  { method: 'PUT', path: /^\/api\/v1\/orgs\/[^/]+\/repos\/[^/]+\/files\/./, limit: MAX_UPLOAD_BYTES },
];

/** The body limit of a request that Next will read, or null when it streams its own. */
export function bodyLimit(req: Pick<IncomingMessage, 'method' | 'url'>): number | null {
  const path = (req.url ?? '/').split('?', 1)[0]!;
  return STREAMED_BODIES.some((r) => r.method === req.method && r.path.test(path)) ? null : MAX_BODY_BYTES;
}

/** Why the front refuses this request's body by its Content-Length, or null to hand it on. */
export function bodyRefusal(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): ApiError | null {
  const length = req.headers['content-length'];
  if (length === undefined) return null; // no body, or a chunked one (capBody counts it)
  if (!/^\d+$/.test(length)) return badRequest('Invalid Content-Length.');
  const path = (req.url ?? '/').split('?', 1)[0]!;
  const limit = STREAMED_BODIES.find((r) => r.method === req.method && r.path.test(path))?.limit ?? MAX_BODY_BYTES;
  if (Number(length) > limit) {
    return bodyTooLarge(limit);
  }
  return null;
}

/**
 * A chunked body has no length to refuse it by: count it as it arrives and
 * end what the reader sees just past `limit` (limit + 1 bytes), so the route,
 * which counts too (lib/http/route.ts), answers 413 having held no more than
 * that. The rest is read off the wire and dropped; past `linger` more bytes
 * the connection is cut, but only a second after the answer went out, so the
 * client reads why instead of a reset. It hooks the stream's push(), which is
 * how Node's HTTP parser hands a request its body.
 */
export function capBody(req: IncomingMessage, res: ServerResponse, limit: number, linger: number) {
  const push = req.push.bind(req);
  let seen = 0;
  let cut = false;
  let cutting = false;
  const hangUp = () => setTimeout(() => req.socket.destroy(), 1000).unref();
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (cut) {
      if (chunk !== null && (seen += (chunk as Buffer).length) > limit + linger && !cutting) {
        cutting = true;
        if (res.writableFinished) hangUp();
        else res.once('finish', hangUp);
      }
      return true;
    }
    if (chunk === null) return push(null);
    const buf = chunk as Buffer;
    seen += buf.length;
    if (seen <= limit) return push(buf, encoding);
    cut = true;
    push(buf.subarray(0, buf.length - (seen - limit - 1)));
    return push(null);
  };
}

/**
 * Drops a connection whose request body stops arriving for `ms`: an upload
 * may take hours, but not sit silent. Armed only while the body is on the
 * wire (the parser's final push ends it), so a slow answer is never cut.
 */
export function idleLimit(req: IncomingMessage, ms: number) {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return;
  // On a silent socket Node's server emits 'timeout' and, with no listener, destroys it.
  req.socket.setTimeout(ms);
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) req.socket.setTimeout(0);
    return push(chunk, encoding);
  };
}

/**
 * Headers of every console page and API answer: never sniffed, never framed,
 * no Referer sent to other sites, HTTPS remembered when the console is served
 * over it. Next needs inline scripts for hydration, so scripts are limited to
 * our own origin plus inline; no other origin can be loaded at all.
 */
export function consoleHeaders(publicUrl: string, dev: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Not no-referrer: under it a browser sends `Origin: null` on its own
    // same-origin POSTs, and the CSRF check needs the real one.
    'referrer-policy': 'same-origin',
  };
  if (publicUrl.startsWith('https://')) headers['strict-transport-security'] = 'max-age=31536000';
  return headers;
}
