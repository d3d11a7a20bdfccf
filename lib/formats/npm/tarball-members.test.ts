import zlib from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '@/lib/formats/archive/byte-source';
import { chooseReadme } from './manifest';
import { MAX_NAME_LENGTH, MAX_TEXT_BYTES, npmHasShrinkwrap, npmTarballMembers } from './tarball-members';

async function tgz(members: [string, string | Buffer][]): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of members) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}

const read = async (members: [string, string | Buffer][], scanLimit?: number) => npmTarballMembers(bufferSource(await tgz(members)), { scanLimit });

describe('npmTarballMembers', () => {
  it('keeps only the README npm would choose, whatever the order they come in', async () => {
    const names = ['README', 'readme.txt', 'README.markdown', 'Readme.md', 'README.rst'];
    for (const order of [names, [...names].reverse()]) {
      const r = await read([['package/package.json', '{}'], ...order.map((n): [string, string] => [`package/${n}`, `text of ${n}`])]);
      expect(r.texts).toEqual([[chooseReadme(names)!, `text of ${chooseReadme(names)}`]]);
      expect(r.files.sort()).toEqual([...names, 'package.json'].sort());
    }
  });

  it('holds one README at a time: many large candidates cost one', async () => {
    const big = Buffer.alloc(1024 * 1024, 0x61);
    const r = await read(Array.from({ length: 40 }, (_, i): [string, Buffer] => [`package/README.${i}`, big]));
    expect(r.texts).toHaveLength(0); // README.<n> is a candidate npm never picks
    const md = await read(Array.from({ length: 40 }, (_, i): [string, Buffer] => [`package/README${i}.md`.replace(/README(\d+)/, 'README.$1'), big]));
    expect(md.texts.length).toBeLessThanOrEqual(1);
  });

  it('keeps AUTHORS, and refuses README and AUTHORS over the text cap together', async () => {
    const half = 'a'.repeat(MAX_TEXT_BYTES / 2 + 1);
    expect((await read([['package/AUTHORS', 'Ann\n']])).texts).toEqual([['AUTHORS', 'Ann\n']]);
    await expect(read([['package/README.md', half], ['package/AUTHORS', half]])).rejects.toThrow(/README and AUTHORS are more than 8388608 bytes/);
  });

  it('refuses member names longer than 4096 bytes (GNU long names)', async () => {
    await expect(read([[`package/${'x'.repeat(MAX_NAME_LENGTH + 1)}`, '']])).rejects.toThrow(/member name of 4097 bytes; at most 4096/);
    expect((await read([[`package/${'x'.repeat(MAX_NAME_LENGTH)}`, '']])).files).toHaveLength(1);
  });

  it('stops at the unpacked cap', async () => {
    await expect(read([['package/zeros', Buffer.alloc(200_000)]], 100_000)).rejects.toThrow(/unpacks to more than 100000 bytes/);
  });
});

describe('npmHasShrinkwrap', () => {
  it('stops at the shrinkwrap, refuses past its scan cap, and calls damage "none"', async () => {
    const bytes = await tgz([['package/npm-shrinkwrap.json', '{}'], ['package/zeros', Buffer.alloc(300_000)]]);
    expect(await npmHasShrinkwrap(bufferSource(bytes), { scanLimit: 100_000 })).toBe(true);
    const late = await tgz([['package/zeros', Buffer.alloc(300_000)], ['package/npm-shrinkwrap.json', '{}']]);
    await expect(npmHasShrinkwrap(bufferSource(late), { scanLimit: 100_000 })).rejects.toThrow(/unpacks to more than the 100000 bytes publish reads/);
    expect(await npmHasShrinkwrap(bufferSource(late), {})).toBe(true);
    expect(await npmHasShrinkwrap(bufferSource(Buffer.from('not a tarball')), {})).toBe(false);
  });
});
