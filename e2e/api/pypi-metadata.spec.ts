/**
 * PyPI metadata read from the archive and the cached simple index (issue 5, items 2 and 5). The
 * archive's own METADATA / PKG-INFO decides a file's project and version: a twine form or a file
 * name that disagrees is a 400 and nothing is stored, an archive that cannot be read is a 400, and
 * Requires-Python comes from the archive when the form has none (sent with the real curl, which
 * twine cannot be made to do). The index pages are cached under the repository's contentVersion:
 * uploads and deletes show at once, in both forms and to pip through both credential forms, and a
 * revalidation with the page's ETag is a 304 until something changes. The console's upload
 * (PUT /api/v1/orgs/{org}/repos/{repo}/files/{file}) takes only a file and reads the rest from it.
 * Archives are built here with python3's zipfile / tarfile.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect, type Api } from '../support/fixtures';
import { signup, uid, type Account } from './helpers';
import { createRepo, listFiles, resourceToken, sha256 } from './pat-helpers';

const run = promisify(execFile);

type World = { owner: Account; org: string; repo: string; token: string; dir: string };

async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const repo = 'py';
  await createRepo(api, { cookie: owner.cookie }, org, { name: repo, format: 'pypi', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  return { owner, org, repo, token: secret, dir: mkdtempSync(path.join(os.tmpdir(), 'tg-pypi-meta-')) };
}

const WRITE = `
import io, json, os, sys, tarfile, zipfile
spec = json.load(sys.stdin)
out = os.path.join(spec['dir'], spec['file'])
if spec['kind'] == 'zip':
  with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for p, c in spec['members']: z.writestr(p, c)
elif spec['kind'] == 'tar.gz':
  with tarfile.open(out, 'w:gz') as t:
    for p, c in spec['members']:
      b = c.encode(); i = tarfile.TarInfo(p); i.size = len(b); t.addfile(i, io.BytesIO(b))
else:
  open(out, 'w').write(spec['text'])
print(out)
`;

type Meta = { name: string; version: string; requiresPython?: string };

const metadata = (m: Meta) =>
  `Metadata-Version: 2.1\nName: ${m.name}\nVersion: ${m.version}\n${m.requiresPython ? `Requires-Python: ${m.requiresPython}\n` : ''}Summary: e2e package\n\nA description.\n`;

async function write(w: World, spec: { file: string; kind: 'zip' | 'tar.gz' | 'text'; members?: [string, string][]; text?: string }): Promise<string> {
  const dir = mkdtempSync(path.join(w.dir, 'dist-'));
  const child = run('python3', ['-c', WRITE]);
  child.child.stdin!.end(JSON.stringify({ dir, ...spec }));
  return (await child).stdout.trim();
}

/** A wheel named `file` (default: the one its metadata gives) whose METADATA says `m`. */
function wheel(w: World, m: Meta, file?: string) {
  const dist = m.name.replace(/[-_.]+/g, '_');
  const info = `${dist}-${m.version}.dist-info`;
  return write(w, {
    file: file ?? `${dist}-${m.version}-py3-none-any.whl`,
    kind: 'zip',
    members: [
      [`${dist}/__init__.py`, 'VALUE = 1\n'],
      [`${info}/METADATA`, metadata(m)],
      [`${info}/WHEEL`, 'Wheel-Version: 1.0\nGenerator: tollgate-e2e\nRoot-Is-Purelib: true\nTag: py3-none-any\n'],
    ],
  });
}

/** An sdist (.tar.gz or .zip) whose top-level PKG-INFO says `m`. */
function sdist(w: World, m: Meta, kind: 'tar.gz' | 'zip' = 'tar.gz') {
  const top = `${m.name}-${m.version}`;
  return write(w, { file: `${top}.${kind}`, kind, members: [[`${top}/PKG-INFO`, metadata(m)], [`${top}/setup.py`, '']] });
}

