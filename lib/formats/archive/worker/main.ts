// The inspection worker: runs one recipe (../recipes.ts) at a time on an
// archive whose bytes it gets from the job itself or asks the server for,
// range by range. Errors go back as messages: an ArchiveError is the
// archive's fault (a 400), anything else a bug.
import { parentPort } from 'node:worker_threads';
import { bufferSource, type ByteSource } from '../byte-source';
import { ArchiveError } from '../errors';
import type { FromWorker, ToWorker } from '../protocol';
import { RECIPES, type RecipeName } from '../recipes';

const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

let nextReq = 0;
const pending = new Map<number, { resolve(b: Buffer): void; reject(e: Error): void }>();

function remoteSource(size: number): ByteSource {
  return {
    size,
    read(start, end) {
      const req = nextReq++;
      return new Promise((resolve, reject) => {
        pending.set(req, { resolve, reject });
        send({ type: 'read', req, start, end });
      });
    },
  };
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'bytes' || m.type === 'read-failed') {
    const p = pending.get(m.req);
    pending.delete(m.req);
    if (m.type === 'bytes') p?.resolve(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    else p?.reject(new ArchiveError(`the archive cannot be read (${m.message}).`));
    return;
  }
  const source: ByteSource = m.bytes ? bufferSource(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength)) : remoteSource(m.size);
  const recipe = RECIPES[m.recipe as RecipeName] as (s: ByteSource, a: unknown) => Promise<unknown>;
  recipe(source, m.args).then(
    (result) => send({ type: 'done', result }),
    (err: unknown) => send({ type: 'failed', archive: err instanceof ArchiveError, message: err instanceof Error ? err.message : String(err) }),
  );
});

send({ type: 'ready' });
