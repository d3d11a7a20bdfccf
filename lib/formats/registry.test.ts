// Every registered format, end to end on a real (SQLite) database: it answers
// its native routes through the dispatcher, ingests an upload, names its
// URLs and orders versions. A format added to the registry without an entry
// in PROBES fails here, so the recipe cannot be half followed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-registry-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

/** Per format: an index route (200 for an empty public repository) and a file route (404: no such file). */
const PROBES: Record<string, { index: string | null; missing: string; upload: { name: string; rejected: boolean } }> = {
  raw: { index: null, missing: 'a/b.txt', upload: { name: 'notes/a.txt', rejected: false } },
  pypi: { index: 'simple/', missing: 'files/x/x-1.0.tar.gz', upload: { name: 'x-1.0.tar.gz', rejected: true } },
  npm: { index: null, missing: 'x/-/x-1.0.0.tgz', upload: { name: 'x-1.0.0.tgz', rejected: true } },
  conda: { index: 'channeldata.json', missing: 'noarch/x-1.0-0.conda', upload: { name: 'noarch/x-1.0-0.conda', rejected: true } },
};

// ingest is called after the caller checked artifact:create: the principal is not consulted.
const actor = { principal: { kind: 'anonymous' as const }, user: null, credential: { type: 'system' as const, id: null }, meta: { address: '127.0.0.1', userAgent: 'test', requestId: 'r' } };
const request = (p: string, method = 'GET') => ({ method, path: p, query: new URLSearchParams(), headers: {}, address: '127.0.0.1', body: Readable.from([]) });

describe('the format registry', async () => {
  const { env } = await import('@/lib/env');
  const { migrate } = await import('@/lib/db/migrate');
  const { db } = await import('@/lib/db/client');
  const { FORMATS } = await import('./registry');
  const { FORMAT_CLIENTS, FORMAT_IDS } = await import('./registry-client');
  const { dispatchNative, isNativePath } = await import('./native-routes');
  const { REPOSITORY_FORMATS } = await import('@/lib/repos/schema');
  const { RESERVED_SLUGS } = await import('@/lib/orgs/schema');
  const { repoUrls } = await import('@/lib/repos/urls');
  let orgId = '';

  beforeAll(async () => {
    await migrate(env().database);
    const org = await db().organization.create({ data: { slug: 'acme', name: 'Acme' } });
    orgId = org.id;
    for (const id of FORMAT_IDS) await db().repository.create({ data: { orgId, name: `${id}-repo`, format: id, visibility: 'public' } });
  });

  it('is the one list: server and client halves, repository formats and reserved slugs agree', () => {
    expect(FORMATS.map((f) => f.id)).toEqual(FORMAT_IDS);
    expect(FORMAT_CLIENTS.map((f) => f.id)).toEqual(FORMAT_IDS);
    expect([...REPOSITORY_FORMATS]).toEqual(FORMAT_IDS);
    for (const f of FORMATS) {
      expect(f.client.id).toBe(f.id);
      expect(RESERVED_SLUGS.has(f.id)).toBe(true);
      expect(PROBES[f.id], `PROBES has no entry for ${f.id}`).toBeDefined();
    }
  });

  describe.each(FORMATS.map((f) => [f.id, f] as const))('%s', (id, format) => {
    const probe = PROBES[id]!;
    const root = `/${id}/acme/${id}-repo`;

    it('answers its native routes', async () => {
      expect(isNativePath(`${root}/`)).toBe(true);
      const short = await dispatchNative(request(`/${id}/acme`));
      expect(short?.status).toBe(404);
      expect(String(short?.body)).toContain(format.usage);
      const missing = await dispatchNative(request(`${root}/${probe.missing}`));
      expect(missing?.status).toBe(404);
      expect(missing?.headers['content-security-policy']).toContain('sandbox');
      if (probe.index) expect((await dispatchNative(request(`${root}/${probe.index}`)))?.status).toBe(200);
      const anonymousUpload = await dispatchNative(request(`${root}/${probe.missing}`, id === 'pypi' ? 'POST' : 'PUT'));
      expect([401, 404, 405]).toContain(anonymousUpload?.status);
    });

    it('ingests an upload', async () => {
      const repo = await db().repository.findFirstOrThrow({ where: { orgId, name: `${id}-repo` } });
      const upload = format.ingest(actor, repo, probe.upload.name, Readable.from([Buffer.from('not an archive')]), {});
      if (probe.upload.rejected) await expect(upload).rejects.toMatchObject({ status: 400 });
      else await expect(upload).resolves.toMatchObject({ path: probe.upload.name, size: 14 });
    });

    it('names its URLs under /{format}/{org}/{repo}', () => {
      const urls = repoUrls('acme', `${id}-repo`, id);
      expect(Object.keys(urls).length).toBeGreaterThan(0);
      for (const url of Object.values(urls)) expect(url.startsWith(`${env().downloadUrl}${root}`)).toBe(true);
      expect(format.client.setMeUp(urls, '<token>').length).toBeGreaterThan(0);
      expect(format.client.uploadHelp(urls, '<token>').length).toBeGreaterThan(0);
    });

    it('orders versions and names packages', () => {
      expect(format.latestVersion([], {})).toBeNull();
      const latest = format.latestVersion(['1.9.1', '2.0.0', '1.10.0'], {});
      // Newest first: formats without an order of their own take the newest upload.
      expect(latest).toBe(id === 'pypi' || id === 'conda' ? '2.0.0' : '1.9.1');
      expect(format.storedName('Some_Name')).toBe(id === 'pypi' ? 'some-name' : 'some_name');
    });
  });
});
