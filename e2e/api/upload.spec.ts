/**
 * The console's upload API: PUT /api/v1/orgs/{org}/repos/{repo}/files/{path…} with the file's bytes,
 * authenticated by the session cookie (what the browser sends) or a PAT. The bytes stream to the
 * blob store; package formats read name and version from the file (their own specs cover that).
 * Checked here: raw uploads with both credentials, the download of what was uploaded, 409 for an
 * existing path, 413 by Content-Length before any byte is read, bad paths, a cross-site Origin
 * refused for cookie writes, and the roles: an uploader may, a reader may not.
 */
import http from 'node:http';
import { test, expect, type Api } from '../support/fixtures';
import { addMember, expectError, signup } from './helpers';
import { createRepo, listFiles, resourceToken, setRepoRole, sha256 } from './pat-helpers';

type Auth = { cookie?: string; token?: string; origin?: string };

async function put(api: Api, path: string, bytes: Buffer, auth: Auth, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { 'content-type': 'application/octet-stream', ...headers };
  if (auth.cookie) h.cookie = auth.cookie;
  if (auth.token) h.authorization = `Bearer ${auth.token}`;
  if (auth.origin) h.origin = auth.origin;
  const res = await fetch(`${api.url}${path}`, { method: 'PUT', headers: h, body: new Uint8Array(bytes) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json, headers: res.headers };
}

const filesUrl = (org: string, repo: string, path: string) => `/api/v1/orgs/${org}/repos/${repo}/files/${path}`;

test('a raw file uploaded with the session cookie or a PAT is stored, listed and downloadable', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'bin', format: 'raw', visibility: 'private' });
  const bytes = Buffer.from('console upload '.repeat(1000));

  const res = await put(api, filesUrl(org, 'bin', 'tools/app-1.0.tar.gz'), bytes, { cookie: owner.cookie, origin: api.url });
  expect(res.status, res.text).toBe(201);
  expect(res.json).toEqual({ path: 'tools/app-1.0.tar.gz', size: bytes.length, sha256: sha256(bytes) });

  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: 'bin', access: 'write' }]);
  const second = Buffer.from('second file');
  const viaToken = await put(api, filesUrl(org, 'bin', 'notes%20v2.txt'), second, { token: secret });
  expect(viaToken.status, viaToken.text).toBe(201);
  expect((viaToken.json as { path: string }).path).toBe('notes v2.txt');

  const files = await listFiles(api, { cookie: owner.cookie }, org, 'bin');
  expect(files.map((f) => [f.path, f.size, f.sha256, f.uploader])).toEqual([
    ['notes v2.txt', second.length, sha256(second), owner.email],
    ['tools/app-1.0.tar.gz', bytes.length, sha256(bytes), owner.email],
  ]);
  const download = await fetch(`${api.url}/raw/${org}/bin/tools/app-1.0.tar.gz`, { headers: { authorization: `Bearer ${secret}` } });
  expect(download.status).toBe(200);
  expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
});

test('an existing path is a 409, an oversized declaration a 413, a bad path a 400 — and nothing changes', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'bin', format: 'raw', visibility: 'private' });
  const auth = { cookie: owner.cookie };
  expect((await put(api, filesUrl(org, 'bin', 'a.txt'), Buffer.from('one'), auth)).status).toBe(201);

  expectError(await asApi(put(api, filesUrl(org, 'bin', 'a.txt'), Buffer.from('two'), auth)), 409, 'conflict');
  // 11 GiB announced: refused before a byte is read (the client sees the answer early).
  const big = await rawPutWithLength(api.url, filesUrl(org, 'bin', 'huge.iso'), owner.cookie, 11 * 1024 ** 3);
  expect(big.status).toBe(413);
  expect(big.body).toContain('payload_too_large');
  expectError(await asApi(put(api, filesUrl(org, 'bin', 'x/a%5Cb'), Buffer.from('z'), auth)), 400);
  expectError(await asApi(put(api, filesUrl(org, 'bin', 'bad%00name'), Buffer.from('z'), auth)), 400);

  const files = await listFiles(api, auth, org, 'bin');
  expect(files.map((f) => [f.path, f.size])).toEqual([['a.txt', 3]]);
});

test('cookie uploads from another site are refused; readers cannot upload, uploaders can', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'bin', format: 'raw', visibility: 'private' });
  expectError(await asApi(put(api, filesUrl(org, 'bin', 'csrf.txt'), Buffer.from('x'), { cookie: owner.cookie, origin: 'https://evil.example' })), 403);

  const reader = await addMember(api, owner.cookie, org, 'member', 'reader');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'bin', reader.user.id, 'reader');
  expectError(await asApi(put(api, filesUrl(org, 'bin', 'r.txt'), Buffer.from('x'), { cookie: reader.cookie })), 403);

  const uploader = await addMember(api, owner.cookie, org, 'member', 'uploader');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'bin', uploader.user.id, 'uploader');
  expect((await put(api, filesUrl(org, 'bin', 'u.txt'), Buffer.from('x'), { cookie: uploader.cookie })).status).toBe(201);

  expectError(await asApi(put(api, filesUrl(org, 'bin', 'anon.txt'), Buffer.from('x'), {})), 401);
  const files = await listFiles(api, { cookie: owner.cookie }, org, 'bin');
  expect(files.map((f) => f.path)).toEqual(['u.txt']);
});

/** The shape expectError reads. */
async function asApi(p: ReturnType<typeof put>) {
  const r = await p;
  return { status: r.status, json: r.json, text: r.text, headers: r.headers, cookie: '' };
}

/** A PUT that announces `length` bytes and sends none, to see the early answer. */
function rawPutWithLength(base: string, path: string, cookie: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base + path);
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { cookie, 'content-length': String(length), 'content-type': 'application/octet-stream' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    req.write(Buffer.alloc(16));
  });
}