const norm = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
const clientEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', TWINE_NON_INTERACTIVE: '1' };
const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` });
const simple = (api: Api, w: World) => `${api.url}/pypi/${w.org}/${w.repo}/simple/`;

/** The output of a failed run, or null when it succeeded. */
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
  );

function twine(api: Api, w: World, files: string[]) {
  return run('twine', ['upload', '--non-interactive', '--disable-progress-bar', '--repository-url', `${api.url}/pypi/${w.org}/${w.repo}/`, '-u', 'x', '-p', w.token, ...files], {
    env: clientEnv,
    timeout: 60_000,
  });
}

/** The legacy upload with exactly these form fields, sent by the real curl: [status, body]. */
async function curlUpload(api: Api, w: World, fields: Record<string, string>, file: string): Promise<[number, string]> {
  const form = Object.entries({ ':action': 'file_upload', protocol_version: '1', ...fields }).flatMap(([k, v]) => ['--form-string', `${k}=${v}`]);
  const { stdout } = await run('curl', ['-sS', '-u', `x:${w.token}`, ...form, '-F', `content=@${file}`, '-w', '\n%{http_code}', `${api.url}/pypi/${w.org}/${w.repo}/`]);
  const lines = stdout.split('\n');
  return [Number(lines.pop()), lines.join('\n')];
}

/** `pip download` of `spec` through both credential forms; the file names pip saved, per form. */
async function pipBoth(api: Api, w: World, spec: string): Promise<string[][]> {
  const port = new URL(api.url).port;
  const indexes = [`http://x:${w.token}@127.0.0.1:${port}/pypi/${w.org}/${w.repo}/simple/`, `http://127.0.0.1:${port}/t/${w.token}/pypi/${w.org}/${w.repo}/simple/`];
  const out: string[][] = [];
  for (const index of indexes) {
    const dest = mkdtempSync(path.join(w.dir, 'pip-'));
    await run('python3', ['-m', 'pip', 'download', '--no-deps', '--no-cache-dir', '--only-binary', ':all:', '-d', dest, '--index-url', index, spec], { env: clientEnv, timeout: 90_000 });
    out.push(readdirSync(dest));
  }
  return out;
}

const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

test.describe('pypi metadata from the archive', () => {
  test('a form or file name that disagrees with the archive is a 400, and nothing is stored', async ({ api }) => {
    test.setTimeout(120_000);
    const w = await world(api);
    const name = `meta-${uid()}`;

    // METADATA names another project than the file name and the form
    const impostor = await wheel(w, { name: `other-${uid()}`, version: '1.0' }, `${name.replace(/-/g, '_')}-1.0-py3-none-any.whl`);
    const [s1, b1] = await curlUpload(api, w, { name, version: '1.0' }, impostor);
    expect(s1, b1).toBe(400);
    expect(errorOf(b1).message).toMatch(/metadata says other-/);
    // twine fills its form from METADATA: then the file name disagrees
    expect(await failureOf(twine(api, w, [impostor]))).toMatch(/400/);

    // METADATA says another version than the form and the file name
    const newer = await wheel(w, { name, version: '2.0' }, `${name.replace(/-/g, '_')}-1.0-py3-none-any.whl`);
    const [s2, b2] = await curlUpload(api, w, { name, version: '1.0' }, newer);
    expect(s2, b2).toBe(400);
    expect(errorOf(b2).message).toMatch(/metadata says meta-\S+ 2\.0, the upload says meta-\S+ 1\.0/);

    // the form names a file of another project
    const right = await wheel(w, { name, version: '1.0' });
    const [s3] = await curlUpload(api, w, { name: `other-${uid()}`, version: '1.0' }, right);
    expect(s3).toBe(400);

    expect(await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).toEqual([]);
    expect((await fetch(`${simple(api, w)}${name}/`, { headers: basic(w.token) })).status).toBe(404);
    const list = await fetch(simple(api, w), { headers: { ...basic(w.token), accept: 'application/vnd.pypi.simple.v1+json' } });
    expect(await list.json()).toEqual({ meta: { 'api-version': '1.0' }, projects: [] });

    // versions compare loosely (case, a leading v): the archive's spelling is kept
    const [s4, b4] = await curlUpload(api, w, { name: name.toUpperCase(), version: 'V1.0' }, right);
    expect(s4, b4).toBe(200);
    expect(JSON.parse(b4)).toEqual({ path: `${name}/${path.basename(right)}`, size: readFileSync(right).length, sha256: sha256(readFileSync(right)) });
    rmSync(w.dir, { recursive: true, force: true });
  });

  test('an archive that cannot be read is a 400 "malformed"', async ({ api }) => {
    const w = await world(api);
    const name = `bad-${uid()}`;
    const dist = name.replace(/-/g, '_');
    const cases: [string, string][] = [
      [await write(w, { file: `${dist}-1.0-py3-none-any.whl`, kind: 'text', text: 'not a zip archive at all\n'.repeat(40) }), 'Not a zip'],
      [await write(w, { file: `${dist}-1.0-py3-none-any.whl`, kind: 'zip', members: [[`${dist}/__init__.py`, '']] }), '.dist-info'],
      [await write(w, { file: `${name}-1.0.tar.gz`, kind: 'text', text: 'plain text' }), 'gzip'],
      [await write(w, { file: `${name}-1.0.tar.gz`, kind: 'tar.gz', members: [[`${name}-1.0/setup.py`, '']] }), 'PKG-INFO'],
      [await write(w, { file: `${name}-1.0.zip`, kind: 'zip', members: [[`${name}-1.0/PKG-INFO`, 'Version: 1.0\n']] }), 'no Name'],
    ];
    for (const [file, why] of cases) {
      const [status, body] = await curlUpload(api, w, { name, version: '1.0' }, file);
      expect(status, `${path.basename(file)}: ${body}`).toBe(400);
      expect(errorOf(body).code).toBe('invalid_request');
      expect(errorOf(body).message, path.basename(file)).toContain('malformed');
      expect(errorOf(body).message, path.basename(file)).toContain(why);
    }
    const egg = await write(w, { file: `${name}-1.0-py3.11.egg`, kind: 'zip', members: [['EGG-INFO/PKG-INFO', metadata({ name, version: '1.0' })]] });
    expect((await curlUpload(api, w, { name, version: '1.0' }, egg))[0]).toBe(400);
    expect(await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).toEqual([]);
    rmSync(w.dir, { recursive: true, force: true });
  });

  test('Requires-Python comes from the archive when the form has none', async ({ api }) => {
    const w = await world(api);
    const name = `rp-${uid()}`;
    const whl = await wheel(w, { name, version: '1.0', requiresPython: '>=3.9,<4' });
    const zip = await sdist(w, { name, version: '1.0', requiresPython: '>=3.10' }, 'zip');
    const tgz = await sdist(w, { name, version: '1.0' });
    for (const file of [whl, zip, tgz]) {
      const [status, body] = await curlUpload(api, w, { name, version: '1.0' }, file);
      expect(status, body).toBe(200);
    }
    const html = await (await fetch(`${simple(api, w)}${name}/`, { headers: basic(w.token) })).text();
    expect(html).toContain(`>${path.basename(whl)}</a>`);
    expect(html).toMatch(new RegExp(`data-requires-python="&gt;=3\\.9,&lt;4">${path.basename(whl)}<`));
    expect(html).toMatch(new RegExp(`data-requires-python="&gt;=3\\.10">${path.basename(zip)}<`));
    expect(html).toMatch(new RegExp(`#sha256=[0-9a-f]{64}">${path.basename(tgz)}<`));

    // the form's value, when sent, wins (twine sends the archive's own)
    const other = await sdist(w, { name, version: '1.1', requiresPython: '>=3.8' });
    expect((await curlUpload(api, w, { name, version: '1.1', requires_python: '>=3.12' }, other))[0]).toBe(200);
    const json = await fetch(`${simple(api, w)}${name}/`, { headers: { ...basic(w.token), accept: 'application/vnd.pypi.simple.v1+json' } });
    const files = ((await json.json()) as { files: { filename: string; 'requires-python'?: string }[] }).files;
    expect(Object.fromEntries(files.map((f) => [f.filename, f['requires-python'] ?? null]))).toEqual({
      [path.basename(whl)]: '>=3.9,<4',
      [path.basename(zip)]: '>=3.10',
      [path.basename(tgz)]: null,
      [path.basename(other)]: '>=3.12',
    });
    rmSync(w.dir, { recursive: true, force: true });
  });
});

