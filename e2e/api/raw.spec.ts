/**
 * The raw native route (API.md "Native tool routes", PRODUCT.md "Native tool routes"), driven by
 * the real `curl` binary against a real server: every credential form, the HTTP semantics of a
 * file server (Range, ETag / If-None-Match, HEAD, Last-Modified), the status rules (401 with the
 * Basic challenge, 404, 403 insufficient_scope), immutability (409), path traversal, and an upload
 * that dies halfway — including across a server restart on the same DATA_DIR.
 */
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, createApi, type Api } from '../support/fixtures';
import { addMember, expectErrorShape, signIn, signup, uid, type Account } from './helpers';
import {
  CRED_FORMS,
  createRepo,
  createToken,
  curl,
  curlGet,
  curlHead,
  curlPut,
  errorCode,
  expectChallenge,
  listFiles,
  payload,
  persistentStore,
  poll,
  rawPath,
  resourceToken,
  runCurl,
  sha256,
  shown,
  sleep,
  startPartialPut,
  tamper,
  tmpUploads,
  upload,
  type Cred,
  type CurlResult,
} from './pat-helpers';

type World = { owner: Account; org: string; token: string; cred: Cred };

/** An org with a private raw repository `files` and a public one `pub`, and an owner token with manage on every repository. */
async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'files', format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'pub', format: 'raw', visibility: 'public' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  return { owner, org, token: secret, cred: { form: 'bearer', token: secret } };
}

/** JSON error body of a native route (same shape as the management API). */
function expectNativeError(r: CurlResult, status: number, code?: string) {
  expect(r.status, shown(r)).toBe(status);
  expect(r.headers['content-type'] ?? '', shown(r)).toMatch(/application\/json/);
  const body = r.json as { error?: { code?: string; message?: string } } | null;
  expect(body?.error?.code, shown(r)).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof body?.error?.message).toBe('string');
  if (code) expect(body!.error!.code).toBe(code);
  expect(r.text, 'no stack trace').not.toMatch(/\n\s+at \S+ \(|node_modules|\.tsx?:\d+/);
}

