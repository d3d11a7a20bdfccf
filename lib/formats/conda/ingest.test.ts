// Storing conda packages (the console's upload, the same code as the
// channel's PUT) against a real (SQLite) database and blob store, with
// packages built by Debian's cph: the path comes from the URL's subdir or,
// when only a file name is given, from index.json; what is stored renders
// the repodata conda expects; disagreements are 400s that store nothing.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-conda-ingest-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

type Index = { name: string; version: string; build: string; build_number: number; depends: string[]; subdir: string; noarch?: string };

function cph(index: Index, ext: '.tar.bz2' | '.conda'): Buffer {
  const src = fs.mkdtempSync(path.join(dataDir, 'src-'));
  fs.mkdirSync(path.join(src, 'info'));
  fs.writeFileSync(path.join(src, 'info', 'index.json'), JSON.stringify(index));
  fs.writeFileSync(path.join(src, 'info', 'about.json'), JSON.stringify({ summary: `about ${index.name}` }));
  fs.writeFileSync(path.join(src, 'info', 'files'), 'data.txt\n');
  fs.writeFileSync(path.join(src, 'data.txt'), `${index.name} ${index.version}\n`);
  const out = fs.mkdtempSync(path.join(dataDir, 'out-'));
  const file = `${index.name}-${index.version}-${index.build}${ext}`;
  execFileSync('cph', ['create', src, file, '--out-folder', out], { stdio: 'pipe' });
  return fs.readFileSync(path.join(out, file));
}

const index = (name: string, version: string, subdir = 'linux-64'): Index => ({ name, version, build: 'h0_0', build_number: 0, depends: ['python'], subdir, ...(subdir === 'noarch' ? { noarch: 'generic' } : {}) });
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('ingestConda', async () => {
  const { env } = await import('@/lib/env');
  const { migrate } = await import('@/lib/db/migrate');
  const { db } = await import('@/lib/db/client');
  const { ingestConda } = await import('./ingest');
  const { channelFiles } = await import('./service');
  const { renderRepodata } = await import('./repodata');
  const actor = { principal: { kind: 'anonymous' as const }, user: null, credential: { type: 'system' as const, id: null }, meta: { address: '127.0.0.1', userAgent: 'test', requestId: 'r' } };
  type Repo = Parameters<typeof ingestConda>[1];
  let repo: Repo;

  beforeAll(async () => {
    await migrate(env().database);
    const org = await db().organization.create({ data: { slug: 'acme', name: 'Acme' } });
    repo = await db().repository.create({ data: { orgId: org.id, name: 'forge', format: 'conda', visibility: 'private' } });
  });

  const upload = (bytes: Buffer, name: string) => ingestConda(actor, repo, name, Readable.from([bytes]), { declaredSize: bytes.length });
  const contentVersion = async () => (await db().repository.findUniqueOrThrow({ where: { id: repo.id } })).contentVersion;

  it('stores under the given subdir, or the one index.json names, and renders the repodata record', async () => {
    const bz2 = cph(index('demo', '1.0'), '.tar.bz2');
    const before = await contentVersion();
    expect(await upload(bz2, 'linux-64/demo-1.0-h0_0.tar.bz2')).toEqual({ path: 'linux-64/demo-1.0-h0_0.tar.bz2', size: bz2.length, sha256: sha256(bz2), package: { name: 'demo', version: '1.0' } });
    expect(await contentVersion()).toBeGreaterThan(before);
    const noarch = cph(index('tool', '2.0', 'noarch'), '.conda');
    expect((await upload(noarch, 'tool-2.0-h0_0.conda')).path).toBe('noarch/tool-2.0-h0_0.conda');

    const doc = JSON.parse(renderRepodata('linux-64', await channelFiles(repo.id, 'linux-64')));
    expect(doc.packages).toEqual({
      'demo-1.0-h0_0.tar.bz2': { ...index('demo', '1.0'), md5: crypto.createHash('md5').update(bz2).digest('hex'), sha256: sha256(bz2), size: bz2.length },
    });
    expect(Object.keys(JSON.parse(renderRepodata('noarch', await channelFiles(repo.id, 'noarch')))['packages.conda'])).toEqual(['tool-2.0-h0_0.conda']);
    const all = await channelFiles(repo.id);
    expect(all.map((f) => [f.filename, f.about])).toEqual([
      ['demo-1.0-h0_0.tar.bz2', { summary: 'about demo' }],
      ['tool-2.0-h0_0.conda', { summary: 'about tool' }],
    ]);
    const pkg = await db().package.findUniqueOrThrow({ where: { repositoryId_name: { repositoryId: repo.id, name: 'tool' } }, include: { versions: true } });
    expect([pkg.displayName, pkg.versions.map((v) => v.version)]).toEqual(['tool', ['2.0']]);
  });

  it('refuses duplicates in either form (409), and disagreements and non-packages (400) without storing anything', async () => {
    const bytes = cph(index('dup', '1.0'), '.conda');
    await upload(bytes, 'dup-1.0-h0_0.conda');
    await expect(upload(bytes, 'dup-1.0-h0_0.conda')).rejects.toMatchObject({ status: 409 });
    await expect(upload(bytes, 'linux-64/dup-1.0-h0_0.conda')).rejects.toMatchObject({ status: 409 });

    const artifacts = await db().artifact.count();
    const bz2 = cph(index('odd', '1.0'), '.tar.bz2');
    const cases: [Buffer, string, RegExp][] = [
      [bz2, 'odd-1.1-h0_0.tar.bz2', /version "1.1" but info\/index.json says "1.0"/],
      [bz2, 'even-1.0-h0_0.tar.bz2', /name "even"/],
      [bz2, 'odd-1.0-h0_1.tar.bz2', /build "h0_1"/],
      [bz2, 'osx-arm64/odd-1.0-h0_0.tar.bz2', /built for subdir "linux-64" .* uploaded to "osx-arm64"/],
      [bz2, 'Linux/odd-1.0-h0_0.tar.bz2', /not a conda subdir/],
      [bz2, 'odd-1.0-h0_0.tgz', /only \.tar\.bz2 and \.conda/],
      [bz2, 'a/b/odd-1.0-h0_0.tar.bz2', /by its file name/],
      [Buffer.from('not a package'), 'odd-1.0-h0_0.tar.bz2', /not a valid conda package/],
      [Buffer.from('not a package'), 'odd-1.0-h0_0.conda', /not a valid conda package/],
      [cph({ ...index('odd', '1.0'), subdir: 'Linux' }, '.conda'), 'odd-1.0-h0_0.conda', /names subdir "Linux", which is not a conda subdir/],
    ];
    for (const [body, name, message] of cases) {
      await expect(upload(body, name), name).rejects.toMatchObject({ status: 400, message: expect.stringMatching(message) });
    }
    expect(await db().artifact.count()).toBe(artifacts);
  });
});
