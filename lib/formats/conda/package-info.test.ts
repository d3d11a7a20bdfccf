import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '@/lib/storage/local-store';
import { parsePackageFile, type PackageFile } from './names';
import { readPackageInfo } from './package-info';

// Packages are built with Debian's conda-package-handling (`cph`), as conda-build does.

let store: LocalBlobStore;
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-conda-'));
  store = new LocalBlobStore(path.join(tmp, 'blobs'));
  (globalThis as { tollgateBlobs?: unknown }).tollgateBlobs = store;
});

const INDEX = { name: 'demo', version: '1.0.0', build: 'h1_0', build_number: 0, depends: ['python >=3.8'], subdir: 'linux-64', timestamp: 1700000000000, license: 'MIT' };

/** A package directory: info/index.json (+ about.json unless null) and the given payload files. */
function packageDir(index: unknown = INDEX, about: unknown = { summary: 'Demo', home: 'https://example.com' }, payload: Record<string, Buffer | string> = { 'lib/demo.txt': 'hi\n' }): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'pkg-'));
  fs.mkdirSync(path.join(dir, 'info'));
  fs.writeFileSync(path.join(dir, 'info', 'index.json'), typeof index === 'string' ? index : JSON.stringify(index));
  if (about !== null) fs.writeFileSync(path.join(dir, 'info', 'about.json'), JSON.stringify(about));
  fs.writeFileSync(path.join(dir, 'info', 'files'), Object.keys(payload).join('\n') + '\n');
  for (const [p, body] of Object.entries(payload)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), body);
  }
  return dir;
}

function cph(dir: string, file: string): Buffer {
  const out = fs.mkdtempSync(path.join(tmp, 'out-'));
  execFileSync('cph', ['create', dir, file, '--out-folder', out], { stdio: 'pipe' });
  return fs.readFileSync(path.join(out, file));
}

const fileOf = (name: string): PackageFile => {
  const r = parsePackageFile(name);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

async function read(bytes: Buffer, name: string, scanLimit?: number) {
  const d = await store.put(Readable.from([bytes]));
  return readPackageInfo(d.sha256, d.size, fileOf(name), scanLimit);
}

describe('readPackageInfo', () => {
  it('reads index.json and about.json from a .tar.bz2 and a .conda', async () => {
    const dir = packageDir();
    for (const name of ['demo-1.0.0-h1_0.tar.bz2', 'demo-1.0.0-h1_0.conda']) {
      expect(await read(cph(dir, name), name), name).toEqual({ index: INDEX, about: { summary: 'Demo', home: 'https://example.com' } });
    }
  });

  it('stops a .tar.bz2 at the end of info/, with or without about.json', async () => {
    // 6 MB of incompressible payload after info/: reading it all would pass the 3 MB scan limit.
    const dir = packageDir(INDEX, null, { 'lib/big.bin': randomBytes(6 * 1024 * 1024) });
    expect(await read(cph(dir, 'demo-1.0.0-h1_0.tar.bz2'), 'demo-1.0.0-h1_0.tar.bz2', 3 * 1024 * 1024)).toEqual({ index: INDEX });
    expect(await read(cph(dir, 'demo-1.0.0-h1_0.conda'), 'demo-1.0.0-h1_0.conda', 3 * 1024 * 1024)).toEqual({ index: INDEX });
  });

  it('caps decompression (a bomb costs at most the scan limit)', async () => {
    // tar with a large, very compressible member before info/
    const dir = packageDir(INDEX, null, { 'a/zeros.bin': Buffer.alloc(6 * 1024 * 1024) });
    const bz = path.join(tmp, 'bomb.tar.bz2');
    execFileSync('tar', ['-C', dir, '-cjf', bz, 'a/zeros.bin', 'info/index.json']);
    await expect(read(fs.readFileSync(bz), 'demo-1.0.0-h1_0.tar.bz2', 1024 * 1024)).rejects.toThrow(/no info\/index.json in the first 1048576 decompressed bytes/);
    // the same file reads fine with room to scan
    expect(await read(fs.readFileSync(bz), 'demo-1.0.0-h1_0.tar.bz2')).toEqual({ index: INDEX });
    // a .conda whose index.json decompresses past the limit
    const padded = packageDir({ ...INDEX, padding: 'x'.repeat(2 * 1024 * 1024) }, null);
    await expect(read(cph(padded, 'demo-1.0.0-h1_0.conda'), 'demo-1.0.0-h1_0.conda', 1024 * 1024)).rejects.toThrow(/decompressed bytes/);
  });

  it('answers 400 for what is not a conda package, saying why', async () => {
    const junk = Buffer.from('this is not an archive at all'.repeat(100));
    const error = async (bytes: Buffer, name: string) => read(bytes, name).then(() => null, (e: { status?: number; message: string }) => `${e.status} ${e.message}`);
    expect(await error(junk, 'demo-1.0.0-h1_0.tar.bz2')).toMatch(/^400 demo-1.0.0-h1_0.tar.bz2 is not a valid conda package: not a bzip2 file/);
    expect(await error(junk, 'demo-1.0.0-h1_0.conda')).toMatch(/^400 .*Not a zip archive/);
    const good = cph(packageDir(), 'demo-1.0.0-h1_0.tar.bz2');
    expect(await error(good.subarray(0, good.length - 40), 'demo-1.0.0-h1_0.tar.bz2')).toMatch(/^400 /);
    // a renamed .conda: its info member keeps the old name, and conda would not find it either
    expect(await error(cph(packageDir(), 'demo-1.0.0-h1_0.conda'), 'demo-1.0.0-h2_0.conda')).toMatch(/no info-demo-1.0.0-h2_0.tar.zst member/);
    // no index.json, or a bad one
    const noIndex = packageDir();
    fs.rmSync(path.join(noIndex, 'info', 'index.json'));
    expect(await error(cph(noIndex, 'demo-1.0.0-h1_0.conda'), 'demo-1.0.0-h1_0.conda')).toMatch(/has no info\/index.json/);
    expect(await error(cph(packageDir({ ...INDEX, build_number: 'zero' }), 'demo-1.0.0-h1_0.tar.bz2'), 'demo-1.0.0-h1_0.tar.bz2')).toMatch(/info\/index.json is not valid: build_number/);
    expect(await error(cph(packageDir('{oops'), 'demo-1.0.0-h1_0.conda'), 'demo-1.0.0-h1_0.conda')).toMatch(/info\/index.json is not valid JSON/);
  });
});