test.describe('credentials', () => {
  test('PUT then GET with the token in the path, as the Basic password and as a Bearer token', async ({ api }) => {
    const w = await world(api);
    const files: { name: string; bytes: Buffer; type: RegExp }[] = [];
    const types: [string, RegExp][] = [
      ['txt', /^text\/plain\b/],
      ['json', /^application\/json\b/],
      ['tar.gz', /^application\/(gzip|x-gzip)$/],
    ];
    for (const [i, form] of CRED_FORMS.entries()) {
      const [ext, type] = types[i]!;
      const name = `dir-${form}/file-${uid()}.${ext}`;
      const bytes = payload(`uploaded with ${form}`, 4096 + i);
      const before = Date.now();
      const put = await curlPut(api.url, rawPath(w.org, 'files', name), bytes, { form, token: w.token });
      expect(put.status, shown(put)).toBe(201);
      expect(put.json).toEqual({ path: name, size: bytes.length, sha256: sha256(bytes) });
      files.push({ name, bytes, type });

      // Read back with every form, not only the one that wrote it.
      for (const readForm of CRED_FORMS) {
        const got = await curlGet(api.url, rawPath(w.org, 'files', name), { form: readForm, token: w.token });
        expect(got.status, shown(got)).toBe(200);
        expect(got.body.equals(bytes), `bytes of ${name} read with ${readForm}`).toBe(true);
        expect(got.headers['content-length']).toBe(String(bytes.length));
        expect(got.headers['content-type']).toMatch(type);
        expect(got.headers['etag']).toBe(`"${sha256(bytes)}"`);
        expect(got.headers['accept-ranges']).toBe('bytes');
        const lastModified = Date.parse(got.headers['last-modified'] ?? '');
        expect(Number.isNaN(lastModified), `Last-Modified: ${got.headers['last-modified']}`).toBe(false);
        expect(lastModified).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 60_000);
        expect(lastModified).toBeLessThanOrEqual(Date.now() + 60_000);
      }
    }
    // Basic accepts any user name.
    for (const user of ['x', 'ci-bot', '__token__']) {
      const got = await curlGet(api.url, rawPath(w.org, 'files', files[0]!.name), { form: 'basic', token: w.token, user });
      expect(got.status, shown(got)).toBe(200);
      expect(got.body.equals(files[0]!.bytes)).toBe(true);
    }
    // The uploads are listed with their sizes and digests.
    const listed = await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files');
    expect(listed.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })).sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      files.map((f) => ({ path: f.name, size: f.bytes.length, sha256: sha256(f.bytes) })).sort((a, b) => a.path.localeCompare(b.path)),
    );
  });

  test('a larger file streams back byte for byte', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('large file', 6 * 1024 * 1024 + 123);
    await upload(api.url, w.org, 'files', 'big/blob.bin', bytes, w.cred);
    const got = await curlGet(api.url, rawPath(w.org, 'files', 'big/blob.bin'), { form: 'path', token: w.token });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.body.length).toBe(bytes.length);
    expect(sha256(got.body)).toBe(sha256(bytes));
  });

  test('the console example `curl -fLO https://host/t/<token>/raw/…` saves the file', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('release 1.2', 10_000);
    await upload(api.url, w.org, 'files', 'app-1.2.tar.gz', bytes, w.cred);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-curl-o-'));
    try {
      const ok = await runCurl(['-fLO', `${api.url}/t/${w.token}/raw/${w.org}/files/app-1.2.tar.gz`], { cwd: dir });
      expect(ok.code, ok.stderr).toBe(0);
      expect(readFileSync(path.join(dir, 'app-1.2.tar.gz')).equals(bytes)).toBe(true);
      // -f makes curl fail on an HTTP error: a bad token must not produce a file.
      const bad = await runCurl(['-fsSLO', `${api.url}/t/${tamper(w.token)}/raw/${w.org}/files/app-1.2.tar.gz`], { cwd: path.join(dir) });
      expect(bad.code, 'curl -f exits 22 on an HTTP error').toBe(22);
      expect(bad.stderr).toMatch(/401/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('invalid, revoked, expired and deleted tokens get 401 with the challenge, in every form', async ({ api }) => {
    const w = await world(api);
    const file = 'f.txt';
    await upload(api.url, w.org, 'files', file, payload('guarded'), w.cred);
    await upload(api.url, w.org, 'pub', file, payload('public'), w.cred);

    const revoked = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expect((await api.post(`/api/v1/tokens/${revoked.token.id}/revoke`, undefined, { cookie: w.owner.cookie })).status).toBe(200);
    const deleted = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expect((await api.delete(`/api/v1/tokens/${deleted.token.id}`, { cookie: w.owner.cookie })).status).toBe(204);
    const expiring = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }], {
      expiresAt: new Date(Date.now() + 2_500).toISOString(),
    });

    const bad: [string, string][] = [
      ['malformed', 'tgp_abc'],
      ['not a token', 'hello-world'],
      ['bad checksum', tamper(w.token)],
      ['bad checksum (last character)', w.token.slice(0, -1) + (w.token.endsWith('A') ? 'B' : 'A')],
      ['other kind prefix', `tge_${w.token.slice(4)}`],
      ['too long', `${w.token}x`],
      ['revoked', revoked.secret],
      ['deleted', deleted.secret],
    ];
    // wait out the expiring token, then add it
    await sleep(Math.max(0, Date.parse(expiring.token.expiresAt!) - Date.now() + 300));
    bad.push(['expired', expiring.secret]);

    for (const [what, secret] of bad) {
      for (const form of CRED_FORMS) {
        if (form === 'path' && /[^0-9A-Za-z_-]/.test(secret)) continue;
        for (const repo of ['files', 'pub']) {
          expectChallenge(await curlGet(api.url, rawPath(w.org, repo, file), { form, token: secret }), `${what} via ${form} GET ${repo}`);
        }
        const put = await curlPut(api.url, rawPath(w.org, 'files', `new-${uid()}.txt`), payload('x'), { form, token: secret });
        expectChallenge(put, `${what} via ${form} PUT`);
      }
    }
    // An unsupported scheme is refused, not ignored.
    const digest = await curlGet(api.url, rawPath(w.org, 'files', file), null, ['--header', 'Authorization: Digest username="x"']);
    expectChallenge(digest, 'Digest scheme');
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files')).map((f) => f.path)).toEqual([file]);
  });
});

