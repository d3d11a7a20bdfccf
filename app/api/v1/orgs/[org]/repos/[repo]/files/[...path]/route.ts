import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { deleteFile } from '@/lib/artifacts/service';
import { uploadFile } from '@/lib/formats/ingest';
import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { deleteFileOp, uploadFileOp } from '@/lib/repos/operations';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { checkedPath } from '@/lib/native/paths';
import { declaredSize } from '@/lib/native/responses';

export const PUT = route(uploadFileOp, async ({ actor, params, req }) => {
  const path = checkedPath(params.path);
  // The bytes stream on to the blob store; they are never held whole in memory.
  const body = req.body ? Readable.fromWeb(req.body as NodeWebStream<Uint8Array>) : Readable.from([]);
  const stored = await uploadFile(actor, params.org, params.repo, path, body, { declaredSize: declaredSize(req.headers.get('content-length')) });
  return json(stored, 201);
});

export const DELETE = route(deleteFileOp, async ({ actor, params }) => {
  await deleteFile(actor, params.org, params.repo, params.path.join('/'));
  return json(null, 204);
});

export const { GET, POST, PATCH } = notAllowed('PUT', 'DELETE');
