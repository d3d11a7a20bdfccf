import { Decompress } from 'fzstd';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from './errors';
import { boundZstdWindow, MAX_ZSTD_WINDOW, parseFrameHeader } from './zstd-frame';

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** A frame of `blocks` RLE blocks of `blockSize` copies of `byte`, with the given descriptor bytes. */
function rleFrame(header: number[], blocks: number, blockSize = 128 * 1024, byte = 0x61): Buffer {
  const parts = [Buffer.from([...MAGIC, ...header])];
  for (let i = 0; i < blocks; i++) {
    const h = (blockSize << 3) | (1 << 1) | (i === blocks - 1 ? 1 : 0);
    parts.push(Buffer.from([h & 255, (h >> 8) & 255, (h >> 16) & 255, byte]));
  }
  return Buffer.concat(parts);
}

function decode(buf: Buffer): Buffer {
  const out: Uint8Array[] = [];
  const d = new Decompress((c) => out.push(Buffer.from(c)));
  d.push(buf, true);
  return Buffer.concat(out);
}

describe('parseFrameHeader', () => {
  it('reads the window cph declares (64 MiB) and the review\'s 1.875 GiB one', () => {
    expect(parseFrameHeader(Buffer.from([...MAGIC, 0x00, 0x80]))).toMatchObject({ size: 6, windowSize: 64 * 1024 ** 2, singleSegment: false, contentSize: undefined });
    expect(parseFrameHeader(Buffer.from([...MAGIC, 0x00, 0xa7])).windowSize).toBe(2 ** 30 + 7 * 2 ** 27);
  });

  it('reads single-segment frames, whose window is their content size', () => {
    // Single_Segment, FCS flag 0: a one-byte content size
    expect(parseFrameHeader(Buffer.from([...MAGIC, 0x20, 0x05]))).toMatchObject({ size: 6, singleSegment: true, windowSize: 5, contentSize: 5 });
    // FCS flag 1: two bytes, plus 256
    expect(parseFrameHeader(Buffer.from([...MAGIC, 0x60, 0x00, 0x01])).contentSize).toBe(512);
    // FCS flag 3 with a checksum and a 1-byte dictionary id: eight bytes
    const h = parseFrameHeader(Buffer.from([...MAGIC, 0xe5, 0x07, 0, 0, 0, 0x80, 0, 0, 0, 0]));
    expect(h).toMatchObject({ size: 14, checksum: true, dictionaryIdBytes: 1, contentSize: 2 ** 31 });
  });

  it('refuses what is not a frame header', () => {
    expect(() => parseFrameHeader(Buffer.from('not zstd'))).toThrow(ArchiveError);
    expect(() => parseFrameHeader(Buffer.from([...MAGIC, 0x00]))).toThrow(/truncated/);
    expect(() => parseFrameHeader(Buffer.from([...MAGIC, 0x08, 0x00]))).toThrow(/reserved/);
  });
});

describe('boundZstdWindow', () => {
  it('refuses windows past zstd\'s own limit (the review\'s H3 frame), naming the size', () => {
    expect(() => boundZstdWindow(rleFrame([0x00, 0xa7], 96), 32 * 1024 ** 2)).toThrow(/declares a 1920 MiB window; at most 128 MiB/);
    expect(() => boundZstdWindow(Buffer.from([...MAGIC, 0xe0, 0, 0, 0, 0x80, 0, 0, 0, 0, 1, 0, 0]), 1024)).toThrow(/2048 MiB content size/);
    expect(MAX_ZSTD_WINDOW).toBe(128 * 1024 * 1024);
  });

  it('finds a huge window in a later frame too', () => {
    const data = Buffer.concat([rleFrame([0x00, 0x00], 1, 1024), rleFrame([0x00, 0xa7], 2)]);
    expect(() => boundZstdWindow(data, 1024 ** 2)).toThrow(/declares a 1920 MiB window/);
  });

  it('rewrites a large window down to the read limit, decoding the same bytes', () => {
    const frame = rleFrame([0x00, 0x80], 8); // 64 MiB window, 1 MiB of "a"
    const bounded = boundZstdWindow(frame, 1024 ** 2);
    expect(parseFrameHeader(bounded).windowSize).toBe(1024 ** 2);
    expect(decode(bounded).equals(decode(frame))).toBe(true);
    expect(decode(bounded).length).toBe(1024 ** 2);
  });

  it('keeps small windows, drops skippable frames and rewrites single-segment frames', () => {
    const small = rleFrame([0x00, 0x00], 2, 1024); // 1 KiB window
    expect(boundZstdWindow(small, 1024 ** 2).equals(small)).toBe(true);
    const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);
    expect(boundZstdWindow(Buffer.concat([skippable, small]), 1024 ** 2).equals(small)).toBe(true);
    // single segment, 4-byte content size of 8 MiB: rewritten to a 1 MiB window with no content size
    const single = rleFrame([0xa0, 0, 0, 0x80, 0], 64);
    const bounded = boundZstdWindow(single, 1024 ** 2);
    expect(parseFrameHeader(bounded)).toMatchObject({ singleSegment: false, windowSize: 1024 ** 2, contentSize: undefined });
    expect(decode(bounded).subarray(0, 1024 ** 2).equals(decode(single).subarray(0, 1024 ** 2))).toBe(true);
  });

  it('refuses damaged block structure', () => {
    expect(() => boundZstdWindow(Buffer.from([...MAGIC, 0x00, 0x00, 0x07, 0, 0]), 1024)).toThrow(/reserved block type/);
    expect(() => boundZstdWindow(rleFrame([0x00, 0x00], 1, 4096), 1024 ** 2)).toThrow(/block larger/);
  });
});