test.describe('status rules', () => {
  test('anonymous requests to non-public or unknown repositories get 401 with WWW-Authenticate', async ({ api }) => {
    const w = await world(api);
    await upload(api.url, w.org, 'files', 'secret.txt', payload('top secret'), w.cred);
    const targets = [
      rawPath(w.org, 'files', 'secret.txt'), // exists
      rawPath(w.org, 'files', 'missing.txt'), // private repository, no such file
      rawPath(w.org, 'nope', 'secret.txt'), // no such repository
      rawPath(`no-org-${uid()}`, 'files', 'secret.txt'), // no such org
    ];
    for (const t of targets) {
      const get = await curlGet(api.url, t);
      expectChallenge(get, `anonymous GET ${t}`);
      expect(get.text).not.toContain('top secret');
      expectChallenge(await curlHead(api.url, t), `anonymous HEAD ${t}`);
      expectChallenge(await curlPut(api.url, t.replace('secret.txt', `anon-${uid()}.txt`), payload('anon')), `anonymous PUT ${t}`);
    }
    // A distribution repository is not public either.
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'dist', format: 'raw', visibility: 'distribution' });
    await upload(api.url, w.org, 'dist', 'd.txt', payload('dist'), w.cred);
    expectChallenge(await curlGet(api.url, rawPath(w.org, 'dist', 'd.txt')), 'anonymous GET distribution');
    // curl with --anyauth / plain retry semantics: after the challenge, Basic credentials work.
    const retried = await curlGet(api.url, rawPath(w.org, 'files', 'secret.txt'), null, ['--anyauth', '--user', `x:${w.token}`]);
    expect(retried.status, shown(retried)).toBe(200);
    expect(retried.text.startsWith('top secret')).toBe(true);
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files')).map((f) => f.path)).toEqual(['secret.txt']);
  });

  test('a public repository serves anyone anonymously, but writes need credentials', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('open source', 3000);
    await upload(api.url, w.org, 'pub', 'pkg/tool-1.0.zip', bytes, w.cred);
    const got = await curlGet(api.url, rawPath(w.org, 'pub', 'pkg/tool-1.0.zip'));
    expect(got.status, shown(got)).toBe(200);
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('application/zip');
    expect(got.headers['etag']).toBe(`"${sha256(bytes)}"`);
    const head = await curlHead(api.url, rawPath(w.org, 'pub', 'pkg/tool-1.0.zip'));
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    const range = await curlGet(api.url, rawPath(w.org, 'pub', 'pkg/tool-1.0.zip'), null, ['--range', '0-3']);
    expect(range.status).toBe(206);
    expect(range.body.equals(bytes.subarray(0, 4))).toBe(true);
    // a missing file in a public repository is a plain 404
    const missing = await curlGet(api.url, rawPath(w.org, 'pub', 'pkg/none.zip'));
    expectNativeError(missing, 404);
    // anonymous writes: 401 with the challenge, nothing stored
    expectChallenge(await curlPut(api.url, rawPath(w.org, 'pub', 'pkg/anon.zip'), payload('anon')), 'anonymous PUT to public');
    expectChallenge(await curlPut(api.url, rawPath(w.org, 'pub', 'pkg/tool-1.0.zip'), payload('overwrite')), 'anonymous overwrite of public');
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'pub')).map((f) => f.path)).toEqual(['pkg/tool-1.0.zip']);
    // becoming private closes it at once
    const patch = await api.patch(`/api/v1/orgs/${w.org}/repos/pub`, { visibility: 'private' }, { cookie: w.owner.cookie });
    expect(patch.status, patch.text).toBe(200);
    expectChallenge(await curlGet(api.url, rawPath(w.org, 'pub', 'pkg/tool-1.0.zip')), 'after the repository became private');
  });

  test('a valid token without access gets 404; with view but without the scope, 403 insufficient_scope', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('restricted bytes');
    await upload(api.url, w.org, 'files', 'r.bin', bytes, w.cred);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'other', format: 'raw', visibility: 'private' });

    // same org, a grant on another repository only
    const elsewhere = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'other', access: 'manage' }]);
    // another organization's owner, with a token on everything of theirs
    const stranger = await signup(api);
    const strangerToken = await resourceToken(api, stranger.cookie, stranger.org.slug, [{ repo: '*', access: 'manage' }]);
    // a token of the owner bound to another org the owner also owns
    const second = await api.post<{ slug: string }>('/api/v1/orgs', { name: 'Second', slug: `second-${uid()}` }, { cookie: w.owner.cookie });
    expect(second.status, second.text).toBe(201);
    const secondToken = await resourceToken(api, w.owner.cookie, second.json.slug, [{ repo: '*', access: 'manage' }]);

    for (const [who, secret] of [
      ['grant on another repository', elsewhere.secret],
      ['another organization', strangerToken.secret],
      ['token bound to another org of the same user', secondToken.secret],
    ] as const) {
      for (const form of CRED_FORMS) {
        const get = await curlGet(api.url, rawPath(w.org, 'files', 'r.bin'), { form, token: secret });
        expectNativeError(get, 404);
        expect(get.body.includes(Buffer.from('restricted bytes')), who).toBe(false);
        expectNativeError(await curlGet(api.url, rawPath(w.org, 'files', 'missing.bin'), { form, token: secret }), 404);
        expectNativeError(await curlPut(api.url, rawPath(w.org, 'files', `x-${uid()}.bin`), payload('x'), { form, token: secret }), 404);
        expect((await curlHead(api.url, rawPath(w.org, 'files', 'r.bin'), { form, token: secret })).status, `${who} HEAD`).toBe(404);
      }
    }

    // an uploader-only token sees the repository, may upload, may not download
    const uploadOnly = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'files', access: 'upload' }]);
    for (const form of CRED_FORMS) {
      const get = await curlGet(api.url, rawPath(w.org, 'files', 'r.bin'), { form, token: uploadOnly.secret });
      expectNativeError(get, 403, 'insufficient_scope');
      expect(get.body.includes(Buffer.from('restricted bytes'))).toBe(false);
      expect((await curlHead(api.url, rawPath(w.org, 'files', 'r.bin'), { form, token: uploadOnly.secret })).status).toBe(403);
      await upload(api.url, w.org, 'files', `up-${form}.bin`, payload(`up ${form}`), { form, token: uploadOnly.secret });
    }
    // a read token may download but not upload
    const readOnly = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'files', access: 'read' }]);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'r.bin'), { form: 'basic', token: readOnly.secret })).status).toBe(200);
    expectNativeError(await curlPut(api.url, rawPath(w.org, 'files', 'ro.bin'), payload('ro'), { form: 'basic', token: readOnly.secret }), 403, 'insufficient_scope');

    // User now ∩ grant: a developer's write token, once the developer is demoted to uploader,
    // still uploads but no longer downloads (403 insufficient_scope, at once).
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'dev');
    const role = (r: string) => api.put(`/api/v1/orgs/${w.org}/repos/files/members/${member.user.id}`, { role: r }, { cookie: w.owner.cookie });
    expect((await role('developer')).status).toBe(200);
    const memberCookie = await signIn(api, member.email, member.password);
    const write = await createToken(api, memberCookie, { org: w.org, name: 'write', type: 'resource', resources: [{ repo: 'files', access: 'write' }] });
    const before = await curlGet(api.url, rawPath(w.org, 'files', 'r.bin'), { form: 'bearer', token: write.secret });
    expect(before.status, shown(before)).toBe(200);
    expect((await role('uploader')).status).toBe(200);
    const after = await curlGet(api.url, rawPath(w.org, 'files', 'r.bin'), { form: 'bearer', token: write.secret });
    expectNativeError(after, 403, 'insufficient_scope');
    expect(after.body.includes(Buffer.from('restricted bytes'))).toBe(false);
    await upload(api.url, w.org, 'files', 'by-member.bin', payload('member upload'), { form: 'bearer', token: write.secret });
  });
});

