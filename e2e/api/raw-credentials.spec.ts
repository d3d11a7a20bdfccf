/**
 * The raw native route, credentials and status rules (docs/http.md "Package-tool routes", docs/permissions.md
 * "Native tool routes"), driven by the real `curl` binary against a real server: every credential
 * form, invalid, revoked, expired and deleted tokens, and the status rules (401 with the Basic
 * challenge, public repositories, 404, 403 insufficient_scope).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { addMember, signIn, signup, uid } from './helpers';
import {
  CRED_FORMS,
  createRepo,
  createToken,
  curlGet,
  curlHead,
  curlPut,
  expectChallenge,
  listFiles,
  payload,
  rawPath,
  resourceToken,
  runCurl,
  sha256,
  shown,
  sleep,
  tamper,
  upload,
} from './pat-helpers';
import { expectNativeError, world } from './raw-helpers';

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
