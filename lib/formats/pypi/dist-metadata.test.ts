import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { LocalBlobStore } from '@/lib/storage/local-store';
import { readDistMetadata } from './dist-metadata';

let store: LocalBlobStore;
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-pypi-dist-'));
  store = new LocalBlobStore(path.join(tmp, 'blobs'));
  (globalThis as { tollgateBlobs?: unknown }).tollgateBlobs = store;
});

/** An archive written by Python's zipfile / tarfile, as build tools write them (members in order). */
function archive(kind: 'zip' | 'tar.gz', members: [string, string][]): Buffer {
  const out = path.join(fs.mkdtempSync(path.join(tmp, 'a-')), `a.${kind}`);
  const script = `
import io, json, sys, tarfile, zipfile
out, kind, members = sys.argv[1], sys.argv[2], json.load(sys.stdin)
if kind == 'zip':
  with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for k, v in members: z.writestr(k, v)
else:
  with tarfile.open(out, 'w:gz') as t:
    for k, v in members:
      b = v.encode(); i = tarfile.TarInfo(k); i.size = len(b); t.addfile(i, io.BytesIO(b))
`;
  execFileSync('python3', ['-c', script, out, kind], { input: JSON.stringify(members) });
  return fs.readFileSync(out);
}

const META = 'Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: 1.0\nRequires-Python: >=3.9\nSummary: demo\n\nbody\n';

async function read(bytes: Buffer, kind: 'wheel' | 'sdist-tar' | 'sdist-zip', scanLimit?: number) {
  const d = await store.put(Readable.from([bytes]));
  return readDistMetadata(d.sha256, d.size, kind, scanLimit);
}

const malformed = (p: Promise<unknown>, message: RegExp) =>
  expect(p).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.status === 400 && message.test(e.message));

describe('readDistMetadata', () => {
  it('reads a wheel\'s METADATA', async () => {
    const whl = archive('zip', [
      ['demo_pkg/__init__.py', ''],
      ['demo_pkg-1.0.dist-info/METADATA', META],
      ['demo_pkg-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\n'],
    ]);
    expect(await read(whl, 'wheel')).toEqual({ name: 'Demo_Pkg', version: '1.0', requiresPython: '>=3.9', summary: 'demo' });
  });

  it('refuses wheels without exactly one .dist-info, or without METADATA', async () => {
    await malformed(read(archive('zip', [['demo_pkg/__init__.py', '']]), 'wheel'), /has 0/);
    await malformed(read(archive('zip', [['a-1.dist-info/METADATA', META], ['b-1.dist-info/METADATA', META]]), 'wheel'), /has 2/);
    await malformed(read(archive('zip', [['a-1.dist-info/RECORD', '']]), 'wheel'), /no a-1.dist-info\/METADATA/);
    await malformed(read(archive('zip', [['x/a-1.dist-info/METADATA', META]]), 'wheel'), /has 0/);
  });

  it('refuses what is not a zip, and metadata without a Name', async () => {
    await malformed(read(Buffer.from('PK but not really a zip'), 'wheel'), /malformed: Not a zip/);
    await malformed(read(archive('zip', [['a-1.dist-info/METADATA', 'Version: 1\n']]), 'wheel'), /no Name/);
  });

  it('reads the top-level PKG-INFO of a .tar.gz sdist, not a nested one', async () => {
    const sdist = archive('tar.gz', [
      ['demo-pkg-1.0/src/demo_pkg.egg-info/PKG-INFO', 'Name: nested\nVersion: 9\n'],
      ['demo-pkg-1.0/PKG-INFO', META],
      ['demo-pkg-1.0/setup.py', ''],
    ]);
    expect((await read(sdist, 'sdist-tar')).name).toBe('Demo_Pkg');
  });

  it('refuses sdists that are not gzip, not tar or have no PKG-INFO', async () => {
    await malformed(read(Buffer.from('plain text'), 'sdist-tar'), /malformed/);
    await malformed(read(archive('zip', [['a-1/PKG-INFO', META]]), 'sdist-tar'), /malformed/);
    await malformed(read(archive('tar.gz', [['a-1/setup.py', '']]), 'sdist-tar'), /no top-level/);
    await malformed(read(archive('tar.gz', [['PKG-INFO', META]]), 'sdist-tar'), /no top-level/);
  });

  it('scans a bounded amount of an sdist', async () => {
    const sdist = archive('tar.gz', [['a-1/big.bin', 'x'.repeat(200_000)], ['a-1/PKG-INFO', META]]);
    await malformed(read(sdist, 'sdist-tar', 100_000), /first 100000 bytes/);
    expect((await read(sdist, 'sdist-tar')).version).toBe('1.0');
  });

  it('reads a .zip sdist', async () => {
    expect((await read(archive('zip', [['demo-pkg-1.0/PKG-INFO', META]]), 'sdist-zip')).requiresPython).toBe('>=3.9');
    await malformed(read(archive('zip', [['demo-pkg-1.0/a/PKG-INFO', META]]), 'sdist-zip'), /no top-level/);
  });
});
