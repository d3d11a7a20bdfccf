// The console's npm upload against a real (SQLite) database and blob store:
// the stored version is the one `npm publish` would have made (path,
// manifest, digests in the packument, latest), duplicates are a 409, broken
// tarballs a 400 that leaves nothing behind, and a version whose tarball was
// deleted can be uploaded again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-npm-ingest-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

async function tgz(members: Record<string, string>, gzip = true): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(members)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return gzip ? zlib.gzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
}

const packed = (pkg: Record<string, unknown>, extra: Record<string, string> = {}) =>
  tgz({ 'package/package.json': JSON.stringify(pkg), 'package/index.js': 'module.exports = 1;\n', ...extra });

describe('ingestNpm', async () => {
  const { env } = await import('@/lib/env');
  const { migrate } = await import('@/lib/db/migrate');
  const { db } = await import('@/lib/db/client');
  const { ingestNpm } = await import('./ingest');
  const { bundlesShrinkwrap, readPacked } = await import('./tarball');
  const { blobStore } = await import('@/lib/storage');
  const { blobSource } = await import('@/lib/formats/archive/inspect');
  const { findPackage } = await import('./service');
  const { renderPackument } = await import('./packument');
  const actor = { principal: { kind: 'anonymous' as const }, user: null, credential: { type: 'system' as const, id: null }, meta: { address: '127.0.0.1', userAgent: 'test', requestId: 'r' } };
  type Repo = Parameters<typeof ingestNpm>[1];
  let repo: Repo;

  beforeAll(async () => {
    await migrate(env().database);
    const org = await db().organization.create({ data: { slug: 'acme', name: 'Acme' } });
    repo = await db().repository.create({ data: { orgId: org.id, name: 'js', format: 'npm', visibility: 'private' } });
  });

  const upload = async (bytes: Buffer, name = 'pkg.tgz') => ingestNpm(actor, repo, name, Readable.from([bytes]), { declaredSize: bytes.length });
  const packument = async (name: string) => renderPackument((await findPackage(repo.id, name))!, 'http://h/npm/acme/js/');
  const contentVersion = async () => (await db().repository.findUniqueOrThrow({ where: { id: repo.id } })).contentVersion;

  it('stores a packed package as npm publish would', async () => {
    const bytes = await packed({ name: '@acme/lib', version: '1.0.0', main: 'index.js', _secret: 'x', dependencies: { a: '^1' } }, { 'package/README.md': '# hello\n\nA library.\n' });
    const before = await contentVersion();
    const res = await upload(bytes, 'acme-lib-1.0.0.tgz');
    expect(res).toEqual({ path: '@acme/lib/-/lib-1.0.0.tgz', size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), package: { name: '@acme/lib', version: '1.0.0' } });
    expect(await contentVersion()).toBeGreaterThanOrEqual(before + 2); // the upload, then latest
    const doc = await packument('@acme/lib');
    expect(doc['dist-tags']).toEqual({ latest: '1.0.0' });
    expect(doc.versions['1.0.0']).toEqual({
      name: '@acme/lib', version: '1.0.0', _id: '@acme/lib@1.0.0', main: 'index.js', dependencies: { a: '^1' }, readme: '# hello\n\nA library.\n', readmeFilename: 'README.md', description: 'A library.',
      dist: {
        tarball: 'http://h/npm/acme/js/@acme/lib/-/lib-1.0.0.tgz',
        shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${crypto.createHash('sha512').update(bytes).digest('base64')}`,
      },
    });
  });

  it('moves latest up for releases only, and refuses an existing version', async () => {
    await upload(await packed({ name: '@acme/lib', version: '1.1.0' }));
    await upload(await packed({ name: '@acme/lib', version: '2.0.0-rc.1' }));
    await upload(await packed({ name: '@acme/lib', version: '0.9.0' }), '@acme/lib/-/lib-0.9.0.tgz');
    expect((await packument('@acme/lib'))['dist-tags']).toEqual({ latest: '1.1.0' });
    await expect(upload(await packed({ name: '@acme/lib', version: '1.1.0', description: 'other bytes' }))).rejects.toMatchObject({ status: 409 });
  });

  it('refuses what is not a packed package, leaving nothing behind', async () => {
    const artifacts = await db().artifact.count();
    const cases: [Buffer, RegExp, string?][] = [
      [Buffer.from('plain text'), /npm pack/],
      [await tgz({ 'package/package.json': '{}' }, false), /npm pack/],
      [await tgz({ 'package/index.js': '1' }), /no package\/package.json/],
      [await tgz({ 'other/package.json': JSON.stringify({ name: 'x', version: '1.0.0' }) }), /no package\/package.json/],
      [await packed({ name: 'Bad Name', version: '1.0.0' }), /not a valid npm package name/],
      [await packed({ name: 'x', version: 'one' }), /semver/],
      [await packed({ name: 'x', version: '1.0.0' }), /not y\/-\/y-1.0.0.tgz/, 'y/-/y-1.0.0.tgz'],
      [await packed({ name: 'x', version: '1.0.0' }), /\.tgz file npm pack makes/, 'x-1.0.0.zip'],
    ];
    for (const [bytes, message, name] of cases) {
      await expect(upload(bytes, name), String(message)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(message) });
    }
    expect(await db().artifact.count()).toBe(artifacts);
  });

  it('reads the member list (and the shrinkwrap flag publish records), and stops at a gzip bomb', async () => {
    const bytes = await packed({ name: 'x', version: '1.0.0' }, { 'package/npm-shrinkwrap.json': '{}', 'package/zeros.bin': '\0'.repeat(200_000) });
    const { sha256, size } = await blobStore().put(Readable.from([bytes]));
    const read = await readPacked(blobSource(sha256, size));
    expect([...read.files].sort()).toEqual(['index.js', 'npm-shrinkwrap.json', 'package.json', 'zeros.bin']);
    expect(await bundlesShrinkwrap(bytes)).toBe(true);
    expect(await bundlesShrinkwrap(await packed({ name: 'x', version: '1.0.0' }))).toBe(false);
    expect(await bundlesShrinkwrap(Buffer.from('not a tarball'))).toBe(false);
    await expect(readPacked(blobSource(sha256, size), 100_000)).rejects.toThrow(/more than 100000 bytes/);
    await expect(upload(await packed({ name: 'x', version: '1.0.0' }, { 'package/zeros.bin': '\0'.repeat(2_000_000) }).then((b) => b.subarray(0, 2000)))).rejects.toMatchObject({ status: 400 });
  });

  it('reads a package of 1,200 versions (past SQLite\'s bind-parameter limit for nested loads)', async () => {
    const pkg = await db().package.create({ data: { repositoryId: repo.id, name: 'many', displayName: 'many', distTags: '{"latest":"1.1199.0"}' } });
    const n = 1200;
    await db().packageVersion.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: `v${i}`, packageId: pkg.id, version: `1.${i}.0`, metadata: '{}' })) });
    await db().artifact.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        repositoryId: repo.id, packageVersionId: `v${i}`, path: `many/-/many-1.${i}.0.tgz`, filename: `many-1.${i}.0.tgz`, size: 1n, sha256: 'a'.repeat(64), sha1: 'b', sha512: 'c', contentType: 'application/gzip', blobKey: 'a'.repeat(64),
      })),
    });
    const doc = await packument('many');
    expect(Object.keys(doc.versions)).toHaveLength(n);
    expect(doc.versions['1.7.0']!.dist).toEqual({ tarball: 'http://h/npm/acme/js/many/-/many-1.7.0.tgz', shasum: 'b', integrity: 'sha512-c' });
  });

  it('takes a version again once its tarball was deleted', async () => {
    await upload(await packed({ name: 'again', version: '1.0.0' }));
    await upload(await packed({ name: 'again', version: '2.0.0' }));
    // What DELETE …/files/{path} does to the rows.
    await db().artifact.delete({ where: { repositoryId_path: { repositoryId: repo.id, path: 'again/-/again-2.0.0.tgz' } } });
    const doc = await packument('again');
    expect(Object.keys(doc.versions)).toEqual(['1.0.0']);
    expect(doc['dist-tags']).toEqual({ latest: '1.0.0' });
    await upload(await packed({ name: 'again', version: '2.0.0', description: 'second try' }));
    const again = await packument('again');
    expect(again.versions['2.0.0']!.description).toBe('second try');
    expect(again['dist-tags']).toEqual({ latest: '2.0.0' });
  });
});
