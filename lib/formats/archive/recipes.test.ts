// The generic recipe a new format (CRAN's DESCRIPTION in a .tar.gz) can use.
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source';
import { members } from './recipes';

async function tarGz(entries: [string, string | Buffer][]): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of entries) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}

describe('members', () => {
  it('finds the first DESCRIPTION of a .tar.gz and stops there', async () => {
    const bytes = await tarGz([['pkg/DESCRIPTION', 'Package: pkg\n'], ['pkg/zeros', Buffer.alloc(500_000)], ['other/DESCRIPTION', 'x']]);
    const found = await members(bufferSource(bytes), { container: 'tar.gz', patterns: ['^[^/]+/DESCRIPTION$'], firstOfEach: true, scanLimit: 100_000 });
    expect(found.map(([n, b]) => [n, Buffer.from(b).toString()])).toEqual([['pkg/DESCRIPTION', 'Package: pkg\n']]);
  });

  it('refuses past its scan cap, and members past their cap', async () => {
    const bytes = await tarGz([['pkg/zeros', Buffer.alloc(500_000)], ['pkg/DESCRIPTION', 'late']]);
    await expect(members(bufferSource(bytes), { container: 'tar.gz', patterns: ['DESCRIPTION$'], scanLimit: 100_000 })).rejects.toThrow(/nothing wanted in the first 100000 decompressed bytes/);
    await expect(members(bufferSource(bytes), { container: 'tar.gz', patterns: ['zeros$'], memberLimit: 1000 })).rejects.toThrow(/larger than 1000 bytes/);
  });
});
