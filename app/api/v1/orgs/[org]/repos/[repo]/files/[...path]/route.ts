import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { deleteFile } from '@/lib/artifacts/service';
import { uploadFile } from '@/lib/formats/ingest';
import { endpoints, route } from '@/lib/http/route';
import { deleteFileOp, uploadFileOp } from '@/lib/repos/operations';
import { checkedPath } from '@/lib/native/paths';
import { declaredSize } from '@/lib/native/responses';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(uploadFileOp, async ({ actor, params, req }) => {
    const path = checkedPath(params.path);
    // The bytes stream on to the blob store; they are never held whole in memory.
    const body = req.body ? Readable.fromWeb(req.body as NodeWebStream<Uint8Array>) : Readable.from([]);
    return uploadFile(actor, params.org, params.repo, path, body, { declaredSize: declaredSize(req.headers.get('content-length')) });
  }),
  route(deleteFileOp, ({ actor, params }) => deleteFile(actor, params.org, params.repo, params.path.join('/'))),
);
