// Where artifact bytes live: never in the database. Blobs are addressed by
// the SHA-256 of their content. A put streams to a temporary file, hashing as
// it goes, and renames into place only when complete, so a killed upload never
// leaves a visible partial blob. The interface is small enough for an
// S3-compatible driver (multipart upload, then copy to the content key).
import type { Readable } from 'node:stream';

export type BlobDigests = { sha256: string; sha1: string; md5: string; sha512: string; size: number };

export type ByteRange = { start: number; end: number }; // inclusive, like HTTP

/** Bodies up to this size are read in one call instead of streamed (the size of one stream chunk). */
export const SMALL_READ_BYTES = 64 * 1024;

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The upload is larger than the limit of ${limit} bytes.`);
  }
}

export interface BlobStore {
  /** Streams `body` into the store; resolves once the blob is durable under its sha256. */
  put(body: Readable, opts?: { maxBytes?: number }): Promise<BlobDigests>;
  /** Size of a stored blob, or null. */
  size(key: string): Promise<number | null>;
  /** Time since the blob was last written or deduplicated, or null when absent. */
  ageMs(key: string): Promise<number | null>;
  /** Every stored key (for the start-up sweep of unreferenced blobs). */
  keys(): AsyncIterable<string>;
  /** A stream of a blob (or a byte range of it). */
  read(key: string, range?: ByteRange): Readable;
  /** A small byte range (at most SMALL_READ_BYTES) in one read: the fast path for small files. */
  readSmall(key: string, range: ByteRange): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Removes leftovers of interrupted uploads; called at start. Returns how many. */
  cleanup(): Promise<number>;
}
