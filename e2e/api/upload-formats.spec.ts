/**
 * The console's upload API for every package format (PUT /api/v1/orgs/{org}/repos/{repo}/files/{name},
 * the session cookie, the file's bytes as the body), checked with the real clients afterwards:
 * - pypi: a wheel and an sdist built here by python3; `pip download` finds both through the index
 *   (the sdist carries an in-tree PEP 517 backend, so pip prepares its metadata offline);
 * - npm: tarballs made by `npm pack` (plain and scoped); `npm install` from the registry works;
 * - conda: `.conda` and `.tar.bz2` built by Debian's `cph`, with and without a `{subdir}/` prefix;
 *   repodata.json of each subdir lists them and the files download;
 * and the packages API (`/packages`, `/packages/{name}/versions`) reflecting each. Refusals:
 * a wrong extension or a malformed archive is a 400, a file that exists is a 409, and neither
 * leaves anything stored.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pypiDists as buildPypiDists } from '../support/python-dists';
import { test, expect, type Api } from '../support/fixtures';
import { expectErrorShape, signup, uid, type Account } from './helpers';
import { createRepo, listFiles, resourceToken, sha256, type Page } from './pat-helpers';

const run = promisify(execFile);

type Uploaded = { path: string; size: number; sha256: string; package?: { name: string; version: string } };
type PackageSummary = { name: string; displayName: string; versionCount: number; latest: string | null; distTags: Record<string, string>; updatedAt: string };
type PackageVersion = { version: string; createdAt: string; yanked: boolean; files: { path: string; filename: string; size: number; sha256: string }[] };

type World = { owner: Account; org: string; repo: string; token: string; dir: string };

async function world(api: Api, format: string): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const repo = `${format}-${uid()}`;
  await createRepo(api, { cookie: owner.cookie }, org, { name: repo, format, visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo, access: 'read' }]);
  return { owner, org, repo, token: secret, dir: mkdtempSync(path.join(os.tmpdir(), `tg-upload-${format}-`)) };
}

/** The environment of the package tools: nothing from the runner's npm or pip configuration. */
function toolEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|PIP_)/i.test(k))) as NodeJS.ProcessEnv;
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', NO_UPDATE_NOTIFIER: '1' };
}

