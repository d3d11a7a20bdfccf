/**
 * Entitlement tokens on the native routes, against a real server and real sockets: every
 * credential form (/t/<token>/, /t/tge-…/, Basic, Bearer), read-only (an upload is 403
 * insufficient_scope), each 403 reason code and their order, download, byte and client limits
 * (clients from 127.0.0.2/.3/.4 with `localAddress`), CIDR lists for IPv4 and IPv6 (::1), forged
 * forwarding headers ignored, path patterns, a repository switched to private closing at once,
 * and index pages (PyPI simple, npm packument, conda repodata) filtered by the patterns and not
 * counted.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { pypiDists } from '../support/python-dists';
import { sql } from './helpers';
import { createEnt, entWorld, expectReason, getEnt, native, npmPackage, npmPublish, npmShown, patchEnt, rawFile, type Counters } from './entitlements-helpers';
import { createRepo, payload } from './pat-helpers';

const FILE = 'app-1.0.tar.gz';
const hour = 3_600_000;

test.describe('entitlement enforcement', () => {
  test('every credential form downloads; uploads are 403 insufficient_scope; other repositories are 404', async ({ api }) => {
    const w = await entWorld(api);
    const { secret } = await createEnt(api, w.owner.cookie, w.org, {});
    for (const form of ['path', 'path-dash', 'basic', 'bearer'] as const) {
      const r = await native(w.base, rawFile(w.org, FILE), secret, { form });
      expect(r.status, `${form}: ${r.text}`).toBe(200);
      expect(r.body.equals(w.files[FILE]!)).toBe(true);
      const head = await native(w.base, rawFile(w.org, FILE), secret, { form, method: 'HEAD' });
      expect(head.status, form).toBe(200);
      const up = await native(w.base, rawFile(w.org, `new-${form}.bin`), secret, { form, method: 'PUT', body: payload('x', 10) });
      expect(up.status, `${form} upload: ${up.text}`).toBe(403);
      expect(up.code).toBe('insufficient_scope');
    }
    expect((await native(w.base, rawFile(w.org, 'secret.bin', 'priv'), secret)).status, 'a private repository').toBe(404);
    expect((await native(w.base, rawFile(w.org, 'missing.bin'), secret)).status).toBe(404);
    // garbage and tampered secrets are 401s
    expect((await native(w.base, rawFile(w.org, FILE), `${secret.slice(0, -1)}x`)).status).toBe(401);
  });

  test('reason codes: disabled, not yet valid, expired, network, path', async ({ api }) => {
    const w = await entWorld(api);
    const file = rawFile(w.org, FILE);
    const mk = async (body: Record<string, unknown>) => (await createEnt(api, w.owner.cookie, w.org, body)).secret;
    expectReason(await native(w.base, file, await mk({ validFrom: new Date(Date.now() + hour).toISOString() })), 'entitlement_not_yet_valid');
    expectReason(await native(w.base, file, await mk({ validUntil: new Date(Date.now() - 1000).toISOString() })), 'entitlement_expired');
    expectReason(await native(w.base, file, await mk({ allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'] })), 'network_not_allowed');
    expectReason(await native(w.base, file, await mk({ pathPatterns: ['docs/**'] })), 'path_not_allowed');
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, {});
    await patchEnt(api, w.owner.cookie, w.org, entitlement.id, { enabled: false });
    expectReason(await native(w.base, file, secret), 'entitlement_disabled');
    // index routes are stopped by the same gate (raw has none; HEAD answers carry the status)
    expect((await native(w.base, file, secret, { method: 'HEAD' })).status).toBe(403);
  });

  test('the reasons come in the stated order: disabled, not yet valid, expired, network, path, then limits', async ({ api }) => {
    const w = await entWorld(api);
    const file = rawFile(w.org, FILE);
    const everything = {
      validFrom: new Date(Date.now() + hour).toISOString(),
      validUntil: new Date(Date.now() + 2 * hour).toISOString(),
      allowedCidrs: ['10.0.0.0/8'],
      pathPatterns: ['nothing-*'],
      maxDownloads: 1,
    };
    const { entitlement: e, secret } = await createEnt(api, w.owner.cookie, w.org, everything);
    const steps: [Record<string, unknown>, string][] = [
      [{ enabled: false }, 'entitlement_disabled'],
      [{ enabled: true }, 'entitlement_not_yet_valid'],
      [{ validFrom: new Date(Date.now() - 2 * hour).toISOString(), validUntil: new Date(Date.now() - hour).toISOString() }, 'entitlement_expired'],
      [{ validUntil: null }, 'network_not_allowed'],
      [{ allowedCidrs: ['127.0.0.0/8'] }, 'path_not_allowed'],
    ];
    for (const [change, code] of steps) {
      await patchEnt(api, w.owner.cookie, w.org, e.id, change);
      expectReason(await native(w.base, file, secret), code, JSON.stringify(change));
    }
    await patchEnt(api, w.owner.cookie, w.org, e.id, { pathPatterns: [] });
    expect((await native(w.base, file, secret)).status).toBe(200);
    expectReason(await native(w.base, file, secret), 'download_limit_reached');
    // a limit never hides an earlier reason
    await patchEnt(api, w.owner.cookie, w.org, e.id, { pathPatterns: ['docs/**'] });
    expectReason(await native(w.base, file, secret), 'path_not_allowed');
  });

  test('download and byte limits; refused downloads are not counted; HEAD and 304 are not downloads', async ({ api, server }) => {
    const w = await entWorld(api);
    const file = rawFile(w.org, FILE);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxDownloads: 2 });
    expect((await native(w.base, file, secret, { method: 'HEAD' })).status).toBe(200);
    const first = await native(w.base, file, secret);
    expect(first.status).toBe(200);
    expect((await native(w.base, file, secret, { headers: { 'if-none-match': String(first.headers.etag) } })).status).toBe(304);
    expect((await native(w.base, file, secret)).status).toBe(200);
    expectReason(await native(w.base, file, secret), 'download_limit_reached');
    expectReason(await native(w.base, file, secret), 'download_limit_reached');
    const [c] = await sql<Counters>(server, 'SELECT "downloadCount", "bytesCount", "clientCount" FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(Number(c!.downloadCount)).toBe(2);
    expect(Number(c!.bytesCount)).toBe(2000);

    // bytes: 1000-byte files against 2500 bytes: two pass, the third would exceed; a 300-byte one still fits
    const b = await createEnt(api, w.owner.cookie, w.org, { maxBytes: 2500 });
    expect((await native(w.base, file, b.secret)).status).toBe(200);
    expect((await native(w.base, rawFile(w.org, 'app-2.0.tar.gz'), b.secret)).status).toBe(200);
    expectReason(await native(w.base, file, b.secret), 'bandwidth_limit_reached');
    expect((await native(w.base, rawFile(w.org, 'docs/readme.txt'), b.secret)).status).toBe(200);
    const e = await getEnt(api, w.owner.cookie, w.org, b.entitlement.id);
    expect(e.remaining.bytes).toBe(200);
  });

  test('max clients counts distinct source addresses (127.0.0.2, .3, .4)', async ({ api, server }) => {
    const w = await entWorld(api);
    const file = rawFile(w.org, FILE);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxClients: 2 });
    expect((await native(w.base, file, secret, { localAddress: '127.0.0.2' })).status).toBe(200);
    expect((await native(w.base, file, secret, { localAddress: '127.0.0.2' })).status).toBe(200);
    expect((await native(w.base, file, secret, { localAddress: '127.0.0.3' })).status).toBe(200);
    expectReason(await native(w.base, file, secret, { localAddress: '127.0.0.4' }), 'client_limit_reached');
    // known clients keep working; a forged X-Forwarded-For does not make a new client
    expect((await native(w.base, file, secret, { localAddress: '127.0.0.3', headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
    expectReason(await native(w.base, file, secret, { localAddress: '127.0.0.4', headers: { 'x-forwarded-for': '127.0.0.2', 'x-real-ip': '127.0.0.2' } }), 'client_limit_reached');
    const clients = await sql<{ address: string }>(server, 'SELECT "address" FROM "EntitlementClient" WHERE "entitlementId" = $1 ORDER BY "address"', [entitlement.id]);
    expect(clients.map((c) => c.address)).toEqual(['127.0.0.2', '127.0.0.3']);
    const e = await getEnt(api, w.owner.cookie, w.org, entitlement.id);
    expect(e.remaining.clients).toBe(0);
  });

  test('CIDR allow lists for IPv4 and IPv6 (::1); forged X-Forwarded-For, Forwarded and X-Real-IP are ignored', async ({ api }) => {
    const w = await entWorld(api);
    const file = rawFile(w.org, FILE);
    const v4 = (await createEnt(api, w.owner.cookie, w.org, { allowedCidrs: ['127.0.0.2/32', '127.0.0.3'] })).secret;
    expect((await native(w.base, file, v4, { localAddress: '127.0.0.2' })).status).toBe(200);
    expect((await native(w.base, file, v4, { localAddress: '127.0.0.3' })).status).toBe(200);
    expectReason(await native(w.base, file, v4, { localAddress: '127.0.0.4' }), 'network_not_allowed');
    expectReason(await native(w.base, file, v4, { host: '::1' }), 'network_not_allowed', 'IPv6 client against an IPv4 list');
    for (const headers of [{ 'x-forwarded-for': '127.0.0.2' }, { forwarded: 'for=127.0.0.2' }, { 'x-real-ip': '127.0.0.2' }] as Record<string, string>[]) {
      expectReason(await native(w.base, file, v4, { localAddress: '127.0.0.4', headers }), 'network_not_allowed', JSON.stringify(headers));
    }
    const v6 = (await createEnt(api, w.owner.cookie, w.org, { allowedCidrs: ['::1/128'] })).secret;
    expect((await native(w.base, file, v6, { host: '::1' })).status).toBe(200);
    expectReason(await native(w.base, file, v6, { localAddress: '127.0.0.2' }), 'network_not_allowed');
    expectReason(await native(w.base, file, v6, { localAddress: '127.0.0.2', headers: { 'x-forwarded-for': '::1' } }), 'network_not_allowed');
    const both = (await createEnt(api, w.owner.cookie, w.org, { allowedCidrs: ['::/0', '127.0.0.0/8'] })).secret;
    expect((await native(w.base, file, both, { host: '::1' })).status).toBe(200);
    expect((await native(w.base, file, both, { localAddress: '127.0.0.4' })).status).toBe(200);
  });

  test('a repository switched from distribution to private closes at once', async ({ api }) => {
    const w = await entWorld(api);
    const { secret } = await createEnt(api, w.owner.cookie, w.org, {});
    const file = rawFile(w.org, FILE);
    expect((await native(w.base, file, secret)).status).toBe(200);
    const p = await api.patch(`/api/v1/orgs/${w.org}/repos/dist`, { visibility: 'private' }, { cookie: w.owner.cookie });
    expect(p.status, p.text).toBe(200);
    expect((await native(w.base, file, secret)).status).toBe(404);
    await api.patch(`/api/v1/orgs/${w.org}/repos/dist`, { visibility: 'distribution' }, { cookie: w.owner.cookie });
    expect((await native(w.base, file, secret)).status).toBe(200);
  });

  test('path patterns over file path, package and package@version; index pages list only what they allow and are not counted', async ({ api, server }) => {
    const w = await entWorld(api);
    const cookie = w.owner.cookie;
    const bearer = { authorization: `Bearer ${w.pat}` };
    // PyPI: two projects, two versions (uploaded through the legacy API)
    await createRepo(api, { cookie }, w.org, { name: 'py', format: 'pypi', visibility: 'distribution' });
    for (const [name, version] of [['alpha', '1.0'], ['alpha', '2.0'], ['beta', '1.0']] as const) {
      const form = new FormData();
      for (const [k, v] of Object.entries({ ':action': 'file_upload', protocol_version: '1', name, version })) form.append(k, v);
      form.append('content', new Blob([new Uint8Array(await wheel(name, version))]), `${name}-${version}-py3-none-any.whl`);
      const up = await fetch(`${api.url}/pypi/${w.org}/py/`, { method: 'POST', body: form, headers: bearer });
      expect(up.status, await up.text()).toBe(200);
    }
    // npm: one package, two versions
    await createRepo(api, { cookie }, w.org, { name: 'js', format: 'npm', visibility: 'distribution' });
    const npmDir = mkdtempSync(path.join(os.tmpdir(), 'tg-ent-npm-'));
    for (const version of ['1.0.0', '2.0.0']) {
      const r = await npmPublish(npmDir, `${api.url}/npm/${w.org}/js/`, w.pat, npmPackage(npmDir, 'widget', version));
      expect(r.code, npmShown(r)).toBe(0);
    }

    const { entitlement, secret } = await createEnt(api, cookie, w.org, {
      repositories: ['dist', 'py', 'js'],
      pathPatterns: ['alpha@2.*', 'widget@1.*', 'docs/**'],
      maxDownloads: 100,
    });
    const other = await createEnt(api, cookie, w.org, { repositories: ['py', 'js'] });

    // raw: file path globs
    expect((await native(w.base, rawFile(w.org, 'docs/readme.txt'), secret)).status).toBe(200);
    expectReason(await native(w.base, rawFile(w.org, FILE), secret), 'path_not_allowed');
    // a path that names no file stays a 404 (conda falls back from those)
    expect((await native(w.base, rawFile(w.org, 'missing-1.0.tar.gz'), secret)).status).toBe(404);

    // PyPI simple pages: only alpha, and of alpha only 2.0
    const root = await native(w.base, `/pypi/${w.org}/py/simple/`, secret, { form: 'basic' });
    expect(root.status, root.text).toBe(200);
    expect(root.text).toContain('alpha');
    expect(root.text).not.toContain('beta');
    const alpha = await native(w.base, `/pypi/${w.org}/py/simple/alpha/`, secret, { form: 'path' });
    expect(alpha.text).toContain('alpha-2.0-py3-none-any.whl');
    expect(alpha.text).not.toContain('alpha-1.0');
    expect((await native(w.base, `/pypi/${w.org}/py/simple/beta/`, secret)).status).toBe(404);
    // the unrestricted key on the same pages sees everything (the cache keeps the two apart)
    const all = await native(w.base, `/pypi/${w.org}/py/simple/alpha/`, other.secret);
    expect(all.text).toContain('alpha-1.0-py3-none-any.whl');
    expect((await native(w.base, `/pypi/${w.org}/py/simple/`, other.secret)).text).toContain('beta');
    const again = await native(w.base, `/pypi/${w.org}/py/simple/alpha/`, secret);
    expect(again.text).not.toContain('alpha-1.0');
    expect(alpha.headers.etag).not.toBe(all.headers.etag);
    // files: package@version
    expect((await native(w.base, `/pypi/${w.org}/py/files/alpha/alpha-2.0-py3-none-any.whl`, secret)).status).toBe(200);
    expectReason(await native(w.base, `/pypi/${w.org}/py/files/alpha/alpha-1.0-py3-none-any.whl`, secret), 'path_not_allowed');

    // npm packument: only 1.0.0; the tarball of 2.0.0 is refused
    const doc = await native(w.base, `/npm/${w.org}/js/widget`, secret);
    expect(doc.status, doc.text).toBe(200);
    const packument = JSON.parse(doc.text) as { versions: Record<string, unknown>; 'dist-tags': Record<string, string> };
    expect(Object.keys(packument.versions)).toEqual(['1.0.0']);
    expect(packument['dist-tags'].latest).toBe('1.0.0');
    expect(Object.keys((JSON.parse((await native(w.base, `/npm/${w.org}/js/widget`, other.secret)).text) as { versions: object }).versions).sort()).toEqual(['1.0.0', '2.0.0']);
    expect((await native(w.base, `/npm/${w.org}/js/widget/-/widget-1.0.0.tgz`, secret)).status).toBe(200);
    expectReason(await native(w.base, `/npm/${w.org}/js/widget/-/widget-2.0.0.tgz`, secret), 'path_not_allowed');

    // counted: the three file downloads only, never the index pages
    const [c] = await sql<Counters>(server, 'SELECT "downloadCount", "bytesCount", "clientCount" FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(Number(c!.downloadCount)).toBe(3);
    const e = await getEnt(api, cookie, w.org, entitlement.id);
    expect(e.remaining.downloads).toBe(97);
  });
});

/** A minimal wheel (zip with METADATA, WHEEL, RECORD), built by python3. */
async function wheel(name: string, version: string): Promise<Buffer> {
  const { wheel: file } = await pypiDists(mkdtempSync(path.join(os.tmpdir(), 'tg-ent-whl-')), name, version);
  return readFileSync(file);
}