test.describe('HTTP semantics', () => {
  test('Range requests: 206 with Content-Range and the exact bytes; 416 when unsatisfiable', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('ranges', 5000);
    const size = bytes.length;
    await upload(api.url, w.org, 'files', 'r/range.bin', bytes, w.cred);
    const p = rawPath(w.org, 'files', 'r/range.bin');

    const cases: [string[], number, number][] = [
      [['--range', '10-19'], 10, 19],
      [['--range', '0-0'], 0, 0],
      [['--header', 'Range: bytes=4990-'], 4990, size - 1],
      [['--header', 'Range: bytes=-7'], size - 7, size - 1],
      [['--header', `Range: bytes=4000-${size + 1000}`], 4000, size - 1],
    ];
    for (const [args, start, end] of cases) {
      for (const form of CRED_FORMS) {
        const r = await curlGet(api.url, p, { form, token: w.token }, args);
        expect(r.status, `${args.join(' ')}: ${shown(r)}`).toBe(206);
        expect(r.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
        expect(r.headers['content-length']).toBe(String(end - start + 1));
        expect(r.body.equals(bytes.subarray(start, end + 1)), `bytes of ${args.join(' ')}`).toBe(true);
      }
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=99999999-']) {
      const r = await curlGet(api.url, p, w.cred, ['--header', `Range: ${range}`]);
      expect(r.status, `${range}: ${shown(r)}`).toBe(416);
      expect(r.headers['content-range']).toBe(`bytes */${size}`);
      expect(r.body.length).toBe(0);
    }
    // curl -C - resumes a partial download with a Range request
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-resume-'));
    try {
      const part = path.join(dir, 'range.bin');
      writeFileSync(part, bytes.subarray(0, 1234));
      const resumed = await runCurl(['-fsS', '-C', '-', '-o', part, '--user', `x:${w.token}`, api.url + p]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readFileSync(part).equals(bytes)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('ETag and If-None-Match: 304 without a body; another tag gets the file', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('cached', 1500);
    await upload(api.url, w.org, 'files', 'c.json', bytes, w.cred);
    const p = rawPath(w.org, 'files', 'c.json');
    const first = await curlGet(api.url, p, w.cred);
    const etag = first.headers['etag']!;
    expect(etag).toBe(`"${sha256(bytes)}"`);
    for (const form of CRED_FORMS) {
      const again = await curlGet(api.url, p, { form, token: w.token }, ['--header', `If-None-Match: ${etag}`]);
      expect(again.status, shown(again)).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['etag']).toBe(etag);
    }
    const head = await curlHead(api.url, p, w.cred, ['--header', `If-None-Match: ${etag}`]);
    expect(head.status, shown(head)).toBe(304);
    const list = await curlGet(api.url, p, w.cred, ['--header', `If-None-Match: "nope", ${etag}`]);
    expect(list.status).toBe(304);
    const other = await curlGet(api.url, p, w.cred, ['--header', `If-None-Match: "${'0'.repeat(64)}"`]);
    expect(other.status).toBe(200);
    expect(other.body.equals(bytes)).toBe(true);
    // conditional requests do not bypass authorization
    expectChallenge(await curlGet(api.url, p, null, ['--header', `If-None-Match: ${etag}`]), 'anonymous conditional GET');
    const uploadOnly = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'files', access: 'upload' }]);
    const refused = await curlGet(api.url, p, { form: 'bearer', token: uploadOnly.secret }, ['--header', `If-None-Match: ${etag}`]);
    expect(refused.status, shown(refused)).toBe(403);
  });

  test('HEAD answers the headers of GET without a body', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('head me', 7777);
    await upload(api.url, w.org, 'files', 'h/head.txt', bytes, w.cred);
    const p = rawPath(w.org, 'files', 'h/head.txt');
    const get = await curlGet(api.url, p, w.cred);
    for (const form of CRED_FORMS) {
      const head = await curlHead(api.url, p, { form, token: w.token });
      expect(head.status, shown(head)).toBe(200);
      for (const h of ['content-length', 'content-type', 'etag', 'last-modified', 'accept-ranges']) {
        expect(head.headers[h], h).toBe(get.headers[h]);
      }
      expect(head.headers['content-length']).toBe(String(bytes.length));
    }
    // and a raw socket proves no body bytes follow the HEAD response
    const rawHead = await rawExchange(api.url, `HEAD ${p} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.token}\r\nConnection: close\r\n\r\n`);
    const [head, ...rest] = rawHead.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(rest.join('\r\n\r\n')).toBe('');
    expect((await curlHead(api.url, rawPath(w.org, 'files', 'h/none.txt'), w.cred)).status).toBe(404);
    // a "directory" is not a file
    expectNativeError(await curlGet(api.url, rawPath(w.org, 'files', 'h'), w.cred), 404);
  });

  test('the raw route serves raw repositories only', async ({ api }) => {
    const w = await world(api);
    for (const format of ['pypi', 'npm', 'conda']) {
      await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: `${format}-repo`, format, visibility: 'private' });
      const put = await curlPut(api.url, rawPath(w.org, `${format}-repo`, 'file.bin'), payload(format), w.cred);
      expect(put.status, shown(put)).toBeGreaterThanOrEqual(400);
      expect(put.status, shown(put)).toBeLessThan(500);
      const get = await curlGet(api.url, rawPath(w.org, `${format}-repo`, 'file.bin'), w.cred);
      expect(get.status, shown(get)).toBeGreaterThanOrEqual(400);
      expect(get.status, shown(get)).toBeLessThan(500);
      expect(await listFiles(api, { cookie: w.owner.cookie }, w.org, `${format}-repo`)).toEqual([]);
    }
  });

  test('artifacts are immutable: a second PUT to the same path is 409 and changes nothing', async ({ api }) => {
    const w = await world(api);
    const original = payload('original', 2222);
    await upload(api.url, w.org, 'files', 'v/1.0.txt', original, w.cred);
    for (const [form, bytes] of [
      ['bearer', payload('replacement', 3333)],
      ['basic', original], // same bytes: still a conflict
      ['path', payload('another', 10)],
    ] as const) {
      const again = await curlPut(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), bytes, { form, token: w.token });
      expectNativeError(again, 409, 'conflict');
    }
    const got = await curlGet(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), w.cred);
    expect(got.body.equals(original)).toBe(true);
    const files = await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: 'v/1.0.txt', size: original.length, sha256: sha256(original) });
    // delete first, then the path is free again
    const del = await api.delete(`/api/v1/orgs/${w.org}/repos/files/files/v/1.0.txt`, { cookie: w.owner.cookie });
    expect(del.status, del.text).toBe(204);
    expectNativeError(await curlGet(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), w.cred), 404);
    const replacement = payload('second life', 500);
    await upload(api.url, w.org, 'files', 'v/1.0.txt', replacement, w.cred);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), w.cred)).body.equals(replacement)).toBe(true);
  });
});

