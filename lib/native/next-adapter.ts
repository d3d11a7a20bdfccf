// Mounts the native pipeline as Next route handlers, so `next dev` and a
// deployment without the production front serve the same routes.
import { Readable } from 'node:stream';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import type { NativeDispatch } from './dispatch';

const handler = (dispatchNative: NativeDispatch) => async (req: Request): Promise<Response> => {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const body = req.body ? Readable.fromWeb(req.body as never) : Readable.from([]);
  const answer = await dispatchNative({
    method: req.method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    address: req.headers.get(CLIENT_ADDRESS_HEADER) ?? '',
    body,
  });
  if (!answer) return new Response('Not found', { status: 404 });
  const resolved = answer.body instanceof Promise ? await answer.body : answer.body;
  // Through Next the bytes actually sent are not observable: report the length.
  answer.onSent?.(Number(answer.headers['content-length'] ?? 0));
  const out = resolved instanceof Readable ? (Readable.toWeb(resolved) as ReadableStream) : (resolved ?? null);
  return new Response(out as BodyInit | null, { status: answer.status, headers: answer.headers });
};

export function nextRouteHandlers(dispatchNative: NativeDispatch) {
  const handle = handler(dispatchNative);
  return { GET: handle, HEAD: handle, PUT: handle, POST: handle, DELETE: handle, PATCH: handle };
}
