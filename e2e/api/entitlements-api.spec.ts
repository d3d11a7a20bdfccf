/**
 * The entitlement management API (docs/http.md "Entitlement tokens") against a real server:
 * create (generated tge_ secret shown once, or a custom string unique across organizations),
 * validation (one detail per bad field, nothing created), repositories that must be distribution
 * and visible, list with q / tag / status and pagination, get with usage, remaining quota and
 * warnings, patch (enabled), refresh, revoke (permanent), delete, the downloads log as JSON and
 * streamed CSV, the per-day usage series, permissions by role, the creator leaving the org, the
 * audit trail (never a secret) and the OpenAPI document.
 */
import { test, expect } from '../support/fixtures';
import { addMember, detailPaths, expectError, signup, sql, uid } from './helpers';
import { createEnt, ENT_RE, entUrl, entWorld, getEnt, native, patchEnt, rawFile, type Ent } from './entitlements-helpers';
import { createRepo, poll } from './pat-helpers';

test.describe('entitlements API', () => {
  test('create with every field; the secret is shown once and works; get shows usage and remaining quota', async ({ api }) => {
    const w = await entWorld(api);
    const { entitlement: e, secret } = await createEnt(api, w.owner.cookie, w.org, {
      name: 'Globex production',
      customer: 'Globex Inc.',
      description: 'CI of Globex',
      repositories: ['dist'],
      tags: ['gold', 'emea'],
      metadata: { crm: 'ACC-1', seats: 10 },
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      maxDownloads: 100,
      maxClients: 5,
      maxBytes: 1_000_000,
      allowedCidrs: ['127.0.0.0/8', '::1'],
      pathPatterns: ['app-*', 'docs/**'],
    });
    expect(secret).toMatch(ENT_RE);
    expect(e).toMatchObject({
      name: 'Globex production', customer: 'Globex Inc.', description: 'CI of Globex', status: 'active', enabled: true,
      repositories: ['dist'], tags: ['gold', 'emea'], metadata: { crm: 'ACC-1', seats: 10 }, prefix: 'tge_', lastFour: secret.slice(-4),
      customToken: false, maxDownloads: 100, maxClients: 5, maxBytes: 1_000_000, allowedCidrs: ['127.0.0.0/8', '::1/128'],
      pathPatterns: ['app-*', 'docs/**'], usage: { downloads: 0, bytes: 0, clients: 0, lastDownloadAt: null },
      remaining: { downloads: 100, clients: 5, bytes: 1_000_000 }, warnings: [], revokedAt: null,
      createdBy: { name: w.owner.user.name, email: w.owner.email },
    });
    expect(JSON.stringify(e)).not.toContain(secret);

    const r = await native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret);
    expect(r.status, r.text).toBe(200);
    expect(r.body.equals(w.files['app-1.0.tar.gz']!)).toBe(true);

    const after = await poll(async () => {
      const x = await getEnt(api, w.owner.cookie, w.org, e.id);
      return x.usage.downloads === 1 ? x : null;
    });
    expect(after, 'the download is in the usage').toBeTruthy();
    expect(after!.usage).toMatchObject({ downloads: 1, bytes: 1000, clients: 1 });
    expect(after!.usage.lastDownloadAt).not.toBeNull();
    expect(after!.remaining).toEqual({ downloads: 99, clients: 4, bytes: 999_000 });
    expect(JSON.stringify(after)).not.toContain(secret);
    // GET never shows the secret again
    const again = await api.get(entUrl(w.org, e.id), { cookie: w.owner.cookie });
    expect(again.text).not.toContain(secret);
  });

  test('bad input is a 400 with one detail per field and creates nothing', async ({ api }) => {
    const w = await entWorld(api);
    const bad = await api.post(entUrl(w.org), {
      name: '',
      repositories: [],
      tags: ['a,b'],
      metadata: { blob: 'x'.repeat(17 * 1024) },
      token: 'short',
      validFrom: 'yesterday',
      maxDownloads: 0,
      maxClients: 1.5,
      maxBytes: -1,
      allowedCidrs: ['10.0.0.0/33', 'fe80::/200', 'not-an-ip'],
      pathPatterns: ['[abc', ''],
    }, { cookie: w.owner.cookie });
    expectError(bad, 400, 'invalid_request');
    expect(detailPaths(bad).sort()).toEqual([
      'allowedCidrs.0', 'allowedCidrs.1', 'allowedCidrs.2', 'maxBytes', 'maxClients', 'maxDownloads', 'metadata', 'name',
      'pathPatterns.0', 'pathPatterns.1', 'repositories', 'tags.0', 'token', 'validFrom',
    ].sort());
    const window = await api.post(entUrl(w.org), { name: 'x', repositories: ['dist'], validFrom: '2030-01-02T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }, { cookie: w.owner.cookie });
    expectError(window, 400, 'invalid_request');
    expect(detailPaths(window)).toEqual(['validUntil']);
    const unknown = await api.post(entUrl(w.org), { name: 'x', repositories: ['dist'], superuser: true }, { cookie: w.owner.cookie });
    expectError(unknown, 400, 'invalid_request');
    const reserved = await api.post(entUrl(w.org), { name: 'x', repositories: ['dist'], token: `tgp_${'a'.repeat(38)}` }, { cookie: w.owner.cookie });
    expectError(reserved, 400, 'invalid_request');
    expect(detailPaths(reserved)).toEqual(['token']);
    // wrong types anywhere: 400s, never a 500
    const shapes: unknown[] = [
      [], 'text', 42, { name: 5, repositories: ['dist'] }, { name: 'x', repositories: 'dist' }, { name: 'x', repositories: [null] },
      { name: 'x', repositories: ['dist'], metadata: [] }, { name: 'x', repositories: ['dist'], metadata: 'x' },
      { name: 'x', repositories: ['dist'], maxBytes: 1e300 }, { name: 'x', repositories: ['dist'], maxDownloads: '10' },
      { name: 'x', repositories: ['dist'], allowedCidrs: [5] }, { name: 'x', repositories: ['dist'], allowedCidrs: '10.0.0.0/8' },
      { name: 'x', repositories: ['dist'], tags: [null] }, { name: 'x', repositories: ['dist'], pathPatterns: [{}] },
      { name: 'x', repositories: ['dist'], validUntil: 1700000000 }, { name: 'x', repositories: ['dist'], token: 123 },
    ];
    for (const body of shapes) {
      const r = await api.post(entUrl(w.org), body, { cookie: w.owner.cookie });
      expectError(r, 400, 'invalid_request', JSON.stringify(body));
    }
    const patchShapes: unknown[] = [{ enabled: 'yes' }, { maxClients: -5 }, { validFrom: 'soon' }, { repositories: [] }, { metadata: null }];
    const { entitlement: probe } = await createEnt(api, w.owner.cookie, w.org, {});
    for (const body of patchShapes) expectError(await api.patch(entUrl(w.org, probe.id), body, { cookie: w.owner.cookie }), 400, 'invalid_request', JSON.stringify(body));
    expectError(await api.get(entUrl(w.org, 'no-such-id'), { cookie: w.owner.cookie }), 404, 'not_found');
    const list = await api.get<{ items: Ent[] }>(entUrl(w.org), { cookie: w.owner.cookie });
    expect(list.json.items.map((e) => e.id)).toEqual([probe.id]);
  });

  test('repositories must be distribution and visible: private, public and unknown ones are 400s that say why', async ({ api }) => {
    const w = await entWorld(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'pub', format: 'raw', visibility: 'public' });
    const res = await api.post(entUrl(w.org), { name: 'x', repositories: ['dist', 'priv', 'pub', 'nope'] }, { cookie: w.owner.cookie });
    const body = expectError(res, 400, 'invalid_request');
    expect(detailPaths(res)).toEqual(['repositories.1', 'repositories.2', 'repositories.3']);
    expect(body.error.details![0]!.message).toMatch(/private.*distribution/);
    expect(body.error.details![1]!.message).toMatch(/public.*distribution/);
    expect(body.error.details![2]!.message).toMatch(/no repository "nope"/);
    // a distribution manager does not see private repositories: a private name reads as unknown
    const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');
    const asDm = await api.post(entUrl(w.org), { name: 'x', repositories: ['priv'] }, { cookie: dm.cookie });
    expectError(asDm, 400, 'invalid_request');
    expect(asDm.json).toMatchObject({ error: { details: [{ path: 'repositories.0', message: expect.stringMatching(/no repository "priv"/) }] } });
    // patch checks the same
    const { entitlement } = await createEnt(api, w.owner.cookie, w.org, {});
    const p = await api.patch(entUrl(w.org, entitlement.id), { repositories: ['priv'] }, { cookie: w.owner.cookie });
    expectError(p, 400, 'invalid_request');
    expect((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).repositories).toEqual(['dist']);
  });

  test('custom token strings: at least 24 characters, unique across organizations, work as credentials', async ({ api, server }) => {
    const w = await entWorld(api);
    const other = await entWorld(api);
    const custom = `Globex.Key_${uid()}-abcdefghij`;
    expect(custom.length).toBeGreaterThanOrEqual(24);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { token: custom });
    expect(secret).toBe(custom);
    expect(entitlement.customToken).toBe(true);
    const dup = await api.post(entUrl(other.org), { name: 'dup', repositories: ['dist'], token: custom }, { cookie: other.owner.cookie });
    expectError(dup, 409, 'conflict');
    expect(detailPaths(dup)).toEqual(['token']);
    const same = await api.post(entUrl(w.org), { name: 'dup', repositories: ['dist'], token: custom }, { cookie: w.owner.cookie });
    expectError(same, 409, 'conflict');
    for (const form of ['bearer', 'basic', 'path'] as const) {
      const r = await native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), custom, { form });
      expect(r.status, `${form}: ${r.text}`).toBe(200);
    }
    // the hash is stored, never the string
    const rows = await sql<Record<string, unknown>>(server, 'SELECT * FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(JSON.stringify(rows)).not.toContain(custom);
  });

  test('list: search, tag and status filters, pagination', async ({ api }) => {
    const w = await entWorld(api);
    const mk = (body: Record<string, unknown>) => createEnt(api, w.owner.cookie, w.org, body);
    const a = (await mk({ name: 'Alpha key', customer: 'Initech', tags: ['gold'] })).entitlement;
    const b = (await mk({ name: 'Beta key', description: 'for INITECH staging', tags: ['silver'] })).entitlement;
    const c = (await mk({ name: 'Gamma key', customer: 'Hooli', tags: ['gold'], validUntil: new Date(Date.now() - 1000).toISOString() })).entitlement;
    const d = (await mk({ name: 'Delta key', validFrom: new Date(Date.now() + 86_400_000).toISOString() })).entitlement;
    const e = (await mk({ name: 'Epsilon key' })).entitlement;
    await patchEnt(api, w.owner.cookie, w.org, b.id, { enabled: false });
    const rv = await api.post(`${entUrl(w.org, e.id)}/revoke`, {}, { cookie: w.owner.cookie });
    expect(rv.status, rv.text).toBe(200);

    const names = async (q: string) => {
      const res = await api.get<{ items: Ent[]; nextCursor: string | null }>(`${entUrl(w.org)}${q}`, { cookie: w.owner.cookie });
      expect(res.status, res.text).toBe(200);
      return res.json.items.map((x) => x.name).sort();
    };
    expect(await names('?q=initech')).toEqual(['Alpha key', 'Beta key']);
    expect(await names('?tag=gold')).toEqual(['Alpha key', 'Gamma key']);
    expect(await names('?status=active')).toEqual(['Alpha key']);
    expect(await names('?status=disabled')).toEqual(['Beta key']);
    expect(await names('?status=expired')).toEqual(['Gamma key']);
    expect(await names('?status=scheduled')).toEqual(['Delta key']);
    expect(await names('?status=revoked')).toEqual(['Epsilon key']);
    expect(await names('?tag=gold&status=active')).toEqual(['Alpha key']);
    expectError(await api.get(`${entUrl(w.org)}?status=bogus`, { cookie: w.owner.cookie }), 400, 'invalid_request');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res: { json: { items: Ent[]; nextCursor: string | null } } = await api.get<{ items: Ent[]; nextCursor: string | null }>(`${entUrl(w.org)}${q}`, { cookie: w.owner.cookie });
      expect(res.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.items.map((x) => x.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([a.id, b.id, c.id, d.id, e.id].sort());
  });

  test('warnings: expiring within 7 days and limits at 80 % are flagged', async ({ api }) => {
    const w = await entWorld(api);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxDownloads: 5, validUntil: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    expect(entitlement.warnings.map((x) => x.code)).toEqual(['expires_soon']);
    for (let i = 0; i < 4; i++) expect((await native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret)).status).toBe(200);
    const e = await getEnt(api, w.owner.cookie, w.org, entitlement.id);
    expect(e.remaining.downloads).toBe(1);
    expect(e.quota[0]).toMatchObject({ limit: 'downloads', max: 5, used: 4, remaining: 1, fraction: 0.8 });
    expect(e.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'limit_near', limit: 'downloads' }), expect.objectContaining({ code: 'expires_soon' })]));
    expect((await native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret)).status).toBe(200);
    const full = await getEnt(api, w.owner.cookie, w.org, entitlement.id);
    expect(full.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'limit_reached', limit: 'downloads' })]));
  });

  test('patch, disable and enable; refresh kills the old secret and keeps usage; revoke is permanent; delete', async ({ api }) => {
    const w = await entWorld(api);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxDownloads: 10 });
    const file = rawFile(w.org, 'app-1.0.tar.gz');
    expect((await native(w.base, file, secret)).status).toBe(200);

    const patched = await patchEnt(api, w.owner.cookie, w.org, entitlement.id, { name: 'Renamed', tags: ['x'], maxDownloads: null, metadata: { a: 1 } });
    expect(patched).toMatchObject({ name: 'Renamed', tags: ['x'], maxDownloads: null, metadata: { a: 1 } });
    const noToken = await api.patch(entUrl(w.org, entitlement.id), { token: 'a'.repeat(30) }, { cookie: w.owner.cookie });
    expectError(noToken, 400, 'invalid_request');
    expect(detailPaths(noToken)).toEqual(['token']);

    expect((await patchEnt(api, w.owner.cookie, w.org, entitlement.id, { enabled: false })).status).toBe('disabled');
    const off = await native(w.base, file, secret);
    expect(off.status).toBe(403);
    expect(off.code).toBe('entitlement_disabled');
    expect((await patchEnt(api, w.owner.cookie, w.org, entitlement.id, { enabled: true })).status).toBe('active');
    expect((await native(w.base, file, secret)).status).toBe(200);

    const refreshed = await api.post<{ entitlement: Ent; secret: string }>(`${entUrl(w.org, entitlement.id)}/refresh`, {}, { cookie: w.owner.cookie });
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.json.secret).toMatch(ENT_RE);
    expect(refreshed.json.secret).not.toBe(secret);
    expect(refreshed.json.entitlement.id).toBe(entitlement.id);
    expect((await native(w.base, file, secret)).status, 'the old secret is dead at once').toBe(401);
    expect((await native(w.base, file, refreshed.json.secret)).status).toBe(200);
    const kept = await poll(async () => ((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).usage.downloads === 3 ? true : null));
    expect(kept, 'usage kept across refresh').toBe(true);

    const revoked = await api.post<{ entitlement: Ent }>(`${entUrl(w.org, entitlement.id)}/revoke`, {}, { cookie: w.owner.cookie });
    expect(revoked.status).toBe(200);
    expect(revoked.json.entitlement.status).toBe('revoked');
    expect((await native(w.base, file, refreshed.json.secret)).status).toBe(401);
    expectError(await api.patch(entUrl(w.org, entitlement.id), { enabled: true }, { cookie: w.owner.cookie }), 409, 'conflict');
    expectError(await api.post(`${entUrl(w.org, entitlement.id)}/refresh`, {}, { cookie: w.owner.cookie }), 409, 'conflict');
    expect((await native(w.base, file, refreshed.json.secret)).status, 'still revoked').toBe(401);
    expect((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).status).toBe('revoked');

    const del = await api.delete(entUrl(w.org, entitlement.id), { cookie: w.owner.cookie });
    expect(del.status).toBe(204);
    expectError(await api.get(entUrl(w.org, entitlement.id), { cookie: w.owner.cookie }), 404, 'not_found');
  });

  test('roles: owners, admins and distribution managers manage; members and other orgs cannot; an entitlement secret opens no management route', async ({ api }) => {
    const w = await entWorld(api);
    const admin = await addMember(api, w.owner.cookie, w.org, 'admin', 'admin');
    const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'member');
    const stranger = await signup(api);
    for (const who of [admin, dm]) {
      const { entitlement } = await createEnt(api, who.cookie, w.org, {});
      expect((await api.get(entUrl(w.org, entitlement.id), { cookie: who.cookie })).status).toBe(200);
    }
    expectError(await api.get(entUrl(w.org), { cookie: member.cookie }), 403, 'forbidden');
    expectError(await api.post(entUrl(w.org), { name: 'x', repositories: ['dist'] }, { cookie: member.cookie }), 403, 'forbidden');
    expectError(await api.get(entUrl(w.org), { cookie: stranger.cookie }), 404, 'not_found');
    expectError(await api.get(entUrl(w.org)), 401, 'unauthenticated');
    // an entitlement secret does not open the management API
    const { secret } = await createEnt(api, w.owner.cookie, w.org, {});
    expect((await api.get(entUrl(w.org), { token: secret })).status).toBe(401);
  });

  test('the creator leaving the org does not break the entitlement', async ({ api, server }) => {
    const w = await entWorld(api);
    const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');
    const { entitlement, secret } = await createEnt(api, dm.cookie, w.org, {});
    const gone = await api.delete(`/api/v1/orgs/${w.org}/members/${dm.user.id}`, { cookie: w.owner.cookie });
    expect(gone.status, gone.text).toBeLessThan(300);
    const r = await native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret);
    expect(r.status, r.text).toBe(200);
    expect((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).status).toBe('active');
    // even when the user is deleted outright
    await sql(server, 'DELETE FROM "User" WHERE "id" = $1', [dm.user.id]);
    expect((await native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret)).status).toBe(200);
    expect((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).createdBy).toBeNull();
  });

  test('downloads log (paginated), CSV export with a header line, per-day usage series', async ({ api }) => {
    const w = await entWorld(api);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, {});
    const ua = '=HYPERLINK("http://evil"),"quoted"';
    for (const [file, addr] of [['app-1.0.tar.gz', '127.0.0.2'], ['app-2.0.tar.gz', '127.0.0.3'], ['docs/readme.txt', '127.0.0.2']] as const) {
      const r = await native(w.base, rawFile(w.org, file), secret, { localAddress: addr, headers: { 'user-agent': ua } });
      expect(r.status, r.text).toBe(200);
    }
    type Item = { at: string; path: string; bytes: number; clientAddress: string; userAgent: string; repository: string | null };
    const all = await poll(async () => {
      const res = await api.get<{ items: Item[]; nextCursor: string | null }>(`${entUrl(w.org, entitlement.id)}/downloads`, { cookie: w.owner.cookie });
      return res.json.items.length === 3 ? res.json.items : null;
    });
    expect(all, 'three downloads logged').toBeTruthy();
    expect(all!.map((i) => i.path)).toEqual(['docs/readme.txt', 'app-2.0.tar.gz', 'app-1.0.tar.gz']);
    expect(all![0]).toMatchObject({ bytes: 300, clientAddress: '127.0.0.2', userAgent: ua, repository: 'dist' });
    const p1 = await api.get<{ items: Item[]; nextCursor: string | null }>(`${entUrl(w.org, entitlement.id)}/downloads?limit=2`, { cookie: w.owner.cookie });
    expect(p1.json.items).toHaveLength(2);
    const p2 = await api.get<{ items: Item[]; nextCursor: string | null }>(`${entUrl(w.org, entitlement.id)}/downloads?limit=2&cursor=${p1.json.nextCursor}`, { cookie: w.owner.cookie });
    expect(p2.json.items.map((i) => i.path)).toEqual(['app-1.0.tar.gz']);
    expect(p2.json.nextCursor).toBeNull();

    const csv = await fetch(`${api.url}${entUrl(w.org, entitlement.id)}/downloads?format=csv`, { headers: { cookie: w.owner.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('at,path,bytes,clientAddress,userAgent,repository');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(',docs/readme.txt,300,127.0.0.2,');
    // a formula is defused and quotes are escaped
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil""),""quoted"""`);

    const today = new Date().toISOString().slice(0, 10);
    const usage = await api.get<{ from: string; to: string; items: { date: string; downloads: number; bytes: number; clients: number }[]; totals: { downloads: number; bytes: number; clients: number } }>(
      `${entUrl(w.org, entitlement.id)}/usage?from=${new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10)}&to=${today}`,
      { cookie: w.owner.cookie },
    );
    expect(usage.status, usage.text).toBe(200);
    expect(usage.json.items).toHaveLength(7);
    expect(usage.json.items.at(-1)).toEqual({ date: today, downloads: 3, bytes: 2300, clients: 2 });
    expect(usage.json.items.slice(0, 6).every((d) => d.downloads === 0)).toBe(true);
    expect(usage.json.totals).toEqual({ downloads: 3, bytes: 2300, clients: 2 });
    expectError(await api.get(`${entUrl(w.org, entitlement.id)}/usage?from=${today}&to=2020-01-01`, { cookie: w.owner.cookie }), 400, 'invalid_request');
    expectError(await api.get(`${entUrl(w.org, entitlement.id)}/usage?from=nope`, { cookie: w.owner.cookie }), 400, 'invalid_request');
  });

  test('every change is an audit event with actor and address, never the secret; OpenAPI lists the routes', async ({ api, server }) => {
    const w = await entWorld(api);
    const custom = `Audit-Key-${uid()}-0123456789`;
    const { entitlement } = await createEnt(api, w.owner.cookie, w.org, { token: custom });
    await patchEnt(api, w.owner.cookie, w.org, entitlement.id, { enabled: false });
    await patchEnt(api, w.owner.cookie, w.org, entitlement.id, { enabled: true, name: 'n2' });
    const refreshed = await api.post<{ secret: string }>(`${entUrl(w.org, entitlement.id)}/refresh`, {}, { cookie: w.owner.cookie });
    await api.post(`${entUrl(w.org, entitlement.id)}/revoke`, {}, { cookie: w.owner.cookie });
    await api.delete(entUrl(w.org, entitlement.id), { cookie: w.owner.cookie });
    const rows = await sql<{ action: string; actorId: string; address: string; data: string; targetId: string }>(
      server,
      'SELECT "action", "actorId", "address", "data", "targetId" FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY "at" ASC',
      [entitlement.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['entitlement.created', 'entitlement.disabled', 'entitlement.enabled', 'entitlement.refreshed', 'entitlement.revoked', 'entitlement.deleted']);
    for (const r of rows) {
      expect(r.actorId).toBe(w.owner.user.id);
      expect(r.address).toMatch(/127\.0\.0\.1/);
    }
    const text = JSON.stringify(rows);
    expect(text).not.toContain(custom);
    expect(text).not.toContain(refreshed.json.secret);

    const doc = await api.get<{ paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
    const base = '/api/v1/orgs/{org}/entitlements';
    expect(Object.keys(doc.json.paths[base]!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.json.paths[`${base}/{id}`]!).sort()).toEqual(['delete', 'get', 'patch']);
    for (const p of ['refresh', 'revoke']) expect(Object.keys(doc.json.paths[`${base}/{id}/${p}`]!)).toEqual(['post']);
    for (const p of ['downloads', 'usage']) expect(Object.keys(doc.json.paths[`${base}/{id}/${p}`]!)).toEqual(['get']);
  });
});

