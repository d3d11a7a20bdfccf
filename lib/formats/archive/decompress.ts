// Decompressors for the inspection worker, each bounded before it starts:
// - gzip: node's zlib (native, streamed), behind a byte cap;
// - zstd: fzstd (pure JS), fed a copy whose frame windows are bounded by
//   what will be read (zstd-frame.ts), a little input at a time so that
//   stopping early stops decoding;
// - bzip2: seek-bzip (pure JS), which writes byte by byte into an output we
//   own: a Buffer of exactly the cap, so a bomb stops at the cap. A decoder
//   that hands out whole blocks cannot be stopped inside one, and one 900 kB
//   block of zeros decodes to ~45 MB.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import Bunzip from 'seek-bzip';
import { readPrefix, sourceStream, type ByteSource } from './byte-source';
import { ArchiveError } from './errors';
import { boundZstdWindow } from './zstd-frame';

/** fzstd is fed this much at a time: one push yields at most ~32,000 times as much. */
const ZSTD_INPUT_CHUNK = 1024;

/** A pass-through that fails with `tooBig()` once more than `limit` bytes went through. */
export function byteCap(limit: number, tooBig: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(tooBig());
      else done(null, chunk);
    },
  });
}

/** The gunzipped bytes of `source`, at most `limit` of them (then `tooBig()`). */
export function gunzip(source: ByteSource, limit: number, tooBig: () => Error): Readable {
  const raw = sourceStream(source);
  const unzip = zlib.createGunzip();
  const capped = byteCap(limit, tooBig);
  // .pipe() forwards no errors: a failing read or a bad gzip must end the reader too.
  raw.on('error', (err) => capped.destroy(new ArchiveError(`the archive cannot be read (${err.message}).`)));
  unzip.on('error', (err) => capped.destroy(new ArchiveError(`not a gzip file (${err.message}).`)));
  capped.on('close', () => {
    raw.destroy();
    unzip.destroy();
  });
  raw.pipe(unzip).pipe(capped);
  return capped;
}

/**
 * A zstd stream of `compressed`, fed to fzstd a little at a time as the
 * reader asks; more than `limit` decompressed bytes is `tooBig()`.
 */
export function zstdStream(compressed: Buffer, limit: number, tooBig: () => Error): Readable {
  const bounded = boundZstdWindow(compressed, limit);
  let offset = 0;
  let produced = 0;
  const out = new Readable({
    read() {
      try {
        const before = produced;
        while (produced === before && offset < bounded.length) {
          const end = Math.min(offset + ZSTD_INPUT_CHUNK, bounded.length);
          decoder.push(bounded.subarray(offset, end), end === bounded.length);
          offset = end;
        }
        if (offset >= bounded.length) this.push(null);
      } catch (err) {
        this.destroy(err instanceof ArchiveError ? err : new ArchiveError(`the info archive is not valid zstd (${(err as Error).message}).`));
      }
    },
  });
  const decoder = new Decompress((chunk) => {
    produced += chunk.length;
    if (produced > limit) throw tooBig();
    out.push(Buffer.from(chunk)); // a copy: fzstd may reuse its window
  });
  return out;
}

/** Thrown by the output once it is full: the way to stop seek-bzip mid-block. */
class Full extends Error {}
/** Thrown by the input at its end (seek-bzip would read -1 as bits and go on). */
class OutOfInput extends Error {}

/**
 * The first `limit` decompressed bytes of the bzip2 `source` (fewer when it
 * is shorter), and whether that is all of it. Only the compressed prefix
 * that can yield them is read: bzip2 never shrinks data by more than ~1%.
 */
export async function bunzip2Prefix(source: ByteSource, limit: number): Promise<{ data: Buffer; complete: boolean }> {
  const inputLimit = Math.ceil(limit * 1.25) + 1024 * 1024;
  const input = await readPrefix(source, inputLimit);
  const inputComplete = input.length === source.size;
  const buffer = Buffer.alloc(limit);
  let pos = 0;
  let at = 0;
  const inStream = {
    readByte() {
      if (at >= input.length) throw new OutOfInput();
      return input[at++]!;
    },
    read(buf: Buffer, offset: number, length: number) {
      const n = input.copy(buf, offset, at, Math.min(input.length, at + length));
      at += n;
      return n;
    },
    seek: (p: number) => void (at = p),
    eof: () => at >= input.length,
  };
  const outStream = {
    writeByte(byte: number) {
      if (pos >= limit) throw new Full();
      buffer[pos++] = byte;
    },
  };
  try {
    Bunzip.decode(inStream, outStream, true);
    return { data: buffer.subarray(0, pos), complete: true };
  } catch (err) {
    if (err instanceof Full) return { data: buffer.subarray(0, pos), complete: false };
    // Out of input while the prefix was cut: what was decoded is all we read.
    if (err instanceof OutOfInput && !inputComplete) return { data: buffer.subarray(0, pos), complete: false };
    if (err instanceof OutOfInput) throw new ArchiveError('the bzip2 data is truncated.');
    throw new ArchiveError(`not a bzip2 file (${(err as Error).message}).`);
  }
}
