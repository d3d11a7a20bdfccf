import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source';
import { bunzip2Prefix } from './decompress';
import { ArchiveError } from './errors';

const bzip2 = (script: string) => execFileSync('python3', ['-c', `import bz2,sys;c=bz2.BZ2Compressor(9);o=sys.stdout.buffer;${script};o.write(c.flush())`]);

describe('bunzip2Prefix', () => {
  it('decodes a whole small stream', async () => {
    const r = await bunzip2Prefix(bufferSource(bzip2("o.write(c.compress(b'hello ' * 1000))")), 1024 ** 2);
    expect(r).toEqual({ data: Buffer.from('hello '.repeat(1000)), complete: true });
  });

  it('stops a bomb at the cap: 134 MiB of zeros in a few hundred bytes cost 1 MiB', async () => {
    const bomb = bzip2("[o.write(c.compress(b'\\0'*(1<<24))) for _ in range(8)]");
    expect(bomb.length).toBeLessThan(1024);
    const started = Date.now();
    const r = await bunzip2Prefix(bufferSource(bomb), 1024 ** 2);
    expect(r.complete).toBe(false);
    expect(r.data.length).toBe(1024 ** 2);
    expect(Date.now() - started).toBeLessThan(5_000); // (a guard against a hang, not a benchmark)
  });

  it('refuses what is not bzip2, and a truncated stream', async () => {
    await expect(bunzip2Prefix(bufferSource(Buffer.from('not bzip2 at all')), 1024)).rejects.toBeInstanceOf(ArchiveError);
    const whole = bzip2("o.write(c.compress(bytes(range(256)) * 4000))");
    await expect(bunzip2Prefix(bufferSource(whole.subarray(0, whole.length - 20)), 1024 ** 2)).rejects.toThrow(ArchiveError);
  });
});
