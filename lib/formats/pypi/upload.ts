// The legacy upload API as twine speaks it: multipart/form-data with
// `:action=file_upload`, metadata fields (name, version, sha256_digest,
// requires_python, …) and the distribution in the file field `content`.
// twine sends every field before the file, so the metadata is known when the
// file starts and its bytes stream straight on (never buffered).
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { badRequest, payloadTooLarge } from '@/lib/http/errors';
import type { NativeRequest } from '@/lib/native/types';

export type UploadFields = Record<string, string>;

/**
 * The form fields before the file, together: twine's metadata with a long
 * description is well under 1 MiB, and every byte of them is held until the
 * file arrives.
 */
export const MAX_FIELDS_BYTES = 4 * 1024 * 1024;
/** One field (busboy cuts it off here; a cut field is refused, not stored cut). */
const MAX_FIELD_BYTES = 1024 * 1024;

const fieldsTooLarge = (what: string) => payloadTooLarge(`${what}: form fields are limited to ${MAX_FIELD_BYTES} bytes each and ${MAX_FIELDS_BYTES} bytes together.`);

/**
 * Parses the form and calls `onFile` with the fields read so far and the
 * file stream; resolves with its result once the whole request is read.
 */
export function receiveUpload<T>(req: NativeRequest, onFile: (fields: UploadFields, file: Readable, filename: string) => Promise<T>): Promise<T> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(badRequest('Uploads are multipart/form-data, as twine sends them.'));
  }
  return new Promise<T>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers as Record<string, string>,
        limits: { files: 1, fields: 200, fieldSize: MAX_FIELD_BYTES, parts: 400 },
      });
    } catch {
      reject(badRequest('The multipart body has no boundary.'));
      return;
    }
    const fields: UploadFields = {};
    let fieldBytes = 0;
    let work: Promise<T> | null = null;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.body.unpipe(bb);
      req.body.resume(); // drain the rest so the connection can answer
      reject(err);
    };
    bb.on('field', (name, value, info) => {
      if (failed) return;
      if (info.valueTruncated) return fail(fieldsTooLarge(`The field "${name.slice(0, 64)}" is too large`));
      fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (fieldBytes > MAX_FIELDS_BYTES) return fail(fieldsTooLarge('The form fields are too large'));
      // Repeated fields (classifiers…) keep their first value: only scalars are read.
      if (!(name in fields)) fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'content' || work) {
        stream.resume();
        return;
      }
      const snapshot = { ...fields };
      work = Promise.resolve().then(() => onFile(snapshot, stream, info.filename ?? ''));
      work.catch((err: unknown) => {
        stream.resume();
        fail(err);
      });
    });
    bb.on('error', () => fail(badRequest('The multipart body is malformed.')));
    bb.on('close', () => {
      if (failed) return;
      if (!work) return fail(badRequest('The upload has no file in the "content" field.'));
      work.then(resolve, fail);
    });
    req.body.pipe(bb);
  });
}