test.describe('names, sizes and concurrency', () => {
  test('percent-encoded and unicode names, empty files and chunked uploads round-trip', async ({ api }) => {
    const w = await world(api);
    const names = ['dir/app 1.0.txt', 'été/naïve.txt', 'a+b=c.txt', '100%.txt', 'semi;colon,comma.bin', "it's (1).zip", '日本語.txt'];
    for (const name of names) {
      const bytes = payload(`name ${name}`, 300);
      await upload(api.url, w.org, 'files', name, bytes, w.cred);
      const got = await curlGet(api.url, rawPath(w.org, 'files', name), w.cred);
      expect(got.status, shown(got)).toBe(200);
      expect(got.body.equals(bytes), name).toBe(true);
    }
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files')).map((f) => f.path).sort()).toEqual([...names].sort());

    // an empty file
    const empty = await curlPut(api.url, rawPath(w.org, 'files', 'empty.txt'), Buffer.alloc(0), w.cred);
    expect(empty.status, shown(empty)).toBe(201);
    expect(empty.json).toEqual({ path: 'empty.txt', size: 0, sha256: sha256(Buffer.alloc(0)) });
    const gotEmpty = await curlGet(api.url, rawPath(w.org, 'files', 'empty.txt'), w.cred);
    expect(gotEmpty.status).toBe(200);
    expect(gotEmpty.headers['content-length']).toBe('0');
    expect(gotEmpty.body.length).toBe(0);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'empty.txt'), w.cred, ['--range', '0-0'])).status).toBe(416);

    // chunked transfer encoding, no Content-Length (what streaming clients send)
    const chunked = payload('chunked upload', 300_000);
    const put = await curlPut(api.url, rawPath(w.org, 'files', 'chunked.bin'), chunked, w.cred, ['--header', 'Transfer-Encoding: chunked']);
    expect(put.status, shown(put)).toBe(201);
    expect(put.json).toEqual({ path: 'chunked.bin', size: chunked.length, sha256: sha256(chunked) });
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'chunked.bin'), w.cred)).body.equals(chunked)).toBe(true);
  });

  test('parallel uploads: distinct paths all succeed; the same path succeeds exactly once', async ({ api }) => {
    const w = await world(api);
    const distinct = Array.from({ length: 8 }, (_, i) => ({ name: `par/${i}.bin`, bytes: payload(`parallel ${i}`, 50_000 + i) }));
    const results = await Promise.all(distinct.map((f, i) => curlPut(api.url, rawPath(w.org, 'files', f.name), f.bytes, { form: CRED_FORMS[i % 3]!, token: w.token })));
    for (const r of results) expect(r.status, shown(r)).toBe(201);
    for (const f of distinct) {
      expect((await curlGet(api.url, rawPath(w.org, 'files', f.name), w.cred)).body.equals(f.bytes)).toBe(true);
    }

    const contenders = Array.from({ length: 6 }, (_, i) => payload(`contender ${i}`, 80_000));
    const race = await Promise.all(contenders.map((bytes) => curlPut(api.url, rawPath(w.org, 'files', 'race.bin'), bytes, w.cred)));
    const statuses = race.map((r) => r.status).sort();
    expect(statuses, race.map(shown).join('\n')).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = race.findIndex((r) => r.status === 201);
    const got = await curlGet(api.url, rawPath(w.org, 'files', 'race.bin'), w.cred);
    expect(got.body.equals(contenders[winner]!)).toBe(true);
    const listed = (await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files')).filter((f) => f.path === 'race.bin');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.sha256).toBe(sha256(contenders[winner]!));

    // parallel downloads of one file all get the same bytes
    const downloads = await Promise.all(Array.from({ length: 8 }, (_, i) => curlGet(api.url, rawPath(w.org, 'files', 'par/0.bin'), { form: CRED_FORMS[i % 3]!, token: w.token })));
    for (const d of downloads) expect(d.body.equals(distinct[0]!.bytes)).toBe(true);
  });

  test('identical bytes in two repositories: deleting one copy leaves the other', async ({ api }) => {
    const w = await world(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'twin', format: 'raw', visibility: 'private' });
    const bytes = payload('shared content', 20_000);
    await upload(api.url, w.org, 'files', 'same.bin', bytes, w.cred);
    await upload(api.url, w.org, 'twin', 'same.bin', bytes, w.cred);
    await upload(api.url, w.org, 'files', 'same-again.bin', bytes, w.cred);
    expect((await api.delete(`/api/v1/orgs/${w.org}/repos/files/files/same.bin`, { cookie: w.owner.cookie })).status).toBe(204);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'same-again.bin'), w.cred)).body.equals(bytes)).toBe(true);
    expect((await api.delete(`/api/v1/orgs/${w.org}/repos/files`, { cookie: w.owner.cookie })).status).toBe(204);
    const twin = await curlGet(api.url, rawPath(w.org, 'twin', 'same.bin'), w.cred);
    expect(twin.status, shown(twin)).toBe(200);
    expect(twin.body.equals(bytes)).toBe(true);
  });
});

