// Serves the native pipeline straight from Node's http objects (the
// production front), without Next's per-request overhead.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dispatchNative } from './dispatch';
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
  res.writeHead(r.status, r.headers);
  if (r.body instanceof Readable) {
    // A client that goes away mid-download destroys the file stream with it.
    await pipeline(r.body, res).catch(() => {});
  } else {
    res.end(r.body ?? undefined);
  }
}

/** Handles a native path; resolves false when the path is not native. */
export async function handleNativeNode(req: IncomingMessage, res: ServerResponse, address: string): Promise<boolean> {
  const answer = await dispatchNative(fromNode(req, address));
  if (!answer) return false;
  await writeNode(res, answer);
  return true;
}
