/**
 * The npm registry route (docs/http.md "Package-tool routes"), driven by the real `npm` client against a
 * real server: `npm publish` of a plain and a scoped package with `_authToken`, `npm install` of
 * both with the token and again through a `/t/<token>/` registry URL with no token configured,
 * republishing (409), tampered digests (400) and anonymous access (401 with the challenge); a
 * tarball made by `npm pack` and uploaded through the files API is served exactly like the same
 * package published.
 * Every npm run uses a throwaway userconfig and cache, so nothing resolves from elsewhere.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Api } from '../support/fixtures';
import { expectErrorShape, signup, uid } from './helpers';
import { createRepo, resourceToken } from './pat-helpers';

type Run = { code: number; stdout: string; stderr: string };

function npm(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // npm_config_* from the runner (e.g. a parent `npm run`) must not leak into the client.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))) as NodeJS.ProcessEnv;
    execFile('npm', args, { cwd, env: { ...env, NO_UPDATE_NOTIFIER: '1' }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

type World = { org: string; token: string; registry: string; dir: string; cookie: string };

async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'js', format: 'npm', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  return { org, token: secret, registry: `${api.url}/npm/${org}/js/`, dir: mkdtempSync(path.join(os.tmpdir(), 'tg-npm-')), cookie: owner.cookie };
}

/** A throwaway userconfig: the registry, and its token when given. */
function npmrc(w: World, registry: string, token: string | null): string {
  const file = path.join(w.dir, `npmrc-${uid()}`);
  const lines = [`registry=${registry}`, 'audit=false', 'fund=false', 'update-notifier=false'];
  if (token) lines.push(`${registry.replace(/^https?:/, '')}:_authToken=${token}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const common = (w: World, registry: string, userconfig: string) => ['--registry', registry, '--userconfig', userconfig, '--cache', path.join(w.dir, `cache-${uid()}`)];

/** A package directory with package.json and index.js. */
function makePackage(w: World, name: string, version: string, marker: string): string {
  const dir = path.join(w.dir, `src-${uid()}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version, main: 'index.js', license: 'MIT' }, null, 2));
  writeFileSync(path.join(dir, 'index.js'), `module.exports = ${JSON.stringify(marker)};\n`);
  return dir;
}

async function publish(w: World, dir: string): Promise<Run> {
  const rc = npmrc(w, w.registry, w.token);
  return npm(['publish', ...common(w, w.registry, rc)], dir);
}

async function install(w: World, registry: string, token: string | null, specs: string[]): Promise<{ run: Run; project: string }> {
  const project = path.join(w.dir, `project-${uid()}`);
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const rc = npmrc(w, registry, token);
  const run = await npm(['install', '--no-audit', '--no-fund', '--no-package-lock', ...common(w, registry, rc), ...specs], project);
  return { run, project };
}

const shown = (r: Run) => `exit ${r.code}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-3000)}`;

