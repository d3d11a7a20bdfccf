// The inspection pool: real workers (the entry the server uses), a source
// that never answers to overrun the budget, a heap too small for the job,
// and the pool answering normally afterwards.
import path from 'node:path';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError } from './errors';
import { InspectPool, INSPECT_LIMITS, WORKER_ENTRY } from './inspect';

const entry = path.join(process.cwd(), WORKER_ENTRY);

async function tgz(members: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(members)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}

const pools: InspectPool[] = [];
const pool = (budgetMs: number, resourceLimits = INSPECT_LIMITS) => {
  const p = new InspectPool({ size: 1, budgetMs, resourceLimits, entry });
  pools.push(p);
  return p;
};
afterAll(async () => Promise.all(pools.map((p) => p.close())));

describe('InspectPool', () => {
  const small = tgz({ 'package/package.json': '{"name":"x","version":"1.0.0"}', 'package/README.md': '# x' });

  it('runs a recipe in a worker and returns its result', async () => {
    const r = await pool(10_000).run('npm-tarball', {}, { bytes: await small });
    expect(r.files.sort()).toEqual(['README.md', 'package.json']);
    expect(r.texts).toEqual([['README.md', '# x']]);
  });

  it('stops a job past its budget with an ArchiveError, and the next job runs in a new worker', async () => {
    const p = pool(500);
    const hanging = { size: 1000, read: () => new Promise<Buffer>(() => {}) };
    const started = Date.now();
    await expect(p.run('npm-tarball', {}, hanging)).rejects.toThrow(new ArchiveError('the archive took too long to inspect (more than 0.5 s).'));
    expect(Date.now() - started).toBeLessThan(5_000);
    // the budget covers the job, not the worker's start, so a fresh worker is not cut short
    const again = pool(10_000);
    expect((await again.run('npm-tarball', {}, { bytes: await small })).files).toContain('package.json');
    await expect(p.run('npm-shrinkwrap', {}, { bytes: await small })).resolves.toBe(false);
  });

  it('turns a worker that runs out of heap into an ArchiveError', async () => {
    // 60,000 names of ~200 bytes held in a Set: far more than a 16 MiB heap
    const members: Record<string, string> = { 'package/package.json': '{}' };
    for (let i = 0; i < 60_000; i++) members[`package/${String(i).padStart(6, '0')}-${'n'.repeat(190)}`] = '';
    const bytes = await tgz(members);
    const p = pool(60_000, { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 });
    await expect(p.run('npm-tarball', {}, { bytes })).rejects.toThrow(/more memory than is allowed|stopped its worker/);
    // and the pool goes on
    await expect(p.run('npm-shrinkwrap', {}, { bytes: await small })).resolves.toBe(false);
  }, 60_000);

  it('passes archive errors on as ArchiveErrors', async () => {
    await expect(pool(10_000).run('npm-tarball', {}, { bytes: Buffer.from('not gzip') })).rejects.toBeInstanceOf(ArchiveError);
  });
});