/** The console's upload: PUT the bytes with the session cookie. */
async function put(api: Api, w: World, name: string, bytes: Buffer) {
  const res = await fetch(`${api.url}/api/v1/orgs/${w.org}/repos/${w.repo}/files/${name}`, {
    method: 'PUT',
    headers: { cookie: w.owner.cookie, accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json, cookie: '' };
}

/** Uploads a file (201 expected) and checks the answer's size and digest. */
async function uploaded(api: Api, w: World, name: string, file: string): Promise<Uploaded> {
  const bytes = readFileSync(file);
  const res = await put(api, w, name, bytes);
  expect(res.status, `PUT ${name}: ${res.text}`).toBe(201);
  const body = res.json as Uploaded;
  expect(body).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
  return body;
}

/** Expects a refusal with the API error shape; returns its message. */
async function refused(api: Api, w: World, name: string, bytes: Buffer, status: number): Promise<string> {
  const res = await put(api, w, name, bytes);
  expect(res.status, `PUT ${name}: ${res.text}`).toBe(status);
  return expectErrorShape(res, `PUT ${name}`).error.message;
}

async function packages(api: Api, w: World, q = ''): Promise<PackageSummary[]> {
  const res = await api.get<Page<PackageSummary>>(`/api/v1/orgs/${w.org}/repos/${w.repo}/packages${q ? `?q=${encodeURIComponent(q)}` : ''}`, { cookie: w.owner.cookie });
  expect(res.status, res.text).toBe(200);
  return res.json.items;
}

async function versions(api: Api, w: World, name: string): Promise<PackageVersion[]> {
  const res = await api.get<Page<PackageVersion>>(`/api/v1/orgs/${w.org}/repos/${w.repo}/packages/${encodeURIComponent(name)}/versions`, { cookie: w.owner.cookie });
  expect(res.status, `versions of ${name}: ${res.text}`).toBe(200);
  return res.json.items;
}

/** version → sorted file names, in the API's order (newest first). */
const filesByVersion = (items: PackageVersion[]) => items.map((v) => [v.version, v.files.map((f) => f.filename).sort()]);

const storedPaths = async (api: Api, w: World) => (await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).map((f) => f.path).sort();

// ── pypi ──────────────────────────────────────────────────────────────────────────────────

// A wheel and an sdist pip can read without fetching anything (e2e/support/python-dists.ts).
const pypiDists = (w: World, name: string, version: string) => buildPypiDists(w.dir, name, version);

/** `pip download --no-deps` of `spec` through the index with the token as Basic password; the saved files. */
async function pipDownload(api: Api, w: World, spec: string, binary: 'only' | 'none'): Promise<string[]> {
  const index = `http://token:${w.token}@${new URL(api.url).host}/pypi/${w.org}/${w.repo}/simple/`;
  const dest = mkdtempSync(path.join(w.dir, 'pip-'));
  const which = binary === 'only' ? ['--only-binary', ':all:'] : ['--no-binary', ':all:'];
  await run('python3', ['-m', 'pip', 'download', '--no-deps', '--no-cache-dir', ...which, '-d', dest, '--index-url', index, spec], {
    env: toolEnv(),
    cwd: w.dir,
    timeout: 90_000,
  });
  return readdirSync(dest).map((f) => path.join(dest, f));
}

// ── npm ───────────────────────────────────────────────────────────────────────────────────

/** A package made by `npm pack` (package.json and index.js exporting `marker`); the .tgz path. */
async function npmPack(w: World, name: string, version: string, marker: string): Promise<string> {
  const src = mkdtempSync(path.join(w.dir, 'src-'));
  const out = mkdtempSync(path.join(w.dir, 'packed-'));
  writeFileSync(path.join(src, 'package.json'), JSON.stringify({ name, version, main: 'index.js', license: 'MIT', description: `${name} for the upload e2e` }, null, 2));
  writeFileSync(path.join(src, 'index.js'), `module.exports = ${JSON.stringify(marker)};\n`);
  writeFileSync(path.join(src, 'README.md'), `# ${name}\n\nUploaded through the console.\n`);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out, '--cache', path.join(w.dir, 'npm-cache')], { cwd: src, env: toolEnv() });
  const [info] = JSON.parse(stdout) as { filename: string }[];
  return path.join(out, info!.filename);
}

/** `npm install` of `specs` into a fresh project whose .npmrc names the registry and the token. */
async function npmInstall(api: Api, w: World, specs: string[]): Promise<string> {
  const registry = `${api.url}/npm/${w.org}/${w.repo}/`;
  const project = mkdtempSync(path.join(w.dir, 'project-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  writeFileSync(path.join(project, '.npmrc'), `registry=${registry}\n${registry.replace(/^https?:/, '')}:_authToken=${w.token}\n`);
  const userconfig = path.join(w.dir, 'empty-npmrc');
  writeFileSync(userconfig, '');
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--userconfig', userconfig, '--cache', path.join(project, '.cache'), ...specs], {
    cwd: project,
    env: toolEnv(),
    timeout: 120_000,
  });
  return project;
}

// ── conda ─────────────────────────────────────────────────────────────────────────────────

type CondaSpec = { name: string; version: string; build: string; subdir: string; ext: '.conda' | '.tar.bz2' };