test.describe('npm', () => {
  test.setTimeout(180_000);

  test('publish a plain and a scoped package, install them with a token and through /t/<token>/', async ({ api }) => {
    const w = await world(api);
    try {
      const plain = `plain-${uid()}`;
      const scoped = '@acme/lib';
      for (const [name, marker] of [[plain, 'plain one'], [scoped, 'scoped one']] as const) {
        const r = await publish(w, makePackage(w, name, '1.0.0', marker));
        expect(r.code, shown(r)).toBe(0);
      }
      const r2 = await publish(w, makePackage(w, plain, '1.1.0', 'plain two'));
      expect(r2.code, shown(r2)).toBe(0);

      // The packument: both versions, latest moved, our dist, scoped name in both URL forms.
      const doc = await api.get<{ name: string; 'dist-tags': Record<string, string>; versions: Record<string, { dist: { tarball: string; shasum: string; integrity: string } }> }>(
        `/npm/${w.org}/js/${plain}`,
        { token: w.token },
      );
      expect(doc.status, doc.text).toBe(200);
      expect(doc.json['dist-tags']).toEqual({ latest: '1.1.0' });
      expect(Object.keys(doc.json.versions).sort()).toEqual(['1.0.0', '1.1.0']);
      const dist = doc.json.versions['1.0.0']!.dist;
      expect(dist.tarball).toBe(`${w.registry}${plain}/-/${plain}-1.0.0.tgz`);
      const tgz = await fetch(dist.tarball, { headers: { authorization: `Bearer ${w.token}` } });
      expect(tgz.status).toBe(200);
      const bytes = Buffer.from(await tgz.arrayBuffer());
      expect(createHash('sha1').update(bytes).digest('hex')).toBe(dist.shasum);
      expect(`sha512-${createHash('sha512').update(bytes).digest('base64')}`).toBe(dist.integrity);
      for (const form of ['%40acme%2flib', '@acme%2Flib', '@acme/lib']) {
        const s = await api.get<{ name: string; versions: Record<string, { dist: { tarball: string } }> }>(`/npm/${w.org}/js/${form}`, { token: w.token });
        expect(s.status, `${form}: ${s.text}`).toBe(200);
        expect(s.json.name).toBe(scoped);
        expect(s.json.versions['1.0.0']!.dist.tarball).toBe(`${w.registry}@acme/lib/-/lib-1.0.0.tgz`);
      }

      // Install with the token configured for the registry.
      const a = await install(w, w.registry, w.token, [plain, `${scoped}@1.0.0`]);
      expect(a.run.code, shown(a.run)).toBe(0);
      expect(readFileSync(path.join(a.project, 'node_modules', plain, 'index.js'), 'utf8')).toContain('plain two');
      expect(readFileSync(path.join(a.project, 'node_modules', '@acme', 'lib', 'index.js'), 'utf8')).toContain('scoped one');

      // Install through /t/<token>/ with no token configured: tarball URLs keep the prefix.
      const tRegistry = `${api.url}/t/${w.token}/npm/${w.org}/js/`;
      const t = await api.get<{ versions: Record<string, { dist: { tarball: string } }> }>(`/t/${w.token}/npm/${w.org}/js/${plain}`);
      expect(t.json.versions['1.1.0']!.dist.tarball).toBe(`${tRegistry}${plain}/-/${plain}-1.1.0.tgz`);
      const b = await install(w, tRegistry, null, [`${plain}@1.0.0`, scoped]);
      expect(b.run.code, shown(b.run)).toBe(0);
      expect(readFileSync(path.join(b.project, 'node_modules', plain, 'index.js'), 'utf8')).toContain('plain one');
      expect(existsSync(path.join(b.project, 'node_modules', '@acme', 'lib', 'package.json'))).toBe(true);
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('republishing a version is a 409; a tarball that does not match its digests is a 400', async ({ api }) => {
    const w = await world(api);
    try {
      const name = `again-${uid()}`;
      const first = await publish(w, makePackage(w, name, '1.0.0', 'first'));
      expect(first.code, shown(first)).toBe(0);
      const again = await publish(w, makePackage(w, name, '1.0.0', 'second'));
      expect(again.code, shown(again)).not.toBe(0);
      // npm 11 reads the packument first and refuses on its own; older clients get our 409 (checked below).
      expect(again.stderr, shown(again)).toMatch(/409|conflict|exists|cannot publish over/i);

      const tarball = Buffer.from('not really a tarball');
      const body = (shasum: string) => ({
        _id: name,
        name,
        'dist-tags': { latest: '2.0.0' },
        versions: { '2.0.0': { name, version: '2.0.0', dist: { shasum } } },
        _attachments: { [`${name}-2.0.0.tgz`]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
      });
      const bad = await api.put(`/npm/${w.org}/js/${name}`, body('0'.repeat(40)), { token: w.token });
      expect(bad.status, bad.text).toBe(400);
      expectErrorShape(bad);
      const good = await api.put(`/npm/${w.org}/js/${name}`, body(createHash('sha1').update(tarball).digest('hex')), { token: w.token });
      expect(good.status, good.text).toBe(201);
      const dup = await api.put(`/npm/${w.org}/js/${name}`, body(createHash('sha1').update(tarball).digest('hex')), { token: w.token });
      expect(dup.status, dup.text).toBe(409);
      expectErrorShape(dup);

      // The first publish is unchanged.
      const doc = await api.get<{ 'dist-tags': Record<string, string> }>(`/npm/${w.org}/js/${name}`, { token: w.token });
      expect(doc.json['dist-tags']).toEqual({ latest: '2.0.0' });
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('a tarball made by npm pack and uploaded through the files API is served like the same package published', async ({ api }) => {
    const w = await world(api);
    try {
      await createRepo(api, { cookie: w.cookie }, w.org, { name: 'up', format: 'npm', visibility: 'private' });
      const name = `same-${uid()}`;
      const dir = makePackage(w, name, '1.0.0', 'same one');
      // What npm publish normalizes: bin, scripts, repository, keywords, author, "_" fields, README, types.
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
        name, version: '1.0.0', main: 'index.js', license: 'MIT', bin: './cli.js', repository: 'github:acme/same', keywords: 'one, two',
        author: 'Ann Example <ann@example.com> (https://ann.example.com)', scripts: { test: 'node_modules/.bin/vitest', postinstall: 'node -e 0' },
        dependencies: {}, _private: true,
      }, null, 2));
      writeFileSync(path.join(dir, 'cli.js'), '#!/usr/bin/env node\nconsole.log(1);\n');
      writeFileSync(path.join(dir, 'index.d.ts'), 'declare const x: string;\nexport = x;\n');
      writeFileSync(path.join(dir, 'README.md'), `# ${name}\n\nThe same package,\ntwice.\n\n## Use\n`);
      const published = await publish(w, dir);
      expect(published.code, shown(published)).toBe(0);
      const rc = npmrc(w, w.registry, null);
      const packed = await npm(['pack', '--json', '--pack-destination', w.dir, ...common(w, w.registry, rc)], dir);
      expect(packed.code, shown(packed)).toBe(0);
      const file = (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename;
      const bytes = readFileSync(path.join(w.dir, file));

      const up = await fetch(`${api.url}/api/v1/orgs/${w.org}/repos/up/files/${file}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
      const upText = await up.text();
      expect(up.status, upText).toBe(201);
      expect(JSON.parse(upText)).toMatchObject({ path: `${name}/-/${name}-1.0.0.tgz`, size: bytes.length, package: { name, version: '1.0.0' } });

      type Doc = { 'dist-tags': Record<string, string>; versions: Record<string, Record<string, unknown> & { dist: Record<string, string> }> };
      // What only the client knows (its own versions), and the registry root, aside: the rest is equal.
      const comparable = (d: Doc) => {
        const rest: Record<string, unknown> = { ...d.versions['1.0.0']! };
        for (const own of ['_nodeVersion', '_npmVersion', 'gitHead']) delete rest[own];
        const dist = d.versions['1.0.0']!.dist;
        return { tags: d['dist-tags'], ...rest, dist: { ...dist, tarball: String(dist.tarball).replace(/\/npm\/[^/]+\/(js|up)\//, '/REG/') } };
      };
      for (const accept of ['application/json', 'application/vnd.npm.install-v1+json']) {
        const a = await api.get<Doc>(`/npm/${w.org}/js/${name}`, { token: w.token, headers: { accept } });
        const b = await api.get<Doc>(`/npm/${w.org}/up/${name}`, { token: w.token, headers: { accept } });
        expect(a.status, a.text).toBe(200);
        expect(b.status, b.text).toBe(200);
        expect(comparable(b.json), accept).toEqual(comparable(a.json));
      }
      const full = await api.get<Doc>(`/npm/${w.org}/up/${name}`, { token: w.token });
      expect(full.json.versions['1.0.0']).toMatchObject({ bin: { [name]: 'cli.js' }, types: './index.d.ts', description: 'The same package, twice.', scripts: { test: 'vitest' } });
      expect(full.json.versions['1.0.0']).not.toHaveProperty('_private');

      const upRegistry = `${api.url}/npm/${w.org}/up/`;
      const installed = await install(w, upRegistry, w.token, [name]);
      expect(installed.run.code, shown(installed.run)).toBe(0);
      expect(readFileSync(path.join(installed.project, 'node_modules', name, 'index.js'), 'utf8')).toContain('same one');
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('anonymous requests to a private registry get 401 with the challenge; unknown packages 404', async ({ api }) => {
    const w = await world(api);
    try {
      const name = `anon-${uid()}`;
      const r = await publish(w, makePackage(w, name, '1.0.0', 'x'));
      expect(r.code, shown(r)).toBe(0);
      for (const p of [`/npm/${w.org}/js/${name}`, `/npm/${w.org}/js/${name}/-/${name}-1.0.0.tgz`, `/npm/${w.org}/nope/${name}`]) {
        const res = await api.get(p);
        expect(res.status, `${p}: ${res.text}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="Tollgate"');
        expectErrorShape(res);
      }
      const put = await api.put(`/npm/${w.org}/js/${name}`, { name });
      expect(put.status).toBe(401);
      const missing = await api.get(`/npm/${w.org}/js/missing-${uid()}`, { token: w.token });
      expect(missing.status).toBe(404);
      expectErrorShape(missing);

      const anon = await install(w, w.registry, null, [name]);
      expect(anon.run.code, shown(anon.run)).not.toBe(0);
      expect(anon.run.stderr).toMatch(/401|E401|auth/i);
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });
});
