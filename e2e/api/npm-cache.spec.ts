/**
 * npm packuments served from the index cache (lib/formats/npm/packument-response.ts): every
 * change (publish, dist-tag, deleting a tarball through the files API) shows at once; one cached
 * rendering serves each credential form its own tarball URLs (`/t/<token>/` clients get theirs,
 * never another token's); the abbreviated document npm asks for on install; ETag/304; gzip for
 * header-credential clients that accept it; and the
 * real `npm install` still works against it. Publishes are the PUT bodies npm sends, with
 * tarballs built here, so the test is quick; the install uses a throwaway userconfig and cache.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { test, expect, type Api } from '../support/fixtures';
import { expectErrorShape, signup, uid } from './helpers';
import { createRepo, resourceToken } from './pat-helpers';

type Version = { name: string; version: string; description?: string; readme?: string; scripts?: unknown; hasInstallScript?: boolean; dependencies?: Record<string, string>; dist: { tarball: string; shasum: string; integrity: string } };
type Doc = { name: string; 'dist-tags': Record<string, string>; versions: Record<string, Version>; time?: Record<string, string>; modified?: string };

async function tgz(name: string, version: string, marker: string): Promise<Buffer> {
  const pack = tar.pack();
  const manifest = { name, version, main: 'index.js', license: 'MIT', description: `${name} ${version}`, scripts: { postinstall: 'node -e 0' }, dependencies: {} };
  pack.entry({ name: 'package/package.json' }, JSON.stringify(manifest, null, 2));
  pack.entry({ name: 'package/index.js' }, `module.exports = ${JSON.stringify(marker)};\n`);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}

/** The body of `npm publish` for one version. */
async function publishBody(name: string, version: string, marker = `${name}@${version}`) {
  const bytes = await tgz(name, version, marker);
  const manifest = {
    name, version, main: 'index.js', license: 'MIT', description: `${name} ${version}`, readme: `# ${name}\n`, scripts: { postinstall: 'node -e 0' }, dependencies: {}, _id: `${name}@${version}`,
    dist: { shasum: createHash('sha1').update(bytes).digest('hex'), integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}` },
  };
  return {
    _id: name, name, 'dist-tags': { latest: version }, versions: { [version]: manifest },
    _attachments: { [`${name}-${version}.tgz`]: { content_type: 'application/octet-stream', data: bytes.toString('base64'), length: bytes.length } },
  };
}

type World = { org: string; token: string; other: string; root: string };

async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'js', format: 'npm', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  const { secret: other } = await resourceToken(api, owner.cookie, org, [{ repo: 'js', access: 'read' }]);
  return { org, token: secret, other, root: `/npm/${org}/js/` };
}

async function publish(api: Api, w: World, name: string, version: string) {
  const res = await api.put(`${w.root}${name}`, await publishBody(name, version), { token: w.token });
  expect(res.status, `publish ${name}@${version}: ${res.text}`).toBe(201);
}

const ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

async function packument(api: Api, url: string, opts: { token?: string; accept?: string; headers?: Record<string, string> } = {}) {
  const res = await api.get<Doc>(url, { token: opts.token, headers: { ...(opts.accept ? { accept: opts.accept } : {}), ...opts.headers } });
  expect(res.status, `${url}: ${res.text.slice(0, 500)}`).toBe(200);
  return res;
}

test.describe('npm packument cache', () => {
  test.setTimeout(180_000);

  test('publishes, dist-tags and deleted tarballs show at once; each credential form gets its own tarball URLs', async ({ api }) => {
    const w = await world(api);
    const name = `cached-${uid()}`;
    const url = `${w.root}${name}`;
    const file = (v: string) => `${name}/-/${name}-${v}.tgz`;
    const bearerBase = `${api.url}${w.root}`;

    await publish(api, w, name, '1.0.0');
    const first = await packument(api, url, { token: w.token });
    expect(first.json['dist-tags']).toEqual({ latest: '1.0.0' });
    expect(Object.keys(first.json.versions)).toEqual(['1.0.0']);
    expect(first.json.versions['1.0.0']!.dist.tarball).toBe(`${bearerBase}${file('1.0.0')}`);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();

    // Unchanged: the same bytes and a 304 for the ETag. Changed (publish): both versions.
    expect((await packument(api, url, { token: w.token })).text).toBe(first.text);
    const notModified = await api.get(url, { token: w.token, headers: { 'if-none-match': etag! } });
    expect(notModified.status).toBe(304);
    await publish(api, w, name, '1.1.0');
    const second = await api.get<Doc>(url, { token: w.token, headers: { 'if-none-match': etag! } });
    expect(second.status).toBe(200);
    expect(Object.keys(second.json.versions).sort()).toEqual(['1.0.0', '1.1.0']);
    expect(second.json['dist-tags']).toEqual({ latest: '1.1.0' });
    expect(second.headers.get('etag')).not.toBe(etag);

    // A dist-tag change shows.
    const tag = await api.put(`${w.root}-/package/${name}/dist-tags/beta`, JSON.stringify('1.0.0'), { token: w.token });
    expect(tag.status, tag.text).toBe(201);
    expect((await packument(api, url, { token: w.token })).json['dist-tags']).toEqual({ latest: '1.1.0', beta: '1.0.0' });

    // One rendering, every credential form: header credentials get plain URLs, each /t/<token>/
    // client its own token, in whatever order they come.
    for (const [token, viaPath] of [[w.token, true], [w.token, false], [w.other, true], [w.other, false], [w.token, true]] as const) {
      const base = viaPath ? `${api.url}/t/${token}${w.root}` : bearerBase;
      const doc = viaPath ? await packument(api, `/t/${token}${url}`) : await packument(api, url, { token });
      for (const v of ['1.0.0', '1.1.0']) expect(doc.json.versions[v]!.dist.tarball).toBe(`${base}${file(v)}`);
      const other = viaPath ? (token === w.token ? w.other : w.token) : null;
      if (!viaPath) expect(doc.text).not.toContain('/t/');
      if (other) expect(doc.text).not.toContain(other);
    }
    const basic = await api.get<Doc>(url, { headers: { authorization: `Basic ${Buffer.from(`x:${w.other}`).toString('base64')}` } });
    expect(basic.json.versions['1.1.0']!.dist.tarball).toBe(`${bearerBase}${file('1.1.0')}`);
    const viaPathTarball = await fetch(`${api.url}/t/${w.other}${w.root}${file('1.1.0')}`);
    expect(viaPathTarball.status).toBe(200);

    // The abbreviated document: install fields only, its own media type, cached apart from the full one.
    for (const viaPath of [false, true]) {
      const abbr = viaPath ? await packument(api, `/t/${w.token}${url}`, { accept: ABBREVIATED }) : await packument(api, url, { token: w.token, accept: ABBREVIATED });
      expect(abbr.headers.get('content-type')).toMatch(/^application\/vnd\.npm\.install-v1\+json/);
      expect(abbr.json['dist-tags']).toEqual({ latest: '1.1.0', beta: '1.0.0' });
      expect(typeof abbr.json.modified).toBe('string');
      expect(abbr.json).not.toHaveProperty('time');
      const v = abbr.json.versions['1.1.0']!;
      expect(Object.keys(v).sort()).toEqual(['dependencies', 'dist', 'hasInstallScript', 'license', 'name', 'version']);
      expect(v.hasInstallScript).toBe(true);
      expect(v.dist.tarball).toBe(`${viaPath ? `${api.url}/t/${w.token}${w.root}` : bearerBase}${file('1.1.0')}`);
      expect(v.dist.integrity).toBe(second.json.versions['1.1.0']!.dist.integrity);
    }
    const full = await packument(api, url, { token: w.token, accept: 'application/json' });
    expect(full.json.versions['1.1.0']!.readme).toBe(`# ${name}\n`);

    // Header-credential pages go gzipped to clients that take it (npm does); /t/<token>/ pages never.
    const plain = await fetch(`${api.url}${url}`, { headers: { authorization: `Bearer ${w.token}`, 'accept-encoding': 'identity' } });
    const zipped = await fetch(`${api.url}${url}`, { headers: { authorization: `Bearer ${w.token}`, 'accept-encoding': 'gzip, deflate' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(Number(plain.headers.get('content-length')));
    expect(zipped.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(await zipped.text()).toBe(await plain.text());
    const viaPathZipped = await fetch(`${api.url}/t/${w.token}${url}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(viaPathZipped.headers.get('content-encoding')).toBeNull();
    expect(await viaPathZipped.text()).toContain(`/t/${w.token}/`);

    // Deleting a tarball through the files API takes its version out; latest falls back.
    const del = await api.delete(`/api/v1/orgs/${w.org}/repos/js/files/${file('1.1.0')}`, { token: w.token });
    expect(del.status, del.text).toBe(204);
    for (const accept of [undefined, ABBREVIATED]) {
      const doc = await packument(api, url, { token: w.token, accept });
      expect(Object.keys(doc.json.versions)).toEqual(['1.0.0']);
      expect(doc.json['dist-tags']).toEqual({ latest: '1.0.0', beta: '1.0.0' });
      if (!accept) expect(Object.keys(doc.json.time ?? {})).not.toContain('1.1.0');
    }
    const gone = await api.get(`${w.root}${file('1.1.0')}`, { token: w.token });
    expect(gone.status).toBe(404);
    const tagDeleted = await api.put(`${w.root}-/package/${name}/dist-tags/next`, JSON.stringify('1.1.0'), { token: w.token });
    expect(tagDeleted.status).toBe(404);

    // The version can be published again, and shows again.
    await publish(api, w, name, '1.1.0');
    expect((await packument(api, url, { token: w.token })).json['dist-tags']).toEqual({ latest: '1.1.0', beta: '1.0.0' });

    // Every tarball deleted: no package.
    for (const v of ['1.0.0', '1.1.0']) expect((await api.delete(`/api/v1/orgs/${w.org}/repos/js/files/${file(v)}`, { token: w.token })).status).toBe(204);
    const none = await api.get(url, { token: w.token });
    expect(none.status).toBe(404);
    expectErrorShape(none);

    // HEAD: the headers of the page, no body.
    await publish(api, w, name, '2.0.0');
    const head = await fetch(`${api.url}${url}`, { method: 'HEAD', headers: { authorization: `Bearer ${w.token}`, 'accept-encoding': 'identity' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength((await packument(api, url, { token: w.token })).text));
  });

  test('npm install resolves through the cached packuments, with a token and through /t/<token>/', async ({ api }) => {
    const w = await world(api);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-npm-cache-'));
    try {
      const name = `inst-${uid()}`;
      await publish(api, w, name, '1.0.0');
      await publish(api, w, name, '1.1.0');
      // Warm the cache in both forms first, then delete the newest tarball: install must pick 1.0.0.
      await packument(api, `${w.root}${name}`, { token: w.token, accept: ABBREVIATED });
      await packument(api, `/t/${w.token}${w.root}${name}`, { accept: ABBREVIATED });
      expect((await api.delete(`/api/v1/orgs/${w.org}/repos/js/files/${name}/-/${name}-1.1.0.tgz`, { token: w.token })).status).toBe(204);

      for (const viaPath of [false, true]) {
        const registry = viaPath ? `${api.url}/t/${w.other}${w.root}` : `${api.url}${w.root}`;
        const project = path.join(dir, `project-${uid()}`);
        mkdirSync(project);
        writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
        const rc = path.join(dir, `npmrc-${uid()}`);
        const lines = [`registry=${registry}`, 'audit=false', 'fund=false', 'update-notifier=false'];
        if (!viaPath) lines.push(`${registry.replace(/^https?:/, '')}:_authToken=${w.other}`);
        writeFileSync(rc, lines.join('\n') + '\n');
        const run = await npm(['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--registry', registry, '--userconfig', rc, '--cache', path.join(dir, `cache-${uid()}`), name], project);
        expect(run.code, `exit ${run.code}\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-3000)}`).toBe(0);
        expect(readFileSync(path.join(project, 'node_modules', name, 'index.js'), 'utf8')).toContain(`${name}@1.0.0`);
        expect(JSON.parse(readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8')).version).toBe('1.0.0');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function npm(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // npm_config_* from the runner (e.g. a parent `npm run`) must not leak into the client.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))) as NodeJS.ProcessEnv;
    execFile('npm', args, { cwd, env: { ...env, NO_UPDATE_NOTIFIER: '1' }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
