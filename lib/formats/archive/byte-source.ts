// Where the inspection worker gets an archive's bytes from: ranges read on
// demand (the main thread answers from the blob store) or one buffer in
// hand (an npm publish body). Zip is read by random access, tar streams
// sequentially; both only through this.
import { Readable } from 'node:stream';

export type ByteSource = {
  size: number;
  /** Bytes [start, end) of the archive. */
  read(start: number, end: number): Promise<Buffer>;
};

/** Sequential reads are this large: few round trips, little memory. */
export const READ_CHUNK = 256 * 1024;

export function bufferSource(buf: Buffer): ByteSource {
  return { size: buf.length, read: async (start, end) => buf.subarray(start, end) };
}

/** Bytes [start, end) of `src` as a stream that reads only as fast as it is consumed. */
export function sourceStream(src: ByteSource, start = 0, end = src.size): Readable {
  let at = start;
  return new Readable({
    highWaterMark: READ_CHUNK,
    read() {
      if (at >= end) return void this.push(null);
      const to = Math.min(end, at + READ_CHUNK);
      src.read(at, to).then(
        (chunk) => {
          at = to;
          this.push(chunk);
        },
        (err: unknown) => this.destroy(err as Error),
      );
    },
  });
}

/** Bytes [0, n) of `src` (at most its size) in one buffer. */
export async function readPrefix(src: ByteSource, n: number): Promise<Buffer> {
  const end = Math.min(n, src.size);
  const parts: Buffer[] = [];
  for (let at = 0; at < end; at += READ_CHUNK) parts.push(await src.read(at, Math.min(end, at + READ_CHUNK)));
  return Buffer.concat(parts);
}
