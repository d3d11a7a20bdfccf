/**
 * Signed URLs (docs/http.md "Signed URLs"): minting with a session or a PAT, default and custom
 * expiry up to 30 days, downloads with no other credential through the real curl binary (Range,
 * HEAD, ETag), refusals (tampered signature or expiry, another path, expired, after rotation),
 * who may mint and rotate, and the download log naming the minting user.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { pypiDists } from '../support/python-dists';
import { detailPaths, expectError, signup } from './helpers';
import { createRepo, listFiles, poll, resourceToken, scopeToken } from './pat-helpers';
import {
  curlUrl,
  expectRefused,
  mint,
  mintPath,
  rotate,
  rotatePath,
  roleMembers,
  signedWorld,
  tamperSignature,
  withParam,
} from './signed-helpers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

test.describe('minting', () => {
  test('with a session: a URL on PUBLIC_URL with expires and signature, 1 hour by default, that curl downloads with no credential', async ({ api }) => {
    const w = await signedWorld(api);
    const before = Date.now();
    const s = await mint(api, { cookie: w.owner.cookie }, w, w.file);
    expect(s.url.startsWith(`${api.url}/raw/${w.org}/${w.repo}/${w.file}?`), s.url).toBe(true);
    const u = new URL(s.url);
    expect([...u.searchParams.keys()].sort()).toEqual(['expires', 'signature']);
    expect(Number(u.searchParams.get('expires')) * 1000).toBe(Date.parse(s.expiresAt));
    expect(Date.parse(s.expiresAt)).toBeGreaterThanOrEqual(before + HOUR - 1000);
    expect(Date.parse(s.expiresAt)).toBeLessThanOrEqual(Date.now() + HOUR + 1000);
    expect(s.path).toBe(w.file);

    const got = await curlUrl(s.url);
    expect(got.status, got.command).toBe(200);
    expect(got.body.equals(w.bytes)).toBe(true);
    expect(got.headers['x-content-type-options']).toBe('nosniff');

    const head = await curlUrl(s.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(w.bytes.length);
    const etag = head.headers.etag!;
    expect(etag).toBeTruthy();

    const ranged = await curlUrl(s.url, { args: ['-r', '10-99'] });
    expect(ranged.status).toBe(206);
    expect(ranged.body.equals(w.bytes.subarray(10, 100))).toBe(true);

    const cached = await curlUrl(s.url, { args: ['-H', `If-None-Match: ${etag}`] });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
  });

  test('with a PAT (resource token with read): custom expiries up to 30 days', async ({ api }) => {
    const w = await signedWorld(api);
    const { secret } = await resourceToken(api, w.owner.cookie, w.org, [{ repo: w.repo, access: 'read' }]);
    for (const [expiresIn, ms] of [['2h', 2 * HOUR], ['7d', 7 * DAY], ['30d', 30 * DAY], ['720h', 30 * DAY]] as const) {
      const s = await mint(api, { token: secret }, w, w.file, expiresIn);
      const left = Date.parse(s.expiresAt) - Date.now();
      expect(left, expiresIn).toBeGreaterThan(ms - 60_000);
      expect(left, expiresIn).toBeLessThanOrEqual(ms + 1000);
      const got = await curlUrl(s.url);
      expect(got.status, `${expiresIn}: ${got.command}`).toBe(200);
      expect(got.body.equals(w.bytes)).toBe(true);
    }
    // A scope token with artifact:download mints too.
    const scoped = await scopeToken(api, w.owner.cookie, w.org, ['artifact:download'], [w.repo]);
    expect((await api.post(mintPath(w.org, w.repo), { path: w.file }, { token: scoped.secret })).status).toBe(201);
  });

  test('bad input is a 400 with one detail per field and mints nothing; a missing file is a 404', async ({ api }) => {
    const w = await signedWorld(api);
    const auth = { cookie: w.owner.cookie };
    for (const expiresIn of ['31d', '721h', '5w', 'never', 'soon', '0s', '-1h', '']) {
      const res = await api.post(mintPath(w.org, w.repo), { path: w.file, expiresIn }, auth);
      expectError(res, 400, 'invalid_request', `expiresIn ${expiresIn}`);
      expect(detailPaths(res), expiresIn).toEqual(['expiresIn']);
    }
    const both = await api.post(mintPath(w.org, w.repo), { expiresIn: '31d' }, auth);
    expectError(both, 400, 'invalid_request');
    expect(detailPaths(both).sort()).toEqual(['expiresIn', 'path']);
    expectError(await api.post(mintPath(w.org, w.repo), { path: 'no-such-file.tgz' }, auth), 404, 'not_found');
    expectError(await api.post(mintPath(w.org, 'no-such-repo'), { path: w.file }, auth), 404, 'not_found');
    const audit = await api.get<{ items: { action: string }[] }>(`/api/v1/orgs/${w.org}/audit?action=signed_url`, auth);
    expect(audit.json.items).toEqual([]);
  });
});

test('a package format: the URL of a PyPI file is its download URL under /files/, and it downloads', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'py', format: 'pypi', visibility: 'private' });
  const { wheel } = await pypiDists(mkdtempSync(path.join(os.tmpdir(), 'tg-signed-py-')), 'share-me', '1.0');
  const bytes = readFileSync(wheel);
  const put = await fetch(`${api.url}/api/v1/orgs/${org}/repos/py/files/${path.basename(wheel)}`, {
    method: 'PUT',
    headers: { cookie: owner.cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(put.status, await put.text()).toBe(201);
  const [file] = await listFiles(api, { cookie: owner.cookie }, org, 'py');
  const s = await mint(api, { cookie: owner.cookie }, { org, repo: 'py' }, file!.path);
  expect(s.url.startsWith(`${api.url}/pypi/${org}/py/files/${file!.path}?`), s.url).toBe(true);
  const got = await curlUrl(s.url);
  expect(got.status, got.command).toBe(200);
  expect(got.body.equals(bytes)).toBe(true);
});

test.describe('refusals', () => {
  test('a tampered signature, a tampered expiry, another path or another repository: 401 and no bytes', async ({ api }) => {
    const w = await signedWorld(api);
    const s = await mint(api, { cookie: w.owner.cookie }, w, w.file);
    expect((await curlUrl(s.url)).status).toBe(200);

    expectRefused(await curlUrl(tamperSignature(s.url)), w.bytes, 'tampered signature');
    const expires = Number(new URL(s.url).searchParams.get('expires'));
    expectRefused(await curlUrl(withParam(s.url, 'expires', String(expires + 3600))), w.bytes, 'later expiry');
    expectRefused(await curlUrl(withParam(s.url, 'expires', String(expires - 1))), w.bytes, 'earlier expiry');
    expectRefused(await curlUrl(withParam(s.url, 'signature', '')), w.bytes, 'empty signature');
    const noExpiry = new URL(s.url);
    noExpiry.searchParams.delete('expires');
    expectRefused(await curlUrl(noExpiry.toString()), w.bytes, 'no expires');

    // The signature of one file on another.
    const other = new URL(s.url);
    other.pathname = `/raw/${w.org}/${w.repo}/${w.other}`;
    expectRefused(await curlUrl(other.toString()), w.otherBytes, 'another path');
    // …on a namesake in another repository of the same org.
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'dist2', format: 'raw', visibility: 'private' });
    other.pathname = `/raw/${w.org}/dist2/${w.file}`;
    expectRefused(await curlUrl(other.toString()), w.bytes, 'another repository');
    // An upload with a download's signature.
    const put = await curlUrl(s.url, { method: 'PUT', args: ['--data-binary', 'x'] });
    expect(put.status).toBe(401);
    // With a token besides: one credential only.
    const both = await curlUrl(s.url, { args: ['-H', 'Authorization: Bearer tgp_x'] });
    expect(both.status).toBe(401);
    expect((await curlUrl(s.url)).status, 'the original still works').toBe(200);
  });

  test('a URL stops working once its expiry passes', async ({ api }) => {
    const w = await signedWorld(api);
    const s = await mint(api, { cookie: w.owner.cookie }, w, w.file, '3s');
    const first = await curlUrl(s.url);
    // It may already be over on a loaded machine; if it works, it works fully.
    if (first.status === 200) expect(first.body.equals(w.bytes)).toBe(true);
    const refused = await poll(async () => {
      const r = await curlUrl(s.url);
      if (r.status === 200) expect(Date.now()).toBeLessThan(Date.parse(s.expiresAt) + 1500);
      return r.status === 401 ? r : null;
    }, 20_000, 300);
    expect(refused, 'refused after its expiry').toBeTruthy();
    expectRefused(refused!, w.bytes, 'expired');
    expect((refused!.json as { error: { message: string } }).error.message).toMatch(/expired/);
  });
});

test.describe('rotation', () => {
  test('rotating refuses every earlier URL at once and accepts new ones (curl before and after)', async ({ api }) => {
    const w = await signedWorld(api);
    const a = await mint(api, { cookie: w.owner.cookie }, w, w.file, '7d');
    const b = await mint(api, { cookie: w.owner.cookie }, w, w.other, '1h');
    expect(a.keyVersion).toBe(1);
    expect((await curlUrl(a.url)).status).toBe(200);
    expect((await curlUrl(b.url)).status).toBe(200);

    expect(await rotate(api, w.owner.cookie, w.org)).toBe(2);
    const oldA = await curlUrl(a.url);
    expectRefused(oldA, w.bytes, 'signed before the rotation');
    expect((oldA.json as { error: { message: string } }).error.message).toMatch(/rotated/);
    expectRefused(await curlUrl(b.url), w.otherBytes, 'the other, signed before the rotation');

    const fresh = await mint(api, { cookie: w.owner.cookie }, w, w.file);
    expect(fresh.keyVersion).toBe(2);
    const got = await curlUrl(fresh.url);
    expect(got.status).toBe(200);
    expect(got.body.equals(w.bytes)).toBe(true);

    expect(await rotate(api, w.owner.cookie, w.org)).toBe(3);
    expectRefused(await curlUrl(fresh.url), w.bytes, 'after the second rotation');
    const key = await api.get<{ version: number }>(`/api/v1/orgs/${w.org}/signing-key`, { cookie: w.owner.cookie });
    expect(key.json.version).toBe(3);
    expect(key.text).not.toMatch(/ciphertext|secret/);
  });
});

test.describe('permissions', () => {
  test('readers, admins and owners mint; an uploader-only member gets 403, a plain member 404, anonymous 401', async ({ api }) => {
    const w = await signedWorld(api);
    const m = await roleMembers(api, w);
    for (const who of [m.reader, m.admin]) {
      const s = await mint(api, { cookie: who.cookie }, w, w.file);
      expect((await curlUrl(s.url)).status).toBe(200);
    }
    expectError(await api.post(mintPath(w.org, w.repo), { path: w.file }, { cookie: m.uploader.cookie }), 403, 'forbidden', 'uploader');
    expectError(await api.post(mintPath(w.org, w.repo), { path: w.file }, { cookie: m.plain.cookie }), 404, 'not_found', 'plain member');
    expectError(await api.post(mintPath(w.org, w.repo), { path: w.file }), 401, 'unauthenticated', 'anonymous');
    // An upload-only token of the owner cannot mint either.
    const up = await resourceToken(api, w.owner.cookie, w.org, [{ repo: w.repo, access: 'upload' }]);
    expectError(await api.post(mintPath(w.org, w.repo), { path: w.file }, { token: up.secret }), 403, 'insufficient_scope', 'upload token');
    // Another org's owner sees nothing.
    const stranger = await signup(api);
    expectError(await api.post(mintPath(w.org, w.repo), { path: w.file }, { cookie: stranger.cookie }), 404, 'not_found', 'stranger');
  });

  test('only owners and admins rotate: a member gets 403, a reader token 403, anonymous 401', async ({ api }) => {
    const w = await signedWorld(api);
    const m = await roleMembers(api, w);
    const s = await mint(api, { cookie: m.reader.cookie }, w, w.file);
    expectError(await api.post(rotatePath(w.org), undefined, { cookie: m.reader.cookie }), 403, 'forbidden', 'member');
    expectError(await api.post(rotatePath(w.org), undefined, { cookie: m.plain.cookie }), 403, 'forbidden', 'plain member');
    expectError(await api.post(rotatePath(w.org)), 401, 'unauthenticated', 'anonymous');
    const reader = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expectError(await api.post(rotatePath(w.org), undefined, { token: reader.secret }), 403, 'insufficient_scope', 'resource token');
    expect((await curlUrl(s.url)).status, 'nothing rotated').toBe(200);
    expect(await rotate(api, m.admin.cookie, w.org)).toBe(2);
    expect((await curlUrl(s.url)).status).toBe(401);
  });

  test('a member removed from the org: the links they minted stop working', async ({ api }) => {
    const w = await signedWorld(api);
    const m = await roleMembers(api, w);
    const s = await mint(api, { cookie: m.reader.cookie }, w, w.file);
    expect((await curlUrl(s.url)).status).toBe(200);
    expect((await api.delete(`/api/v1/orgs/${w.org}/members/${m.reader.user.id}`, { cookie: w.owner.cookie })).status).toBe(204);
    expectRefused(await curlUrl(s.url), w.bytes, 'minter removed');
  });
});

test('a download through a signed URL is in the download log as "signed URL" with the minting user', async ({ api }) => {
  const w = await signedWorld(api);
  const m = await roleMembers(api, w);
  const s = await mint(api, { cookie: m.reader.cookie }, w, w.file);
  expect((await curlUrl(s.url, { args: ['-A', 'signed-e2e/1.0'] })).status).toBe(200);
  type Download = { path: string; bytes: number; credential: { type: string; label: string | null; user: string | null }; userAgent: string };
  const items = await poll(async () => {
    const res = await api.get<{ items: Download[] }>(`/api/v1/orgs/${w.org}/repos/${w.repo}/downloads`, { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    return res.json.items.find((d) => d.userAgent === 'signed-e2e/1.0') ?? null;
  });
  expect(items, 'recorded').toBeTruthy();
  expect(items).toMatchObject({ path: w.file, bytes: w.bytes.length, credential: { type: 'signed_url', label: 'signed URL', user: m.reader.email } });
});