test.describe('pypi cached index', () => {
  test('uploads and deletes show at once, to pip through Basic and /t/; ETags revalidate', async ({ api }) => {
    test.setTimeout(240_000);
    const w = await world(api);
    const name = `Cache_Me-${uid()}`;
    const n = norm(name);
    const v1 = await wheel(w, { name, version: '1.0' });
    const v2 = await wheel(w, { name, version: '1.1' });
    const page = `${simple(api, w)}${n}/`;
    const filesOf = async (accept = 'text/html') => {
      const res = await fetch(page, { headers: { ...basic(w.token), accept } });
      if (res.status !== 200) return res.status;
      if (accept !== 'text/html') return ((await res.json()) as { files: { filename: string }[] }).files.map((f) => f.filename);
      return [...(await res.text()).matchAll(/>([^<>]+\.whl)</g)].map((m) => m[1]);
    };
    const projects = async () =>
      ((await (await fetch(simple(api, w), { headers: { ...basic(w.token), accept: 'application/vnd.pypi.simple.v1+json' } })).json()) as { projects: { name: string }[] }).projects.map((p) => p.name);

    await twine(api, w, [v1]);
    expect(await filesOf()).toEqual([path.basename(v1)]);
    expect(await projects()).toEqual([n]);
    expect(await pipBoth(api, w, name)).toEqual([[path.basename(v1)], [path.basename(v1)]]);

    // a revalidation is a 304 while nothing changed
    const first = await fetch(page, { headers: basic(w.token) });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await fetch(page, { headers: { ...basic(w.token), 'if-none-match': etag } })).status).toBe(304);
    // the same page through /t/: one cached page serves every credential
    const viaPath = await fetch(`${api.url}/t/${w.token}/pypi/${w.org}/${w.repo}/simple/${n}/`, { headers: { 'if-none-match': etag } });
    expect(viaPath.status).toBe(304);

    await twine(api, w, [v2]);
    expect(await filesOf()).toEqual([path.basename(v1), path.basename(v2)]);
    expect((await fetch(page, { headers: { ...basic(w.token), 'if-none-match': etag } })).status).toBe(200);
    expect(await pipBoth(api, w, name)).toEqual([[path.basename(v2)], [path.basename(v2)]]);

    const del = await api.delete(`/api/v1/orgs/${w.org}/repos/${w.repo}/files/${n}/${path.basename(v2)}`, { cookie: w.owner.cookie });
    expect(del.status, del.text).toBe(204);
    expect(await filesOf()).toEqual([path.basename(v1)]);
    expect(await filesOf('application/vnd.pypi.simple.v1+json')).toEqual([path.basename(v1)]);
    expect(await pipBoth(api, w, name)).toEqual([[path.basename(v1)], [path.basename(v1)]]);

    const last = await api.delete(`/api/v1/orgs/${w.org}/repos/${w.repo}/files/${n}/${path.basename(v1)}`, { cookie: w.owner.cookie });
    expect(last.status, last.text).toBe(204);
    expect(await filesOf()).toBe(404);
    expect(await projects()).toEqual([]);
    const html = await (await fetch(simple(api, w), { headers: basic(w.token) })).text();
    expect(html).not.toContain(n);
    const pip = await failureOf(pipBoth(api, w, name));
    expect(pip).toMatch(/No matching distribution/);

    // HEAD answers like GET, without a body
    await twine(api, w, [v1]);
    const head = await fetch(page, { method: 'HEAD', headers: basic(w.token) });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(await (await fetch(page, { headers: basic(w.token) })).text()));
    rmSync(w.dir, { recursive: true, force: true });
  });
});

