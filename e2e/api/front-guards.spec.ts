/**
 * What the production front guards for every request (security review L6, L7, I1, I7): the
 * console's security headers (CSP with frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy,
 * HSTS behind https), DATA_DIR readable by the server's user only, the CSRF Origin check on full
 * origins with X-Forwarded-Host believed only from TRUST_PROXY, one NFC name per raw file, and a
 * DOWNLOAD_URL host that serves package routes only.
 */
import { statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { startServer } from '../support/server';
import { expectErrorShape, rawRequest, signup, uniqueSlug } from './helpers';
import { curlGet, rawPath, upload } from './pat-helpers';
import { world } from './raw-helpers';

const mode = (p: string) => statSync(p).mode & 0o777;

test.describe('console security headers', () => {
  test('every console page and API answer is unframeable, unsniffed and keeps its URL to itself', async ({ api }) => {
    for (const p of ['/signin', '/signup', '/invite/tgi_notarealsecret', '/', '/api/v1/health', '/api/v1/user', '/api/v1/nothing-here', '/api/auth/session']) {
      const res = await rawRequest(api.url, 'GET', p, { headers: { accept: 'text/html' } });
      const what = `${p}: ${res.status}`;
      expect(res.status, what).toBeLessThan(500);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options'), what).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
      expect(res.headers.get('strict-transport-security'), `${what}: no HSTS over plain http`).toBeNull();
    }
  });
});

test.describe('DATA_DIR is private to the server user', () => {
  test('the directory, database, secrets and blobs are 0700 / 0600', async ({ api, server }) => {
    const w = await world(api);
    await upload(api.url, w.org, 'files', 'private.bin', Buffer.from('private bytes'), w.cred);
    expect(mode(server.dataDir).toString(8)).toBe('700');
    expect(mode(path.join(server.dataDir, 'secrets.json')).toString(8)).toBe('600');
    if (!server.databaseUrl) {
      for (const f of readdirSync(server.dataDir).filter((f) => f.startsWith('tollgate.db'))) {
        expect(mode(path.join(server.dataDir, f)).toString(8), f).toBe('600');
      }
    }
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [path.join(dir, e.name), ...walk(path.join(dir, e.name))] : [path.join(dir, e.name)]));
    const blobs = walk(path.join(server.dataDir, 'blobs'));
    expect(blobs.length).toBeGreaterThan(1);
    for (const p of blobs) expect(mode(p).toString(8), p).toBe(statSync(p).isDirectory() ? '700' : '600');
  });
});