/** A conda package built by `cph create` from info/index.json, about.json and one payload file. */
async function condaPackage(w: World, spec: CondaSpec): Promise<string> {
  const src = mkdtempSync(path.join(w.dir, 'pkg-'));
  const out = mkdtempSync(path.join(w.dir, 'built-'));
  mkdirSync(path.join(src, 'info'));
  mkdirSync(path.join(src, 'share'));
  const index = {
    name: spec.name,
    version: spec.version,
    build: spec.build,
    build_number: 0,
    depends: [],
    license: 'MIT',
    subdir: spec.subdir,
    timestamp: 1700000000000,
    ...(spec.subdir === 'noarch' ? { noarch: 'generic' } : {}),
  };
  writeFileSync(path.join(src, 'info', 'index.json'), JSON.stringify(index));
  writeFileSync(path.join(src, 'info', 'about.json'), JSON.stringify({ summary: `${spec.name} for the upload e2e` }));
  writeFileSync(path.join(src, 'info', 'files'), `share/${spec.name}.txt\n`);
  writeFileSync(path.join(src, 'share', `${spec.name}.txt`), `${spec.name} ${spec.version}\n`);
  const file = `${spec.name}-${spec.version}-${spec.build}${spec.ext}`;
  await run('cph', ['create', src, file, '--out-folder', out]);
  return path.join(out, file);
}

type Repodata = {
  info: { subdir: string };
  packages: Record<string, { name: string; version: string; build: string; subdir: string; sha256: string; size: number }>;
  'packages.conda': Record<string, { name: string; version: string; build: string; subdir: string; sha256: string; size: number }>;
};

