/**
 * Real clients through an entitlement token, each with the token in the path (/t/<token>/) and as
 * Basic credentials or npm's _authToken: `pip download`, `npm install`, conda channel files fetched
 * as conda fetches them (curl, the token written tge-… as conda's URL parser leaves it), and curl
 * of a raw file. Every file download lands in the entitlement's log; the index pages do not.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '../support/fixtures';
import { pypiDists } from '../support/python-dists';
import { sql, uid } from './helpers';
import { createEnt, entWorld, getEnt, npmInstall, npmPackage, npmPublish, npmShown, type Counters } from './entitlements-helpers';
import { createRepo, curlGet, curlPut, poll, runCurl, sha256, shown } from './pat-helpers';

const run = promisify(execFile);
const clientEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };

test.describe('real clients through an entitlement token', () => {
  test.setTimeout(240_000);

  test('pip download through Basic and /t/<token>/', async ({ api, server }) => {
    const w = await entWorld(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'py', format: 'pypi', visibility: 'distribution' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-ent-pip-'));
    const name = `globex-lib-${uid()}`;
    const { wheel } = await pypiDists(dir, name, '1.0.0');
    const form = new FormData();
    for (const [k, v] of Object.entries({ ':action': 'file_upload', protocol_version: '1', name, version: '1.0.0' })) form.append(k, v);
    form.append('content', new Blob([new Uint8Array(readFileSync(wheel))]), path.basename(wheel));
    const up = await fetch(`${api.url}/pypi/${w.org}/py/`, { method: 'POST', body: form, headers: { authorization: `Bearer ${w.pat}` } });
    expect(up.status, await up.text()).toBe(200);

    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { repositories: ['py'], maxDownloads: 10 });
    const port = new URL(api.url).port;
    for (const [label, index] of [
      ['basic', `http://customer:${secret}@127.0.0.1:${port}/pypi/${w.org}/py/simple/`],
      ['path', `http://127.0.0.1:${port}/t/${secret}/pypi/${w.org}/py/simple/`],
    ] as const) {
      const dest = mkdtempSync(path.join(dir, `pip-${label}-`));
      await run('python3', ['-m', 'pip', 'download', '--no-deps', '--no-cache-dir', '--only-binary', ':all:', '-d', dest, '--index-url', index, name], { env: clientEnv, timeout: 90_000 });
      expect(readdirSync(dest), label).toEqual([path.basename(wheel)]);
      expect(sha256(readFileSync(path.join(dest, path.basename(wheel))))).toBe(sha256(readFileSync(wheel)));
    }
    const [c] = await sql<Counters>(server, 'SELECT "downloadCount", "bytesCount", "clientCount" FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(Number(c!.downloadCount), 'two wheels, the simple pages not counted').toBe(2);
    const logged = await poll(async () => ((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).usage.downloads === 2 ? true : null));
    expect(logged).toBe(true);
  });

  test('npm install with _authToken and through a /t/<token>/ registry', async ({ api }) => {
    const w = await entWorld(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'js', format: 'npm', visibility: 'distribution' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-ent-npm-'));
    const registry = `${api.url}/npm/${w.org}/js/`;
    const pkg = `globex-widget-${uid()}`;
    const pub = await npmPublish(dir, registry, w.pat, npmPackage(dir, pkg, '1.2.3'));
    expect(pub.code, npmShown(pub)).toBe(0);

    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { repositories: ['js'] });
    for (const [label, reg, token] of [
      ['_authToken', registry, secret],
      ['path', `${api.url}/t/${secret}/npm/${w.org}/js/`, null],
    ] as const) {
      const { run: r, project } = await npmInstall(dir, reg, token, [pkg]);
      expect(r.code, `${label}: ${npmShown(r)}`).toBe(0);
      const installed = JSON.parse(readFileSync(path.join(project, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
      expect(installed.version, label).toBe('1.2.3');
    }
    // the read-only key cannot publish
    const denied = await npmPublish(dir, registry, secret, npmPackage(dir, pkg, '9.9.9'));
    expect(denied.code, npmShown(denied)).not.toBe(0);
    expect(npmShown(denied)).toMatch(/403|insufficient_scope/);
    const logged = await poll(async () => ((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).usage.downloads === 2 ? true : null));
    expect(logged, 'two tarball downloads logged').toBe(true);
  });

  test('conda channel files as conda fetches them (curl, /t/tge-…/ and Basic); curl of a raw file', async ({ api }) => {
    const w = await entWorld(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'forge', format: 'conda', visibility: 'distribution' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-ent-conda-'));
    const name = `globex-tool-${uid()}`;
    const built = await condaPackage(dir, name, '2.0.1');
    const put = await curlPut(api.url, `/conda/${w.org}/forge/noarch/${built.file}`, built.bytes, { form: 'bearer', token: w.pat });
    expect(put.status, shown(put)).toBe(201);

    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { repositories: ['forge', 'dist'] });
    // conda keeps only [A-Za-z0-9-] of a /t/ token: the console prints tge-… for conda
    const channel = `/t/${secret.replace(/^tge_/, 'tge-')}/conda/${w.org}/forge`;
    const repodata = await curlGet(api.url, `${channel}/noarch/repodata.json`);
    expect(repodata.status, shown(repodata)).toBe(200);
    expect(Object.keys((repodata.json as { 'packages.conda': Record<string, unknown> })['packages.conda'])).toEqual([built.file]);
    const file = await curlGet(api.url, `${channel}/noarch/${built.file}`);
    expect(file.status, shown(file)).toBe(200);
    expect(sha256(file.body)).toBe(sha256(built.bytes));
    const basic = await curlGet(api.url, `/conda/${w.org}/forge/noarch/${built.file}`, { form: 'basic', token: secret });
    expect(basic.status, shown(basic)).toBe(200);
    const basicIndex = await curlGet(api.url, `/conda/${w.org}/forge/noarch/repodata.json`, { form: 'basic', token: secret });
    expect(basicIndex.status, shown(basicIndex)).toBe(200);

    // curl -fLO https://host/t/<token>/raw/… (the console's example), and curl -u
    const cwd = mkdtempSync(path.join(dir, 'curl-'));
    const o = await runCurl(['-fLO', `${api.url}/t/${secret}/raw/${w.org}/dist/app-1.0.tar.gz`], { cwd });
    expect(o.code, o.stderr).toBe(0);
    expect(readFileSync(path.join(cwd, 'app-1.0.tar.gz')).equals(w.files['app-1.0.tar.gz']!)).toBe(true);
    const u = await runCurl(['-fsS', '-u', `customer:${secret}`, '-o', 'b.tgz', `${api.url}/raw/${w.org}/dist/app-2.0.tar.gz`], { cwd });
    expect(u.code, u.stderr).toBe(0);
    expect(existsSync(path.join(cwd, 'b.tgz'))).toBe(true);

    const logged = await poll(async () => ((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).usage.downloads === 4 ? true : null));
    expect(logged, 'two conda files and two raw files logged, no repodata').toBe(true);
  });
});

/** A noarch conda package built by Debian's conda-package-handling (`cph`), as e2e/api/conda.spec.ts does. */
async function condaPackage(dir: string, name: string, version: string): Promise<{ file: string; bytes: Buffer }> {
  const src = mkdtempSync(path.join(dir, 'src-'));
  const index = { name, version, build: 'py_0', build_number: 0, depends: ['python >=3.8'], subdir: 'noarch', timestamp: 1_700_000_100_000, license: 'MIT', noarch: 'python' };
  const payload = `site-packages/${name.replace(/-/g, '_')}/__init__.py`;
  mkdirSync(path.join(src, 'info'));
  mkdirSync(path.dirname(path.join(src, payload)), { recursive: true });
  writeFileSync(path.join(src, payload), `VALUE = ${JSON.stringify(uid())}\n`);
  writeFileSync(path.join(src, 'info', 'index.json'), JSON.stringify(index, null, 2));
  writeFileSync(path.join(src, 'info', 'files'), `${payload}\n`);
  const file = `${name}-${version}-py_0.conda`;
  const out = mkdtempSync(path.join(dir, 'out-'));
  await run('cph', ['create', src, file, '--out-folder', out], { timeout: 60_000 });
  return { file, bytes: readFileSync(path.join(out, file)) };
}
