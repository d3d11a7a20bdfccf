import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source';
import { ArchiveError, readTarMembers, readZipMembers } from './index';

/** A zip written by Python's zipfile (deflated), as wheels are. */
function zipOf(members: Record<string, string>): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-zip-'));
  const out = path.join(dir, 'a.zip');
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED)\nfor k,v in json.loads(sys.argv[2]).items(): z.writestr(k,v)\nz.close()';
  execFileSync('python3', ['-c', script, out, JSON.stringify(members)]);
  return fs.readFileSync(out);
}

async function tarOf(members: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(members)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}


describe('readZipMembers', () => {
  it('reads only the wanted members of a zip', async () => {
    const d = bufferSource(zipOf({ 'pkg/__init__.py': 'x = 1\n', 'pkg-1.0.dist-info/METADATA': 'Name: pkg\nVersion: 1.0\n' }));
    const found = await readZipMembers(d, (n) => n.endsWith('.dist-info/METADATA'));
    expect([...found.keys()]).toEqual(['pkg-1.0.dist-info/METADATA']);
    expect(found.get('pkg-1.0.dist-info/METADATA')!.toString()).toContain('Version: 1.0');
  });

  it('refuses what is not a zip, and members over the cap', async () => {
    const junk = bufferSource(Buffer.from('not a zip at all, just text'));
    await expect(readZipMembers(junk, () => true)).rejects.toBeInstanceOf(ArchiveError);
    const big = bufferSource(zipOf({ big: 'a'.repeat(5000) }));
    await expect(readZipMembers(big, () => true, 1000)).rejects.toThrow(/larger than 1000/);
  });
});

describe('readTarMembers', () => {
  it('reads wanted members of a gzipped tar and can stop early', async () => {
    const bytes = zlib.gzipSync(await tarOf({ 'p-1/PKG-INFO': 'Name: p\n', 'p-1/setup.py': '', './later': 'z' }));
    let seen = 0;
    const found = await readTarMembers(
      Readable.from([bytes]).pipe(zlib.createGunzip()),
      (n) => (seen++, n.endsWith('PKG-INFO')),
      (f) => f.size === 1,
    );
    expect(found.get('p-1/PKG-INFO')!.toString()).toBe('Name: p\n');
    expect(seen).toBe(1);
  });

  it('refuses a stream that is not a tar', async () => {
    await expect(readTarMembers(Readable.from([Buffer.alloc(2048, 7)]), () => true)).rejects.toBeInstanceOf(ArchiveError);
  });
});
