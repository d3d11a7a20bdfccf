/**
 * The PyPI native routes (docs/http.md "Package-tool routes"), driven by the real clients: `twine upload`
 * to the legacy upload API and `pip download` through the simple index, with the token as the Basic
 * password and in the path (/t/<token>/). Also the PEP 691 JSON form, PEP 503 redirects, duplicate
 * uploads (409), a wrong announced digest (400, nothing stored) and the status rules (401 challenge).
 * Index links are relative to the page (one cached page serves every credential).
 * The wheel and sdist are built here (zip / tar.gz written by python3's standard library).
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
  return { owner, org, repo, token: secret, dir: mkdtempSync(path.join(os.tmpdir(), 'tg-pypi-')) };
}

const BUILD = `
import sys, zipfile, tarfile, io, hashlib, base64, os
out, name, version = sys.argv[1], sys.argv[2], sys.argv[3]
dist = name.replace('-', '_')
meta = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\nRequires-Python: >=3.7\\nSummary: test package\\n\\n"
files = {
  f"{dist}/__init__.py": "VALUE = 1\\n",
  f"{dist}-{version}.dist-info/METADATA": meta,
  f"{dist}-{version}.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: tollgate-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
def rec(data):
  d = base64.urlsafe_b64encode(hashlib.sha256(data.encode()).digest()).rstrip(b'=').decode()
  return f"sha256={d},{len(data.encode())}"
record = "".join(f"{p},{rec(c)}\\n" for p, c in files.items()) + f"{dist}-{version}.dist-info/RECORD,,\\n"
files[f"{dist}-{version}.dist-info/RECORD"] = record
whl = os.path.join(out, f"{dist}-{version}-py3-none-any.whl")
with zipfile.ZipFile(whl, 'w', zipfile.ZIP_DEFLATED) as z:
  for p, c in files.items(): z.writestr(p, c)
sdist = os.path.join(out, f"{name}-{version}.tar.gz")
with tarfile.open(sdist, 'w:gz') as t:
  for p, c in {f"{name}-{version}/PKG-INFO": meta, f"{name}-{version}/{dist}/__init__.py": "VALUE = 1\\n"}.items():
    b = c.encode(); i = tarfile.TarInfo(p); i.size = len(b); t.addfile(i, io.BytesIO(b))
print(whl); print(sdist)
`;

/** Builds a wheel and an sdist of `name` in a fresh directory; returns their paths. */
async function buildDists(w: World, name: string, version: string): Promise<{ wheel: string; sdist: string }> {
  const out = mkdtempSync(path.join(w.dir, 'dist-'));
  const { stdout } = await run('python3', ['-c', BUILD, out, name, version]);
  const [wheel, sdist] = stdout.trim().split('\n') as [string, string];
  return { wheel, sdist };
}

const clientEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', TWINE_NON_INTERACTIVE: '1' };

async function twine(api: Api, w: World, files: string[]) {
  return run('twine', ['upload', '--non-interactive', '--disable-progress-bar', '--repository-url', `${api.url}/pypi/${w.org}/${w.repo}/`, '-u', 'x', '-p', w.token, ...files], {
    env: clientEnv,
    timeout: 60_000,
  });
}

async function pipDownload(indexUrl: string, name: string, dest: string) {
  return run('python3', ['-m', 'pip', 'download', '--no-deps', '--no-cache-dir', '--only-binary', ':all:', '-d', dest, '--index-url', indexUrl, name], {
    env: clientEnv,
    timeout: 90_000,
  });
}

/** A legacy upload as twine sends it, with fields we choose (for the error paths). */
function formUpload(api: Api, w: World, token: string | null, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ':action': 'file_upload', protocol_version: '1', ...fields })) form.append(k, v);
  form.append('content', new Blob([new Uint8Array(file.bytes)]), file.name);
  return fetch(`${api.url}/pypi/${w.org}/${w.repo}/`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Basic ${Buffer.from(`__token__:${token}`).toString('base64')}` } : {},
  });
}

const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` });

