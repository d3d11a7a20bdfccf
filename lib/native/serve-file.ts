// Answers a GET or HEAD for a stored file: ETag (the sha256), Last-Modified,
// conditional requests (304), a single byte range (206 / 416), and a body
// streamed from the blob store, so memory does not grow with the file. Always
// as an attachment, with a type no browser runs (guard-headers.ts says why).
import type { Readable } from 'node:stream';
import { blobStore, SMALL_READ_BYTES, type ByteRange } from '@/lib/storage';
import { attachment, servedType } from './guard-headers';
import type { NativeRequest, NativeResponse } from './types';

export type StoredFile = { sha256: string; blobKey: string; size: number; contentType: string; createdAt: Date; filename: string };

/** Parses one `bytes=` range against a size. null: ignore the header; 'unsatisfiable': 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null; // multiple ranges or another unit: answer with the whole file
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (b !== '' && Number(b) < start) return null; // syntactically invalid: ignore
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return { start, end };
}

/** If-None-Match names `etag` (weak or strong) or is `*`. */
export const etagMatches = (header: string | undefined, etag: string) =>
  !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

export function serveFile(req: NativeRequest, file: StoredFile, extraHeaders: Record<string, string> = {}): NativeResponse {
  const etag = `"${file.sha256}"`;
  const lastModified = file.createdAt.toUTCString();
  const headers: Record<string, string> = {
    etag,
    'last-modified': lastModified,
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-cache',
    'content-type': servedType(file.contentType),
    'content-disposition': attachment(file.filename),
    ...extraHeaders,
  };

  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const notModified = inm !== undefined
    ? etagMatches(inm, etag)
    : ims !== undefined && !Number.isNaN(Date.parse(ims)) && Math.floor(file.createdAt.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
  if (notModified) return { status: 304, headers };

  let range = parseRange(req.headers.range, file.size);
  // If-Range: the range applies only while the representation is unchanged.
  const ifRange = req.headers['if-range'];
  if (range && ifRange && ifRange.trim() !== etag && ifRange.trim() !== lastModified) range = null;
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${file.size}`, 'content-length': '0' }, body: null };
  }
  const head = req.method === 'HEAD';
  if (range) {
    return {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${file.size}`, 'content-length': String(range.end - range.start + 1) },
      body: head ? null : body(file.blobKey, range),
    };
  }
  return {
    status: 200,
    headers: { ...headers, 'content-length': String(file.size) },
    body: head || file.size === 0 ? null : body(file.blobKey, { start: 0, end: file.size - 1 }),
  };
}

// Small bodies in one read (no stream machinery); anything larger streams,
// so memory never grows with the file.
function body(key: string, range: ByteRange): Promise<Buffer> | Readable {
  return range.end - range.start + 1 <= SMALL_READ_BYTES ? blobStore().readSmall(key, range) : blobStore().read(key, range);
}