test.describe('pypi console upload', () => {
  const put = (api: Api, w: World, target: string, bytes: Buffer) =>
    fetch(`${api.url}/api/v1/orgs/${w.org}/repos/${w.repo}/files/${target}`, {
      method: 'PUT',
      headers: { cookie: w.owner.cookie, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });

  test('a file alone: name and version from the archive, stored where twine puts it', async ({ api }) => {
    test.setTimeout(120_000);
    const w = await world(api);
    const name = `Console.Pkg-${uid()}`;
    const n = norm(name);
    const whl = await wheel(w, { name, version: '2.0', requiresPython: '>=3.8' });
    const tgz = await sdist(w, { name, version: '2.0' });
    const zip = await sdist(w, { name, version: '2.1' }, 'zip');

    const res = await put(api, w, path.basename(whl), readFileSync(whl));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toEqual({
      path: `${n}/${path.basename(whl)}`,
      size: readFileSync(whl).length,
      sha256: sha256(readFileSync(whl)),
      package: { name: n, version: '2.0' },
    });
    expect((await put(api, w, path.basename(tgz), readFileSync(tgz))).status).toBe(201);
    // the path the listing shows is accepted too, another directory is not
    expect((await put(api, w, `wrong/${path.basename(zip)}`, readFileSync(zip))).status).toBe(400);
    expect((await put(api, w, `${n}/${path.basename(zip)}`, readFileSync(zip))).status).toBe(201);
    // a duplicate, a file whose archive names another project, a file that is no distribution
    expect((await put(api, w, path.basename(whl), readFileSync(whl))).status).toBe(409);
    const impostor = await wheel(w, { name: `other-${uid()}`, version: '2.0' }, path.basename(whl).replace('2.0', '3.0'));
    const refused = await put(api, w, path.basename(impostor), readFileSync(impostor));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/not of other-/);
    expect((await put(api, w, 'notes.txt', Buffer.from('hello'))).status).toBe(400);

    const files = await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo);
    expect(files.map((f) => f.path).sort()).toEqual([whl, tgz, zip].map((f) => `${n}/${path.basename(f)}`).sort());
    const html = await (await fetch(`${simple(api, w)}${n}/`, { headers: basic(w.token) })).text();
    expect(html).toContain(`data-requires-python="&gt;=3.8">${path.basename(whl)}</a>`);
    expect(await pipBoth(api, w, name)).toEqual([[path.basename(whl)], [path.basename(whl)]]);
    rmSync(w.dir, { recursive: true, force: true });
  });
});