async function repodata(api: Api, w: World, subdir: string): Promise<Repodata> {
  const res = await api.get<Repodata>(`/conda/${w.org}/${w.repo}/${subdir}/repodata.json`, { token: w.token });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

// ── the specs ─────────────────────────────────────────────────────────────────────────────

test.describe('upload API per format', () => {
  test.setTimeout(180_000);

  test('pypi: a wheel and an sdist by their file names; pip finds both; packages and versions', async ({ api }) => {
    const w = await world(api, 'pypi');
    try {
      const name = `Up.Load_Me-${uid()}`;
      const n = name.toLowerCase().replace(/[-_.]+/g, '-');
      const v1 = await pypiDists(w, name, '1.0');
      const whl = path.basename(v1.wheel);
      const sdist = path.basename(v1.sdist);

      const a = await uploaded(api, w, whl, v1.wheel);
      expect(a).toEqual({ path: `${n}/${whl}`, size: readFileSync(v1.wheel).length, sha256: sha256(readFileSync(v1.wheel)), package: { name: n, version: '1.0' } });
      // the sdist by the path the file listing shows ({project}/{file}) is accepted too
      const b = await uploaded(api, w, `${n}/${sdist}`, v1.sdist);
      expect(b).toMatchObject({ path: `${n}/${sdist}`, package: { name: n, version: '1.0' } });
      expect(await storedPaths(api, w)).toEqual([`${n}/${sdist}`, `${n}/${whl}`].sort());

      // pip finds each through the index, byte for byte
      const [gotWheel] = await pipDownload(api, w, name, 'only');
      expect(path.basename(gotWheel!)).toBe(whl);
      expect(sha256(readFileSync(gotWheel!))).toBe(sha256(readFileSync(v1.wheel)));
      const [gotSdist] = await pipDownload(api, w, `${name}==1.0`, 'none');
      expect(path.basename(gotSdist!)).toBe(sdist);
      expect(sha256(readFileSync(gotSdist!))).toBe(sha256(readFileSync(v1.sdist)));

      expect(await packages(api, w)).toEqual([
        { name: n, displayName: expect.any(String), versionCount: 1, latest: '1.0', distTags: {}, updatedAt: expect.any(String) },
      ]);
      expect(filesByVersion(await versions(api, w, n))).toEqual([['1.0', [sdist, whl].sort()]]);
      // a second version: newest first, and pip now picks it
      const v2 = await pypiDists(w, name, '1.1');
      await uploaded(api, w, path.basename(v2.wheel), v2.wheel);
      expect((await packages(api, w))[0]).toMatchObject({ name: n, versionCount: 2, latest: '1.1' });
      const listed = await versions(api, w, n);
      expect(filesByVersion(listed)).toEqual([
        ['1.1', [path.basename(v2.wheel)]],
        ['1.0', [sdist, whl].sort()],
      ]);
      expect(listed[0]!.files[0]).toEqual({ path: `${n}/${path.basename(v2.wheel)}`, filename: path.basename(v2.wheel), size: readFileSync(v2.wheel).length, sha256: sha256(readFileSync(v2.wheel)) });
      expect((await pipDownload(api, w, name, 'only')).map((f) => path.basename(f))).toEqual([path.basename(v2.wheel)]);
      // the name is looked up without regard to case; q filters
      expect((await versions(api, w, n.toUpperCase())).length).toBe(2);
      expect(await packages(api, w, 'no-such')).toEqual([]);
      expect((await packages(api, w, n.slice(0, 6))).map((p) => p.name)).toEqual([n]);

      // refusals leave nothing behind
      const before = await storedPaths(api, w);
      expect(await refused(api, w, whl, readFileSync(v1.wheel), 409)).toMatch(/exists/i);
      expect(await refused(api, w, `${n}/${sdist}`, readFileSync(v1.sdist), 409)).toMatch(/exists/i);
      const dist = name.toLowerCase().replace(/[-_.]+/g, '_');
      expect(await refused(api, w, `${dist}-2.0-py3-none-any.whl`, Buffer.from('not a zip archive\n'.repeat(50)), 400)).toMatch(/malformed/i);
      expect(await refused(api, w, `${dist}-2.0.tar.gz`, Buffer.from('plain text, no gzip'), 400)).toMatch(/malformed/i);
      expect(await refused(api, w, 'notes.txt', Buffer.from('hello'), 400)).toBeTruthy();
      expect(await refused(api, w, `${dist}-2.0.exe`, readFileSync(v1.wheel), 400)).toBeTruthy();
      // a wheel renamed to another version: the archive's metadata disagrees with the name
      expect(await refused(api, w, whl.replace('-1.0-', '-3.0-'), readFileSync(v1.wheel), 400)).toMatch(/1\.0/);
      expect(await storedPaths(api, w)).toEqual(before);
      expect((await packages(api, w))[0]).toMatchObject({ versionCount: 2 });
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('npm: npm pack tarballs, plain and scoped; npm install from the registry; packages and dist-tags', async ({ api }) => {
    const w = await world(api, 'npm');
    try {
      const plain = `up-${uid()}`;
      const scoped = `@up-${uid()}/lib`;
      const p1 = await npmPack(w, plain, '1.0.0', 'plain one');
      const p2 = await npmPack(w, plain, '1.1.0', 'plain two');
      const s1 = await npmPack(w, scoped, '0.1.0', 'scoped one');
      expect(path.basename(s1)).toBe(`${scoped.slice(1).replace('/', '-')}-0.1.0.tgz`); // npm pack's own name

      expect(await uploaded(api, w, path.basename(p1), p1)).toEqual({
        path: `${plain}/-/${plain}-1.0.0.tgz`,
        size: readFileSync(p1).length,
        sha256: sha256(readFileSync(p1)),
        package: { name: plain, version: '1.0.0' },
      });
      // by the path the listing shows, too
      expect(await uploaded(api, w, `${plain}/-/${plain}-1.1.0.tgz`, p2)).toMatchObject({ path: `${plain}/-/${plain}-1.1.0.tgz`, package: { version: '1.1.0' } });
      expect(await uploaded(api, w, path.basename(s1), s1)).toMatchObject({ path: `${scoped}/-/lib-0.1.0.tgz`, package: { name: scoped, version: '0.1.0' } });

      // the packument serves the manifest publish would have sent
      const doc = await api.get<{ 'dist-tags': Record<string, string>; versions: Record<string, { description?: string; dist: { tarball: string } }> }>(
        `/npm/${w.org}/${w.repo}/${plain}`,
        { token: w.token },
      );
      expect(doc.status, doc.text).toBe(200);
      expect(doc.json['dist-tags']).toEqual({ latest: '1.1.0' });
      expect(Object.keys(doc.json.versions).sort()).toEqual(['1.0.0', '1.1.0']);
      expect(doc.json.versions['1.0.0']!.description).toBe(`${plain} for the upload e2e`);

      const project = await npmInstall(api, w, [plain, scoped]);
      expect(readFileSync(path.join(project, 'node_modules', plain, 'index.js'), 'utf8')).toContain('plain two');
      expect(readFileSync(path.join(project, 'node_modules', ...scoped.split('/'), 'index.js'), 'utf8')).toContain('scoped one');
      const pinned = await npmInstall(api, w, [`${plain}@1.0.0`]);
      expect(readFileSync(path.join(pinned, 'node_modules', plain, 'index.js'), 'utf8')).toContain('plain one');

      const listed = await packages(api, w);
      expect(listed.map((p) => [p.name, p.versionCount, p.latest, p.distTags])).toEqual(
        [
          [plain, 2, '1.1.0', { latest: '1.1.0' }],
          [scoped, 1, '0.1.0', { latest: '0.1.0' }],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      expect(filesByVersion(await versions(api, w, plain))).toEqual([
        ['1.1.0', [`${plain}-1.1.0.tgz`]],
        ['1.0.0', [`${plain}-1.0.0.tgz`]],
      ]);
      expect(filesByVersion(await versions(api, w, scoped))).toEqual([['0.1.0', ['lib-0.1.0.tgz']]]);

      // refusals leave nothing behind
      const before = await storedPaths(api, w);
      expect(await refused(api, w, path.basename(p1), readFileSync(p1), 409)).toMatch(/exists/);
      expect(await refused(api, w, `${plain}-2.0.0.tgz`, Buffer.from('not gzip at all'), 400)).toMatch(/npm pack/);
      const noManifest = path.join(w.dir, 'no-manifest.tgz');
      writeFileSync(path.join(w.dir, 'x.txt'), 'x\n');
      await run('tar', ['-czf', noManifest, '-C', w.dir, 'x.txt']);
      expect(await refused(api, w, 'no-manifest-1.0.0.tgz', readFileSync(noManifest), 400)).toMatch(/package\.json/);
      expect(await refused(api, w, 'notes.txt', Buffer.from('hello'), 400)).toBeTruthy();
      // a real tarball under another name than .tgz, or under another package's path
      expect(await refused(api, w, `${plain}-1.2.0.zip`, readFileSync(await npmPack(w, plain, '1.2.0', 'zip')), 400)).toMatch(/\.tgz/);
      expect(await refused(api, w, `other/-/other-1.3.0.tgz`, readFileSync(await npmPack(w, plain, '1.3.0', 'moved')), 400)).toMatch(/not other/);
      expect(await storedPaths(api, w)).toEqual(before);
      expect((await packages(api, w)).find((p) => p.name === plain)).toMatchObject({ versionCount: 2, latest: '1.1.0' });
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('conda: .conda and .tar.bz2 with and without a subdir prefix; repodata.json lists them; packages', async ({ api }) => {
    const w = await world(api, 'conda');
    try {
      const name = `up-${uid()}`;
      const tool = `tool-${uid()}`;
      const specs: [string | null, CondaSpec][] = [
        ['linux-64', { name, version: '1.0', build: 'h0_0', subdir: 'linux-64', ext: '.conda' }],
        [null, { name, version: '1.0', build: 'h0_0', subdir: 'linux-64', ext: '.tar.bz2' }],
        [null, { name, version: '1.1', build: 'h0_0', subdir: 'linux-64', ext: '.conda' }],
        ['linux-64', { name, version: '1.1', build: 'h0_0', subdir: 'linux-64', ext: '.tar.bz2' }],
        ['noarch', { name: tool, version: '2.0', build: 'py_0', subdir: 'noarch', ext: '.tar.bz2' }],
        [null, { name: tool, version: '2.1', build: 'py_0', subdir: 'noarch', ext: '.conda' }],
      ];
      const built = new Map<string, string>();
      for (const [prefix, spec] of specs) {
        const file = await condaPackage(w, spec);
        const base = path.basename(file);
        built.set(base, file);
        const res = await uploaded(api, w, prefix ? `${prefix}/${base}` : base, file);
        expect(res).toEqual({
          path: `${spec.subdir}/${base}`,
          size: readFileSync(file).length,
          sha256: sha256(readFileSync(file)),
          package: { name: spec.name, version: spec.version },
        });
      }

      const linux = await repodata(api, w, 'linux-64');
      expect(linux.info).toMatchObject({ subdir: 'linux-64' });
      expect(Object.keys(linux.packages).sort()).toEqual([`${name}-1.0-h0_0.tar.bz2`, `${name}-1.1-h0_0.tar.bz2`]);
      expect(Object.keys(linux['packages.conda']).sort()).toEqual([`${name}-1.0-h0_0.conda`, `${name}-1.1-h0_0.conda`]);
      for (const [file, record] of [...Object.entries(linux.packages), ...Object.entries(linux['packages.conda'])]) {
        const bytes = readFileSync(built.get(file)!);
        expect(record, file).toMatchObject({ name, subdir: 'linux-64', build: 'h0_0', sha256: sha256(bytes), size: bytes.length });
      }
      const noarch = await repodata(api, w, 'noarch');
      expect(Object.keys(noarch.packages)).toEqual([`${tool}-2.0-py_0.tar.bz2`]);
      expect(Object.keys(noarch['packages.conda'])).toEqual([`${tool}-2.1-py_0.conda`]);
      expect(Object.keys((await repodata(api, w, 'osx-arm64')).packages)).toEqual([]);
      // the files download through the channel, byte for byte
      for (const file of [`linux-64/${name}-1.0-h0_0.conda`, `noarch/${tool}-2.0-py_0.tar.bz2`]) {
        const got = await fetch(`${api.url}/t/${w.token}/conda/${w.org}/${w.repo}/${file}`);
        expect(got.status, file).toBe(200);
        expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(readFileSync(built.get(path.basename(file))!)));
      }

      expect((await packages(api, w)).map((p) => [p.name, p.versionCount, p.latest]).sort()).toEqual(
        [
          [name, 2, '1.1'],
          [tool, 2, '2.1'],
        ].sort(),
      );
      expect(filesByVersion(await versions(api, w, name))).toEqual([
        ['1.1', [`${name}-1.1-h0_0.conda`, `${name}-1.1-h0_0.tar.bz2`]],
        ['1.0', [`${name}-1.0-h0_0.conda`, `${name}-1.0-h0_0.tar.bz2`]],
      ]);
      expect((await versions(api, w, tool))[1]!.files).toEqual([
        { path: `noarch/${tool}-2.0-py_0.tar.bz2`, filename: `${tool}-2.0-py_0.tar.bz2`, size: readFileSync(built.get(`${tool}-2.0-py_0.tar.bz2`)!).length, sha256: expect.any(String) },
      ]);

      // refusals leave nothing behind
      const before = await storedPaths(api, w);
      const first = built.get(`${name}-1.0-h0_0.conda`)!;
      expect(await refused(api, w, path.basename(first), readFileSync(first), 409)).toMatch(/exists/i);
      expect(await refused(api, w, `linux-64/${path.basename(first)}`, readFileSync(first), 409)).toMatch(/exists/i);
      const next = await condaPackage(w, { name, version: '1.2', build: 'h0_0', subdir: 'linux-64', ext: '.conda' });
      expect(await refused(api, w, `osx-64/${path.basename(next)}`, readFileSync(next), 400)).toMatch(/built for subdir "linux-64"/);
      expect(await refused(api, w, `nowhere/${path.basename(next)}`, readFileSync(next), 400)).toMatch(/not a conda subdir/);
      expect(await refused(api, w, `linux-64/extra/${path.basename(next)}`, readFileSync(next), 400)).toBeTruthy();
      expect(await refused(api, w, path.basename(next).replace('.conda', '.zip'), readFileSync(next), 400)).toMatch(/only .tar.bz2 and .conda/);
      // a .conda keeps the name it was built with (its info member is named after it); a renamed .tar.bz2 disagrees with index.json
      expect(await refused(api, w, path.basename(next).replace('-1.2-', '-1.3-'), readFileSync(next), 400)).toMatch(/must keep the name/);
      const bz2 = await condaPackage(w, { name, version: '1.2', build: 'h0_0', subdir: 'linux-64', ext: '.tar.bz2' });
      expect(await refused(api, w, path.basename(bz2).replace('-1.2-', '-1.3-'), readFileSync(bz2), 400)).toMatch(/index.json says "1.2"/);
      expect(await refused(api, w, `${name}-1.4-h0_0.conda`, Buffer.from('not a zip archive\n'.repeat(30)), 400)).toMatch(/not a valid conda package|zip/i);
      expect(await refused(api, w, `${name}-1.4-h0_0.tar.bz2`, Buffer.from('not bzip2 data\n'.repeat(30)), 400)).toMatch(/bzip2/);
      expect(await storedPaths(api, w)).toEqual(before);
      expect(Object.keys((await repodata(api, w, 'linux-64'))['packages.conda']).sort()).toEqual([`${name}-1.0-h0_0.conda`, `${name}-1.1-h0_0.conda`]);
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('the packages API of a raw repository is empty, and of an unknown package a 404', async ({ api }) => {
    const w = await world(api, 'raw');
    try {
      const res = await put(api, w, 'dist/app-1.0.tar.gz', Buffer.from('raw bytes'));
      expect(res.status, res.text).toBe(201);
      expect(res.json).toEqual({ path: 'dist/app-1.0.tar.gz', size: 9, sha256: sha256(Buffer.from('raw bytes')) });
      expect(await packages(api, w)).toEqual([]);
      const missing = await api.get(`/api/v1/orgs/${w.org}/repos/${w.repo}/packages/app/versions`, { cookie: w.owner.cookie });
      expect(missing.status).toBe(404);
      expectErrorShape(missing);
      // and a duplicate raw path is a 409 too
      expect(await refused(api, w, 'dist/app-1.0.tar.gz', Buffer.from('other bytes'), 409)).toMatch(/exists/i);
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });
});

test('packages API: latest is the highest release, and a version whose files are deleted is gone', async ({ api }) => {
  const w = await world(api, 'pypi');
  const v2 = await pypiDists(w, 'order-me', '2.0');
  const backport = await pypiDists(w, 'order-me', '1.9.1');
  const rc = await pypiDists(w, 'order-me', '3.0rc1');
  await uploaded(api, w, path.basename(v2.wheel), v2.wheel);
  await uploaded(api, w, path.basename(backport.wheel), backport.wheel); // uploaded after 2.0
  await uploaded(api, w, path.basename(rc.wheel), rc.wheel);
  expect((await packages(api, w)).map((p) => [p.name, p.latest, p.versionCount])).toEqual([['order-me', '2.0', 3]]);
  // Any spelling of a PyPI name finds the package.
  expect((await versions(api, w, 'Order_Me')).map((v) => v.version)).toEqual(['3.0rc1', '1.9.1', '2.0']);

  const del = await api.delete(`/api/v1/orgs/${w.org}/repos/${w.repo}/files/order-me/${path.basename(v2.wheel)}`, { cookie: w.owner.cookie });
  expect(del.status, del.text).toBe(204);
  expect((await packages(api, w)).map((p) => [p.name, p.latest, p.versionCount])).toEqual([['order-me', '1.9.1', 2]]);
  expect((await versions(api, w, 'order-me')).map((v) => v.version)).toEqual(['3.0rc1', '1.9.1']);
  // The deleted version may be uploaded again.
  await uploaded(api, w, path.basename(v2.wheel), v2.wheel);
  expect((await packages(api, w)).map((p) => [p.latest, p.versionCount])).toEqual([['2.0', 3]]);
});