/** Sends bytes on a raw TCP connection and returns everything the server answers. */
function rawExchange(baseUrl: string, request: string | Buffer): Promise<string> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = net.connect(Number(u.port), u.hostname, () => sock.write(request));
    sock.setTimeout(15_000, () => sock.destroy(new Error('raw exchange timed out')));
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    sock.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    sock.on('error', reject);
  });
}

test.describe('path traversal', () => {
  test('every traversal attempt is refused with 400 and never returns file bytes', async ({ api }) => {
    const w = await world(api);
    const SECRET = `VAULT-SECRET-${uid()}`;
    const NESTED = `NESTED-SECRET-${uid()}`;
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'vault', format: 'raw', visibility: 'private' });
    await upload(api.url, w.org, 'vault', 'secret.txt', payload(SECRET), w.cred);
    await upload(api.url, w.org, 'vault', 'sub/secret.txt', payload(NESTED), w.cred);
    await upload(api.url, w.org, 'pub', 'a/inner.txt', payload('inner'), w.cred);
    const o = w.org;
    const long = (n: number, c = 'a') => c.repeat(n);

    const attempts = [
      `/raw/${o}/pub/../vault/secret.txt`,
      `/raw/${o}/pub/a/../../vault/secret.txt`,
      `/raw/${o}/vault/../../../../etc/passwd`,
      `/raw/${o}/vault/sub/../secret.txt`,
      `/raw/${o}/vault/./secret.txt`,
      `/raw/${o}/vault/%2e%2e/vault/secret.txt`,
      `/raw/${o}/pub/%2E%2E/%2e%2e/${o}/vault/secret.txt`,
      `/raw/${o}/pub/.%2e/vault/secret.txt`,
      `/raw/${o}/pub/%2e/a/inner.txt`,
      `/raw/${o}/vault/sub%2fsecret.txt`,
      `/raw/${o}/vault/sub%2Fsecret.txt`,
      `/raw/${o}/pub/..%2f..%2f${o}%2fvault%2fsecret.txt`,
      `/raw/${o}/pub/%2e%2e%2fvault%2fsecret.txt`,
      `/raw/${o}/vault/sub%5csecret.txt`,
      `/raw/${o}/pub/..%5c..%5cvault%5csecret.txt`,
      `/raw/${o}/vault/secret.txt%00`,
      `/raw/${o}/vault/secret.txt%00.png`,
      `/raw/${o}/vault/%00/secret.txt`,
      `/raw/${o}/vault/secret%0a.txt`,
      `/raw/${o}/vault/secret.txt%0d%0aX-Injected:%20yes`,
      `/raw/${o}/vault/%09secret.txt`,
      `/raw/${o}/vault/secret%1f.txt`,
      `/raw/${o}/vault/secret%7f.txt`,
      `/raw/%2e%2e/${o}/vault/secret.txt`,
      `/raw/${o}/%2e%2e/vault/secret.txt`,
      `/raw/${o}/../${o}/vault/secret.txt`,
      `/raw/../raw/${o}/vault/secret.txt`,
      `/raw/${o}/vault/${long(256)}`,
      `/raw/${o}/vault/${'%C3%A9'.repeat(128)}`, // 128 characters, 256 bytes
      `/raw/${o}/vault/${Array.from({ length: 5 }, () => long(250, 'b')).join('/')}`, // 1254 characters
      `/raw/${o}/vault/${Array.from({ length: 12 }, () => long(100, 'c')).join('/')}`, // 1211 characters
      `/raw/${o}/vault/%E0%A4%A`, // not valid percent-encoding
    ];
    const leaks = (body: Buffer) => body.includes(Buffer.from(SECRET)) || body.includes(Buffer.from(NESTED)) || body.includes(Buffer.from('root:'));

    for (const attempt of attempts) {
      for (const [label, prefix, cred] of [
        ['bearer', '', w.cred],
        ['path token', `/t/${w.token}`, null],
        ['anonymous', '', null],
      ] as const) {
        const get = await curl(api.url, prefix + attempt, { cred, args: ['--path-as-is'] });
        expect(get.status, `${label} GET ${attempt}: ${shown(get)}`).toBe(400);
        expect(leaks(get.body), `${label} GET ${attempt} leaked file bytes`).toBe(false);
        expectNativeError(get, 400);
        expect(get.headers['etag'], `${label} GET ${attempt} served a file`).toBeUndefined();
      }
      const put = await curl(api.url, attempt, { cred: w.cred, args: ['--path-as-is'], method: 'PUT', upload: payload(`EVIL-${uid()}`) });
      expect(put.status, `PUT ${attempt}: ${shown(put)}`).toBe(400);
      const head = await curl(api.url, attempt, { cred: w.cred, args: ['--path-as-is'], method: 'HEAD' });
      expect(head.status, `HEAD ${attempt}`).toBe(400);
    }

    // A literal control character in the request line never reaches a file either.
    for (const ch of ['\x01', '\x7f', '\t']) {
      const answer = await rawExchange(
        api.url,
        Buffer.from(`GET /raw/${o}/vault/secret${ch}.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.token}\r\nConnection: close\r\n\r\n`, 'latin1'),
      );
      expect(answer, `literal ${JSON.stringify(ch)}`).toMatch(/^HTTP\/1\.[01] 400 /);
      expect(answer).not.toContain(SECRET);
    }

    // Boundaries that are allowed: a 255-byte segment is a valid name.
    const name255 = long(255, 'z');
    await upload(api.url, w.org, 'vault', name255, payload('long name'), w.cred);
    expect((await curlGet(api.url, rawPath(w.org, 'vault', name255), w.cred)).status).toBe(200);

    // Nothing was written by the refused PUTs.
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'vault')).map((f) => f.path).sort()).toEqual([name255, 'secret.txt', 'sub/secret.txt'].sort());
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'pub')).map((f) => f.path)).toEqual(['a/inner.txt']);
    // and the legitimate paths still work
    const ok = await curlGet(api.url, rawPath(w.org, 'vault', 'sub/secret.txt'), w.cred);
    expect(ok.status).toBe(200);
    expect(ok.body.includes(Buffer.from(NESTED))).toBe(true);
  });
});