test.describe('pypi', () => {
  test('twine uploads a wheel and an sdist; pip downloads through Basic and /t/; PEP 503 and PEP 691 indexes', async ({ api }) => {
    test.setTimeout(180_000);
    const w = await world(api);
    const name = `Tg_Demo.Pkg-${uid()}`;
    const norm = name.toLowerCase().replace(/[-_.]+/g, '-');
    const { wheel, sdist } = await buildDists(w, name, '1.0.0');
    await twine(api, w, [wheel, sdist]);

    const files = await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo);
    expect(files.map((f) => f.path).sort()).toEqual([`${norm}/${path.basename(sdist)}`, `${norm}/${path.basename(wheel)}`].sort());

    // pip with the token as the Basic password, then with the token in the path
    const port = new URL(api.url).port;
    for (const [label, index] of [
      ['basic', `http://x:${w.token}@127.0.0.1:${port}/pypi/${w.org}/${w.repo}/simple/`],
      ['path', `http://127.0.0.1:${port}/t/${w.token}/pypi/${w.org}/${w.repo}/simple/`],
    ] as const) {
      const dest = mkdtempSync(path.join(w.dir, `pip-${label}-`));
      await pipDownload(index, name, dest);
      expect(readdirSync(dest), label).toEqual([path.basename(wheel)]);
      expect(sha256(readFileSync(path.join(dest, path.basename(wheel)))), label).toBe(sha256(readFileSync(wheel)));
    }

    // PEP 503 HTML: hashes and requires-python in the links, relative to the page, so no credential in them
    const pageUrl = `${api.url}/pypi/${w.org}/${w.repo}/simple/${norm}/`;
    const html = await fetch(pageUrl, { headers: { ...basic(w.token), accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await html.text();
    const wheelHref = `../../files/${norm}/${path.basename(wheel)}`;
    expect(new URL(wheelHref, pageUrl).href).toBe(`${api.url}/pypi/${w.org}/${w.repo}/files/${norm}/${path.basename(wheel)}`);
    expect(body).toContain(`<a href="${wheelHref}#sha256=${sha256(readFileSync(wheel))}" data-requires-python="&gt;=3.7">${path.basename(wheel)}</a>`);
    expect(body).not.toContain('/t/');

    // through /t/, the same page; its links, resolved against it, keep the token in the path
    const pathPageUrl = `${api.url}/t/${w.token}/pypi/${w.org}/${w.repo}/simple/${norm}/`;
    const viaPath = await (await fetch(pathPageUrl)).text();
    expect(viaPath).toBe(body);
    const viaPathFile = await fetch(new URL(wheelHref, pathPageUrl));
    expect(viaPathFile.status).toBe(200);
    expect(sha256(Buffer.from(await viaPathFile.arrayBuffer()))).toBe(sha256(readFileSync(wheel)));

    // PEP 691 JSON
    const json = await fetch(pageUrl, { headers: { ...basic(w.token), accept: 'application/vnd.pypi.simple.v1+json' } });
    expect(json.headers.get('content-type')).toBe('application/vnd.pypi.simple.v1+json');
    const doc = (await json.json()) as { meta: { 'api-version': string }; name: string; files: { filename: string; url: string; hashes: { sha256: string }; 'requires-python'?: string }[] };
    expect(doc.meta['api-version']).toBe('1.0');
    expect(doc.name).toBe(norm);
    const sdistEntry = doc.files.find((f) => f.filename === path.basename(sdist));
    expect(sdistEntry).toEqual({ filename: path.basename(sdist), url: `../../files/${norm}/${path.basename(sdist)}`, hashes: { sha256: sha256(readFileSync(sdist)) }, 'requires-python': '>=3.7' });
    const sdistBytes = Buffer.from(await (await fetch(new URL(sdistEntry!.url, pageUrl), { headers: basic(w.token) })).arrayBuffer());
    expect(sha256(sdistBytes)).toBe(sha256(readFileSync(sdist)));

    // the project list, HTML and JSON
    const list = await fetch(`${api.url}/pypi/${w.org}/${w.repo}/simple/`, { headers: { ...basic(w.token), accept: 'application/vnd.pypi.simple.v1+json' } });
    expect(((await list.json()) as { projects: { name: string }[] }).projects).toEqual([{ name: norm }]);
    const listHtml = await (await fetch(`${api.url}/pypi/${w.org}/${w.repo}/simple/`, { headers: basic(w.token) })).text();
    expect(listHtml).toContain(`<a href="${norm}/">${norm}</a>`);
    // without the trailing slash, relative links would miss: a redirect to the page
    const bare = await fetch(`${api.url}/t/${w.token}/pypi/${w.org}/${w.repo}/simple`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`${api.url}/t/${w.token}/pypi/${w.org}/${w.repo}/simple/`);

    // a non-normalized project name redirects to the normalized URL
    const redirect = await fetch(`${api.url}/pypi/${w.org}/${w.repo}/simple/${encodeURIComponent(name)}/`, { headers: basic(w.token), redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`${api.url}/pypi/${w.org}/${w.repo}/simple/${norm}/`);
    rmSync(w.dir, { recursive: true, force: true });
  });

  test('a duplicate upload is a 409, a wrong digest a 400 that stores nothing', async ({ api }) => {
    const w = await world(api);
    const name = `dup-${uid()}`;
    const { wheel } = await buildDists(w, name, '0.1');
    const bytes = readFileSync(wheel);
    const file = { name: path.basename(wheel), bytes };
    const fields = { name, version: '0.1', sha256_digest: sha256(bytes), requires_python: '>=3.8' };

    const bad = await formUpload(api, w, w.token, { ...fields, sha256_digest: sha256('something else') }, file);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).toEqual([]);
    const missing = await fetch(`${api.url}/pypi/${w.org}/${w.repo}/simple/${name}/`, { headers: basic(w.token) });
    expect(missing.status).toBe(404);

    const ok = await formUpload(api, w, w.token, fields, file);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const dup = await formUpload(api, w, w.token, fields, file);
    expect(dup.status).toBe(409);
    // twine sees it too
    const failed = await twine(api, w, [wheel]).then(
      () => null,
      (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
    );
    expect(failed, 'twine fails on the duplicate').toMatch(/409/);
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).map((f) => f.sha256)).toEqual([sha256(bytes)]);

    // a file that is not the named project's is refused
    const other = await formUpload(api, w, w.token, { ...fields, name: `other-${uid()}` }, file);
    expect(other.status).toBe(400);
    rmSync(w.dir, { recursive: true, force: true });
  });

  test('anonymous callers get 401 with the Basic challenge; a read token cannot upload', async ({ api }) => {
    const w = await world(api);
    for (const p of ['simple/', 'simple/anything/', 'files/anything/anything-1.0.tar.gz']) {
      const res = await fetch(`${api.url}/pypi/${w.org}/${w.repo}/${p}`);
      expect(res.status, p).toBe(401);
      expect(res.headers.get('www-authenticate'), p).toBe('Basic realm="Tollgate"');
    }
    const name = `anon-${uid()}`;
    const { wheel } = await buildDists(w, name, '1.0');
    const file = { name: path.basename(wheel), bytes: readFileSync(wheel) };
    const anon = await formUpload(api, w, null, { name, version: '1.0' }, file);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toBe('Basic realm="Tollgate"');

    const { secret: reader } = await resourceToken(api, w.owner.cookie, w.org, [{ repo: w.repo, access: 'read' }]);
    const denied = await formUpload(api, w, reader, { name, version: '1.0' }, file);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
    const index = await fetch(`${api.url}/pypi/${w.org}/${w.repo}/simple/`, { headers: basic(reader) });
    expect(index.status).toBe(200);
    rmSync(w.dir, { recursive: true, force: true });
  });
});
