// Serves the native pipeline straight from Node's http objects (the
// production front), without Next's per-request overhead.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errorJson, internalError } from '@/lib/http/errors';
import type { NativeDispatch } from './dispatch';
import { GUARD_HEADERS } from './guard-headers';
import type { NativeRequest, NativeResponse } from './types';

export function fromNode(req: IncomingMessage, address: string): NativeRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers: req.headers as Record<string, string | undefined>,
    address,
    body: req,
  };
}

export async function writeNode(res: ServerResponse, r: NativeResponse): Promise<void> {
  let body = r.body;
  if (body instanceof Promise) {
    try {
      body = await body;
    } catch (err) {
      console.error('[tollgate] could not read a stored file:', (err as Error).message);
      res.writeHead(500, { ...GUARD_HEADERS, 'content-type': 'application/json; charset=utf-8' });
      res.end(errorJson(internalError('The stored file could not be read.')));
      return;
    }
  }
  res.writeHead(r.status, r.headers);
  let sent = 0;
  if (body instanceof Readable) {
    if (r.onSent) body.on('data', (chunk: Buffer) => (sent += chunk.length));
    // A client that goes away mid-download destroys the file stream with it.
    await pipeline(body, res).catch(() => {});
  } else {
    await new Promise<void>((resolve) => {
      res.on('close', resolve);
      res.end(body ?? undefined);
    });
    if (res.writableFinished && body) sent = Buffer.byteLength(body);
  }
  r.onSent?.(sent);
}

/** Handles a native path; resolves false when the path is not native. */
export const nodeHandler = (dispatchNative: NativeDispatch) => async (req: IncomingMessage, res: ServerResponse, address: string): Promise<boolean> => {
  const answer = await dispatchNative(fromNode(req, address));
  if (!answer) return false;
  await writeNode(res, answer);
  return true;
};