test.describe('CSRF: the Origin of a cookie-authenticated write', () => {
  const createOrg = (url: string, cookie: string, headers: Record<string, string>) =>
    rawRequest(url, 'POST', '/api/v1/orgs', {
      headers: { 'content-type': 'application/json', cookie, ...headers },
      body: JSON.stringify({ name: 'Origin check', slug: uniqueSlug('origin') }),
    });

  test('must be our own full origin; a client cannot vouch for itself with X-Forwarded-Host', async ({ api }) => {
    const owner = await signup(api);
    const u = new URL(api.url);
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
      { origin: `https://${u.host}` }, // same host, other scheme
      { origin: `http://${u.hostname}:1` }, // same host, other port
      { origin: 'null' },
    ];
    for (const h of refused) {
      const res = await createOrg(api.url, owner.cookie, h);
      expect(res.status, `${JSON.stringify(h)}: ${res.text.slice(0, 200)}`).toBe(403);
      expectErrorShape(res);
    }
    const ok = await createOrg(api.url, owner.cookie, { origin: api.url });
    expect(ok.status, ok.text.slice(0, 200)).toBe(201);
  });

  test('behind a trusted proxy, its X-Forwarded-Host/-Proto name the origin (and HSTS is sent over https)', async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://console.example' } });
    try {
      const signupRes = await rawRequest(proxied.url, 'POST', '/api/v1/signup', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${uniqueSlug('p')}@example.test`, name: 'P', password: 'correct horse battery staple', orgName: 'P', orgSlug: uniqueSlug('p') }),
      });
      expect(signupRes.status, signupRes.text).toBe(201);
      const setCookie = signupRes.rawHeaders['set-cookie'] ?? [];
      const cookie = setCookie.map((c) => c.split(';', 1)[0]).join('; ');
      const viaProxy = await createOrg(proxied.url, cookie, { origin: 'https://tollgate.internal', 'x-forwarded-host': 'tollgate.internal', 'x-forwarded-proto': 'https' });
      expect(viaProxy.status, viaProxy.text.slice(0, 200)).toBe(201);
      const publicOrigin = await createOrg(proxied.url, cookie, { origin: 'https://console.example' });
      expect(publicOrigin.status, publicOrigin.text.slice(0, 200)).toBe(201);
      const forged = await createOrg(proxied.url, cookie, { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
      expect(forged.status).toBe(403);
      const page = await rawRequest(proxied.url, 'GET', '/signin', { headers: { accept: 'text/html' } });
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await proxied.stop();
    }
  });
});

test.describe('raw file names', () => {
  test('look-alike names in NFC and NFD are one file', async ({ api }) => {
    const w = await world(api);
    const nfc = 'caf\u00e9.txt';
    const nfd = 'cafe\u0301.txt';
    const first = await fetch(`${api.url}${rawPath(w.org, 'files', nfd)}`, { method: 'PUT', headers: { authorization: `Bearer ${w.token}` }, body: 'first' });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { path: string }).path, 'stored under its NFC name').toBe(nfc);
    for (const name of [nfc, nfd]) {
      const r = await curlGet(api.url, rawPath(w.org, 'files', name), w.cred);
      expect(r.status, name).toBe(200);
      expect(r.body.toString()).toBe('first');
    }
    const again = await fetch(`${api.url}${rawPath(w.org, 'files', nfc)}`, { method: 'PUT', headers: { authorization: `Bearer ${w.token}` }, body: 'second' });
    expect(again.status, 'the NFC spelling names the stored file').toBe(409);
    const files = await api.get<{ items: { path: string }[] }>(`/api/v1/orgs/${w.org}/repos/files/files`, { token: w.token });
    expect(files.json.items.map((f) => f.path)).toEqual([nfc]);
  });
});

test.describe('a download origin of its own (DOWNLOAD_URL)', () => {
  test('serves package routes only, and the console prints its URLs', async () => {
    const s = await startServer({ env: { DOWNLOAD_URL: 'http://dl.example' } });
    try {
      const signupRes = await rawRequest(s.url, 'POST', '/api/v1/signup', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${uniqueSlug('d')}@example.test`, name: 'D', password: 'correct horse battery staple', orgName: 'D', orgSlug: uniqueSlug('d') }),
      });
      expect(signupRes.status).toBe(201);
      const org = (signupRes.json as { org: { slug: string } }).org.slug;
      const cookie = (signupRes.rawHeaders['set-cookie'] ?? []).map((c) => c.split(';', 1)[0]).join('; ');
      const repo = await rawRequest(s.url, 'POST', `/api/v1/orgs/${org}/repos`, {
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: 'pub', format: 'raw', visibility: 'public' }),
      });
      expect(repo.status, repo.text).toBe(201);
      expect((repo.json as { urls: { raw: string } }).urls.raw).toBe(`http://dl.example/raw/${org}/pub/`);
      for (const p of ['/signin', '/api/v1/health', '/api/v1/user']) {
        const r = await rawRequest(s.url, 'GET', p, { headers: { host: 'dl.example' } });
        expect(r.status, `${p} on the download host`).toBe(404);
      }
      const native = await rawRequest(s.url, 'GET', `/raw/${org}/pub/missing.txt`, { headers: { host: 'dl.example' } });
      expect(native.status).toBe(404);
      expect((native.json as { error: { code: string } }).error.code).toBe('not_found');
      expect(native.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      const consoleHost = await rawRequest(s.url, 'GET', '/api/v1/health');
      expect(consoleHost.status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});