test.describe('interrupted uploads', () => {
  test('a PUT cut off halfway leaves no file and no temporary file, also across a restart', async () => {
    test.setTimeout(300_000);
    const store = await persistentStore();
    let first: Awaited<ReturnType<typeof store.start>> | undefined;
    let second: Awaited<ReturnType<typeof store.start>> | undefined;
    try {
      first = await store.start();
      const api = createApi(first.url);
      const owner = await signup(api);
      const org = owner.org.slug;
      await createRepo(api, { cookie: owner.cookie }, org, { name: 'files', format: 'raw', visibility: 'private' });
      const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
      const cred: Cred = { form: 'bearer', token: secret };
      const good = payload('survives the restart', 100_000);
      await upload(first.url, org, 'files', 'good.bin', good, cred);
      expect(tmpUploads(store.dataDir)).toEqual([]);

      // 1. The client goes away after ~1 MB of an announced 8 MB.
      const cut = await startPartialPut(first.url, rawPath(org, 'files', 'cut.bin'), secret, { declared: 8 * 1024 * 1024, sent: 1024 * 1024 });
      expect(await poll(async () => tmpUploads(store.dataDir).length > 0, 10_000), 'the upload streams into blobs/tmp').toBe(true);
      cut.abort();
      const answered = await cut.response;
      expect(answered === 'no response' || answered >= 400, `a cut upload is not a success (${answered})`).toBe(true);
      // cleaned on failure
      const cleaned = await poll(async () => tmpUploads(store.dataDir).length === 0, 15_000);
      expect(cleaned, `blobs/tmp after the aborted upload: ${tmpUploads(store.dataDir).join(', ')}`).toBe(true);
      expect((await listFiles(api, { cookie: owner.cookie }, org, 'files')).map((f) => f.path)).toEqual(['good.bin']);
      expectNativeError(await curlGet(first.url, rawPath(org, 'files', 'cut.bin'), cred), 404);

      // 2. The server goes away in the middle of an upload (the client keeps the socket open).
      const hanging = await startPartialPut(first.url, rawPath(org, 'files', 'hanging.bin'), secret, { declared: 8 * 1024 * 1024, sent: 1024 * 1024 });
      expect(await poll(async () => tmpUploads(store.dataDir).length > 0, 10_000), 'the second upload streams into blobs/tmp').toBe(true);
      await first.stop();
      first = undefined;
      hanging.abort();
      const leftovers = tmpUploads(store.dataDir);
      test.info().annotations.push({ type: 'leftovers after the stop', description: leftovers.join(', ') || '(none)' });

      // Started again on the same DATA_DIR (and database): blobs/tmp is empty, the data is intact.
      second = await store.start();
      expect(tmpUploads(store.dataDir), 'blobs/tmp right after the restart').toEqual([]);
      const api2 = createApi(second.url);
      const cookie = await signIn(api2, owner.email, owner.password);
      expect((await listFiles(api2, { cookie }, org, 'files')).map((f) => f.path)).toEqual(['good.bin']);
      const got = await curlGet(second.url, rawPath(org, 'files', 'good.bin'), cred);
      expect(got.status, shown(got)).toBe(200);
      expect(got.body.equals(good)).toBe(true);
      expectNativeError(await curlGet(second.url, rawPath(org, 'files', 'hanging.bin'), cred), 404);
      // the paths that died are free: uploading them now works
      await upload(second.url, org, 'files', 'hanging.bin', payload('complete now'), cred);
      expect(errorCode(await curlPut(second.url, rawPath(org, 'files', 'hanging.bin'), payload('again'), cred))).toBe('conflict');
      expect(tmpUploads(store.dataDir)).toEqual([]);
      expectErrorShape(await api2.get(`/api/v1/orgs/${org}/repos/nope`, { cookie }));
    } finally {
      await first?.stop();
      await second?.stop();
      await store.dispose();
    }
  });
});
