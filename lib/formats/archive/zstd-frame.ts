// The zstd frame headers of a compressed buffer, read before any decoding
// (RFC 8878 §3.1.1). fzstd keeps a window of the size a frame declares and
// moves all of it on every block, so a frame declaring a 1.875 GiB window
// costs ~0.2 s per 128 KiB block however little it holds. Two rules bound it:
// - a frame declaring a window (or, for a single-segment frame, a content
//   size) over MAX_ZSTD_WINDOW is refused, as zstd's own decoder does by
//   default (conda reads .conda files with it, so no real package is
//   refused): conda's cph declares 64 MiB windows even for tiny info archives;
// - the window handed to the decoder is at most the number of bytes we will
//   ever read: no back-reference within the first N decompressed bytes can
//   reach further than N, so a header rewritten to a window of N decodes
//   those bytes exactly.
import { ArchiveError } from './errors';

/** zstd's default decoder limit (ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27). */
export const MAX_ZSTD_WINDOW = 128 * 1024 * 1024;

const MAGIC = 0xfd2fb528;
const SKIPPABLE = 0x184d2a50; // low 4 bits free
const MAX_BLOCK = 128 * 1024;

export type FrameHeader = {
  /** Bytes of the header (magic included). */
  size: number;
  windowSize: number;
  singleSegment: boolean;
  contentSize: number | undefined;
  checksum: boolean;
  dictionaryIdBytes: number;
};

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 1000) / 1000} MiB`;

/** The header of the frame at `at` (magic checked); a damaged header is an ArchiveError. */
export function parseFrameHeader(buf: Uint8Array, at = 0): FrameHeader {
  if (buf.length < at + 6) throw new ArchiveError('the zstd frame header is truncated.');
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.readUInt32LE(at) !== MAGIC) throw new ArchiveError('not a zstd frame.');
  const descriptor = view[at + 4]!;
  if (descriptor & 0x08) throw new ArchiveError('the zstd frame header sets a reserved bit.');
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  const checksum = (descriptor & 0x04) !== 0;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 0x03]!;
  const fcsBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
  let p = at + 5;
  let windowSize = 0;
  if (!singleSegment) {
    const wd = view[p++]!;
    const base = 2 ** (10 + (wd >> 3));
    windowSize = base + (base / 8) * (wd & 7);
  }
  p += dictionaryIdBytes;
  const size = p + fcsBytes - at;
  if (buf.length < at + size) throw new ArchiveError('the zstd frame header is truncated.');
  let contentSize: number | undefined;
  if (fcsBytes === 1) contentSize = view[p]!;
  else if (fcsBytes === 2) contentSize = view.readUInt16LE(p) + 256;
  else if (fcsBytes === 4) contentSize = view.readUInt32LE(p);
  else if (fcsBytes === 8) contentSize = Number(view.readBigUInt64LE(p));
  if (singleSegment) windowSize = contentSize!;
  return { size, windowSize, singleSegment, contentSize, checksum, dictionaryIdBytes };
}

/** The window descriptor byte of 2^log bytes. */
const windowDescriptor = (log: number) => (log - 10) << 3;

/**
 * A copy of the zstd data `buf` that decodes the same first `readLimit`
 * bytes with a window of at most `readLimit` (rounded up to a power of two,
 * at least 128 KiB): every frame's header is checked (MAX_ZSTD_WINDOW) and
 * rewritten when its window is larger, skippable frames are dropped. Frames
 * are walked block by block (headers only), which costs nothing next to
 * decoding them.
 */
export function boundZstdWindow(buf: Uint8Array, readLimit: number): Buffer {
  const log = Math.max(17, Math.ceil(Math.log2(Math.max(readLimit, 1))));
  const bound = 2 ** log;
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Buffer[] = [];
  let at = 0;
  while (at < view.length) {
    if (view.length - at >= 8 && (view.readUInt32LE(at) & 0xfffffff0) === SKIPPABLE) {
      at += 8 + view.readUInt32LE(at + 4);
      continue;
    }
    const h = parseFrameHeader(view, at);
    if (h.windowSize > MAX_ZSTD_WINDOW) {
      const what = h.singleSegment ? 'content size' : 'window';
      throw new ArchiveError(`its zstd frame declares a ${mib(h.windowSize)} ${what}; at most ${mib(MAX_ZSTD_WINDOW)} is accepted.`);
    }
    const end = frameEnd(view, at + h.size, h);
    if (h.windowSize > bound) {
      // A multi-segment header with the bounded window, no content size, the same checksum and dictionary flags.
      const header = Buffer.alloc(6 + h.dictionaryIdBytes);
      header.writeUInt32LE(MAGIC, 0);
      header[4] = (view[at + 4]! & 0x07) | 0x00; // checksum + dictionary flags; FCS 0, multi-segment
      header[5] = windowDescriptor(log);
      const dictAt = at + 5 + (h.singleSegment ? 0 : 1);
      view.copy(header, 6, dictAt, dictAt + h.dictionaryIdBytes);
      out.push(header, view.subarray(at + h.size, end));
    } else {
      out.push(view.subarray(at, end));
    }
    at = end;
  }
  return Buffer.concat(out);
}

/** Where the frame whose blocks start at `p` ends (after its checksum); the data may be cut short. */
function frameEnd(view: Buffer, p: number, h: FrameHeader): number {
  const maxBlock = Math.min(MAX_BLOCK, h.windowSize || MAX_BLOCK);
  for (;;) {
    if (p + 3 > view.length) return view.length; // truncated: the decoder says so
    const bh = view[p]! | (view[p + 1]! << 8) | (view[p + 2]! << 16);
    const last = bh & 1;
    const type = (bh >> 1) & 3;
    const size = bh >>> 3;
    if (type === 3) throw new ArchiveError('its zstd data has a reserved block type.');
    if (size > maxBlock) throw new ArchiveError('its zstd data has a block larger than the format allows.');
    p += 3 + (type === 1 ? 1 : size);
    if (last) return Math.min(view.length, p + (h.checksum ? 4 : 0));
  }
}
