/**
 * Personal access tokens, their life cycle (docs/permissions.md "Personal access tokens", docs/http.md "Personal
 * access tokens"): expiry, revocation, reissue and editing, bad and unknown secrets, deletion, lists
 * and filters, strange ids and cursors, last use. Native use goes through the real `curl` binary on
 * the raw route.
 */
import { test, expect } from '../support/fixtures';
import { expectError, rawRequest, signup, uid, wellFormedUnknownSecret } from './helpers';
import {
  CRED_FORMS,
  PAT_RE,
  curlGet,
  curlPut,
  expectChallenge,
  payload,
  poll,
  postToken,
  rawPath,
  resourceToken,
  shown,
  sleep,
  tamper,
  upload,
  type Page,
  type Token,
} from './pat-helpers';
import { download, getToken, ids, listTokens, near, world } from './tokens-helpers';

test.describe('life cycle', () => {
  test('a token with a date a few seconds ahead works, then gets 401 and is listed as expired', async ({ api }) => {
    const w = await world(api);
    const expiresAt = new Date(Date.now() + 4_000);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }], { expiresAt: expiresAt.toISOString() });
    expect(Date.parse(t.token.expiresAt!)).toBe(expiresAt.getTime());
    expect(t.token.status).toBe('active');
    expect(await download(api, w, t.secret)).toBe(200);
    expect((await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret })).status).toBe(200);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=active')).json)).toContain(t.token.id);

    // Poll until it stops working; it must not stop before its time.
    let refusedAt = 0;
    await poll(async () => {
      const status = await download(api, w, t.secret);
      if (status === 401) refusedAt = Date.now();
      else expect(status).toBe(200);
      return status === 401;
    }, 15_000, 250);
    expect(refusedAt, 'the token expired').toBeGreaterThan(0);
    expect(refusedAt).toBeGreaterThanOrEqual(expiresAt.getTime() - 1_000);

    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret }), `expired via ${form}`);
    }
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 401, 'unauthenticated', 'expired token on the API');
    const got = await getToken(api, w.owner.cookie, t.token.id);
    expect(got.json.token.status).toBe('expired');
    expect(ids((await listTokens(api, w.owner.cookie, '?status=expired')).json)).toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=active')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=revoked')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie)).json)).toContain(t.token.id);
  });

  test('revocation is permanent and the token stays listed as revoked', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    expect(await download(api, w, t.secret)).toBe(200);
    const before = Date.now();
    const res = await api.post<{ token: Token }>(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { cookie: w.owner.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json.token).toMatchObject({ id: t.token.id, status: 'revoked', resources: t.token.resources, name: t.token.name });
    near(res.json.token.revokedAt, before);

    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret }), `revoked via ${form}`);
    }
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos`, { token: t.secret }), 401, 'unauthenticated', 'revoked token on the API');

    // No way back: no edit, no reissue, no new expiry.
    for (const body of [{ name: 'renamed' }, { description: 'd' }, { reissue: true }, { expiresIn: '30d' }, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }]) {
      expectError(await api.patch(`/api/v1/tokens/${t.token.id}`, body, { cookie: w.owner.cookie }), 409, 'conflict', `PATCH ${JSON.stringify(body)} after revoke`);
    }
    const again = await api.post<{ token: Token }>(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { cookie: w.owner.cookie });
    expect([200, 409], again.text).toContain(again.status);
    expect(await download(api, w, t.secret)).toBe(401);

    const got = await getToken(api, w.owner.cookie, t.token.id);
    expect(got.json.token).toMatchObject({ status: 'revoked', name: t.token.name, revokedAt: res.json.token.revokedAt });
    expect(ids((await listTokens(api, w.owner.cookie, '?status=revoked')).json)).toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=active')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=expired')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie)).json)).toContain(t.token.id);

    // deletion removes it from the list
    expect((await api.delete(`/api/v1/tokens/${t.token.id}`, { cookie: w.owner.cookie })).status).toBe(204);
    expect(ids((await listTokens(api, w.owner.cookie)).json)).not.toContain(t.token.id);
  });

  test('reissue keeps the id and the grant; the old secret dies at once, the new one works', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }, { repo: 'app', access: 'upload' }], {
      description: 'before',
      expiresIn: '30d',
    });
    expect(await download(api, w, t.secret)).toBe(200);
    const res = await api.patch<{ token: Token; secret?: string }>(`/api/v1/tokens/${t.token.id}`, { reissue: true }, { cookie: w.owner.cookie });
    expect(res.status, res.text).toBe(200);
    const fresh = res.json.secret!;
    expect(fresh).toMatch(PAT_RE);
    expect(fresh).not.toBe(t.secret);
    expect(res.json.token).toMatchObject({
      id: t.token.id,
      name: t.token.name,
      description: 'before',
      type: 'resource',
      status: 'active',
      lastFour: fresh.slice(-4),
      expiresAt: t.token.expiresAt,
      createdAt: t.token.createdAt,
    });
    expect([...res.json.token.resources!].sort((a, b) => a.repo.localeCompare(b.repo))).toEqual(
      [...t.token.resources!].sort((a, b) => a.repo.localeCompare(b.repo)),
    );

    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret }), `old secret via ${form}`);
      expect(await download(api, w, fresh, form)).toBe(200);
    }
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 401, 'unauthenticated', 'old secret on the API');
    // the same grant: upload to app, not download from it
    await upload(api.url, w.org, 'app', `reissued-${uid()}.bin`, payload('after reissue'), { form: 'bearer', token: fresh });
    const put = await curlPut(api.url, rawPath(w.org, 'libs', 'nope.bin'), payload('x'), { form: 'bearer', token: fresh });
    expect(put.status, shown(put)).toBe(403);

    // Editing name, description and expiry: no new secret, grant untouched.
    const edit = await api.patch<{ token: Token; secret?: string }>(
      `/api/v1/tokens/${t.token.id}`,
      { name: 'renamed', description: 'after', expiresIn: '12h' },
      { cookie: w.owner.cookie },
    );
    expect(edit.status, edit.text).toBe(200);
    expect(edit.json.secret).toBeUndefined();
    expect(edit.json.token).toMatchObject({ id: t.token.id, name: 'renamed', description: 'after', lastFour: fresh.slice(-4) });
    near(edit.json.token.expiresAt, Date.now() + 12 * 3_600_000);
    const never = await api.patch<{ token: Token }>(`/api/v1/tokens/${t.token.id}`, { expiresIn: 'never' }, { cookie: w.owner.cookie });
    expect(never.status, never.text).toBe(200);
    expect(never.json.token.expiresAt).toBeNull();
    const date = new Date(Date.now() + 5 * 86_400_000);
    date.setUTCMilliseconds(0);
    const dated = await api.patch<{ token: Token }>(`/api/v1/tokens/${t.token.id}`, { expiresAt: date.toISOString() }, { cookie: w.owner.cookie });
    expect(Date.parse(dated.json.token.expiresAt!)).toBe(date.getTime());
    expect(await download(api, w, fresh)).toBe(200);

    // The grant and the type cannot be edited.
    for (const body of [
      { resources: [{ repo: '*', access: 'manage' }] },
      { type: 'scope' },
      { scopes: ['repo:view'] },
      { org: 'elsewhere' },
      { reissue: 'yes' },
      { name: '' },
      { expiresIn: 'eventually' },
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
    ]) {
      expectError(await api.patch(`/api/v1/tokens/${t.token.id}`, body, { cookie: w.owner.cookie }), 400, 'invalid_request', `PATCH ${JSON.stringify(body)}`);
    }
    const final = await getToken(api, w.owner.cookie, t.token.id);
    expect(final.json.token.resources).toHaveLength(2);
    expect(final.json.token.name).toBe('renamed');
  });

  test('bad checksums, unknown and malformed secrets get 401', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const bad = [tamper(t.secret, 0), tamper(t.secret, 17), tamper(t.secret, 31), tamper(t.secret, 35), tamper(t.secret, 37), wellFormedUnknownSecret('p'), t.secret.toLowerCase(), t.secret.slice(0, -1)];
    for (const secret of bad) {
      expect(secret).not.toBe(t.secret);
      for (const form of CRED_FORMS) {
        expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: secret }), `${secret} via ${form}`);
      }
      expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: secret }), 401, 'unauthenticated', `${secret} on the API`);
      expectError(await api.get('/api/v1/tokens', { token: secret }), 401, 'unauthenticated', `${secret} on /tokens`);
    }
    // the genuine one still works
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('lists: filters by status, pagination, only the caller\'s own tokens', async ({ api }) => {
    const w = await world(api);
    const cookie = w.owner.cookie;
    const active = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], { name: 'active-one' });
    const revoked = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], { name: 'revoked-one' });
    const expiring = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], {
      name: 'expired-one',
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    const deleted = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], { name: 'deleted-one' });
    expect((await api.post(`/api/v1/tokens/${revoked.token.id}/revoke`, undefined, { cookie })).status).toBe(200);
    expect((await api.delete(`/api/v1/tokens/${deleted.token.id}`, { cookie })).status).toBe(204);
    await sleep(Math.max(0, Date.parse(expiring.token.expiresAt!) - Date.now() + 300));

    const all = await listTokens(api, cookie);
    expect(all.status, all.text).toBe(200);
    expect(all.json).toHaveProperty('nextCursor');
    const byId = new Map(all.json.items.map((t) => [t.id, t]));
    expect(byId.get(active.token.id)?.status).toBe('active');
    expect(byId.get(revoked.token.id)?.status).toBe('revoked');
    expect(byId.get(expiring.token.id)?.status).toBe('expired');
    expect(byId.has(deleted.token.id)).toBe(false);
    for (const item of all.json.items) {
      expect(item).toMatchObject({ prefix: 'tgp_', org: w.org });
      expect(item.lastFour).toMatch(/^[0-9A-Za-z]{4}$/);
      expect(item).not.toHaveProperty('secret');
    }
    for (const s of [active, revoked, expiring, deleted]) expect(all.text).not.toContain(s.secret);

    const only = async (status: string) => ids((await listTokens(api, cookie, `?status=${status}`)).json);
    const created = [active.token.id, revoked.token.id, expiring.token.id];
    expect((await only('active')).filter((id) => created.includes(id))).toEqual([active.token.id]);
    expect((await only('revoked')).filter((id) => created.includes(id))).toEqual([revoked.token.id]);
    expect((await only('expired')).filter((id) => created.includes(id))).toEqual([expiring.token.id]);
    for (const bad of ['?status=bogus', '?status=ACTIVE', '?limit=0', '?limit=201', '?limit=abc']) {
      expectError(await listTokens(api, cookie, bad), 400, 'invalid_request', `GET /tokens${bad}`);
    }
    // deleted: gone from GET too, and dead
    expectError(await getToken(api, cookie, deleted.token.id), 404, 'not_found', 'deleted token');
    expect(await download(api, w, deleted.secret)).toBe(401);
    expectError(await api.delete(`/api/v1/tokens/${deleted.token.id}`, { cookie }), 404, 'not_found', 'delete twice');

    // pagination walks every token exactly once
    for (let i = 0; i < 4; i++) await resourceToken(api, cookie, w.org, [{ repo: 'app', access: 'read' }], { name: `page-${i}` });
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page: Page<Token> = (await listTokens(api, cookie, q)).json;
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(20);
    } while (cursor);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.sort()).toEqual(ids((await listTokens(api, cookie, '?limit=200')).json).sort());
    expect(walked).toHaveLength(1 + 3 + 4); // the world's writer, active, revoked, expired, four pages

    // Another user sees none of them and cannot touch them.
    const other = await signup(api);
    const theirs = await listTokens(api, other.cookie);
    expect(theirs.status).toBe(200);
    expect(theirs.json.items).toEqual([]);
    for (const [method, p, body] of [
      ['GET', `/api/v1/tokens/${active.token.id}`, undefined],
      ['PATCH', `/api/v1/tokens/${active.token.id}`, { name: 'stolen' }],
      ['PATCH', `/api/v1/tokens/${active.token.id}`, { reissue: true }],
      ['POST', `/api/v1/tokens/${active.token.id}/revoke`, undefined],
      ['DELETE', `/api/v1/tokens/${active.token.id}`, undefined],
    ] as const) {
      expectError(await api.request(method, p, body, { cookie: other.cookie }), 404, 'not_found', `${method} ${p} by another user`);
    }
    expect(await download(api, w, active.secret)).toBe(200);
    expect((await getToken(api, cookie, active.token.id)).json.token.name).toBe('active-one');
    // and without a session, nothing at all
    expectError(await api.get('/api/v1/tokens'), 401, 'unauthenticated', 'anonymous list');
    expectError(await postToken(api, {}, { org: w.org, name: 'x', type: 'resource', resources: [{ repo: 'libs', access: 'read' }] }), 401, 'unauthenticated', 'anonymous create');
  });

  test('strange token ids, NUL characters and odd cursors never get a 5xx', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    for (const id of ['%2e%2e', '%00', '%E0%A4%A', 'x'.repeat(300), '__proto__', 'constructor', `${t.token.id}%20`, "1'%20OR%20'1'='1"]) {
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['PATCH', '', '{"name":"x"}'],
        ['DELETE', '', undefined],
        ['POST', '/revoke', undefined],
      ] as const) {
        const p = `/api/v1/tokens/${id}${suffix}`;
        const res = await rawRequest(api.url, method, p, { headers: { cookie: w.owner.cookie, 'content-type': 'application/json' }, body });
        // soft: one bad answer must not hide the others
        expect.soft(res.status, `${method} ${p}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (/%2e%2e/i.test(id) && res.status >= 300 && res.status < 400) continue; // Next's dot-segment redirect
        expect.soft(res.status, `${method} ${p}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect.soft(res.headers.get('content-type') ?? '', `${method} ${p}: JSON error body`).toMatch(/application\/json/);
      }
    }
    // NUL characters inside otherwise valid JSON strings, and odd cursors: a 4xx or a success, never a 5xx
    const base = { org: w.org, type: 'resource', resources: [{ repo: 'libs', access: 'read' }] };
    for (const body of [
      { ...base, name: 'a\u0000b' },
      { ...base, name: 'ok', description: 'd\u0000' },
      { ...base, name: 'ok', org: `${w.org}\u0000` },
      { ...base, name: 'ok', resources: [{ repo: 'libs\u0000', access: 'read' }] },
      { org: w.org, name: 'ok', type: 'scope', scopes: ['repo:view'], repositories: ['libs\u0000'] },
    ]) {
      const res = await postToken(api, { cookie: w.owner.cookie }, body);
      expect.soft(res.status, `POST /tokens ${JSON.stringify(body)}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
    const patched = await api.patch(`/api/v1/tokens/${t.token.id}`, { description: 'x\u0000y' }, { cookie: w.owner.cookie });
    expect.soft(patched.status, `PATCH description with NUL: ${patched.text.slice(0, 300)}`).toBeLessThan(500);
    for (const cursor of ['%00', 'does-not-exist', 'x'.repeat(100)]) {
      const res = await rawRequest(api.url, 'GET', `/api/v1/tokens?cursor=${cursor}`, { headers: { cookie: w.owner.cookie } });
      expect.soft(res.status, `GET /tokens?cursor=${cursor}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
    // the real token is untouched
    const got = await getToken(api, w.owner.cookie, t.token.id);
    expect(got.json.token).toMatchObject({ name: t.token.name, status: 'active' });
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('last use time and address are recorded', async ({ api }) => {
    const w = await world(api);
    const native = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const management = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    expect(native.token.lastUsedAt).toBeNull();
    expect(native.token.lastUsedAddress).toBeNull();

    const before = Date.now();
    expect(await download(api, w, native.secret)).toBe(200);
    expect((await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: management.secret })).status).toBe(200);
    const after = Date.now();

    for (const t of [native, management]) {
      const seen = await poll(async () => {
        const got = await getToken(api, w.owner.cookie, t.token.id);
        return got.json.token.lastUsedAt ? got.json.token : null;
      }, 10_000);
      expect(seen, `lastUsedAt of ${t.token.name}`).toBeTruthy();
      const at = Date.parse(seen!.lastUsedAt!);
      expect(at).toBeGreaterThanOrEqual(before - 1_000);
      expect(at).toBeLessThanOrEqual(after + 5_000);
      expect(seen!.lastUsedAddress).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
      // also in the list
      const listed = (await listTokens(api, w.owner.cookie)).json.items.find((x) => x.id === t.token.id);
      expect(listed?.lastUsedAt).toBe(seen!.lastUsedAt);
    }
    // without TRUST_PROXY, a client's X-Forwarded-For is not believed
    const spoofed = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form: 'bearer', token: spoofed.secret }, ['--header', 'X-Forwarded-For: 203.0.113.9']);
    expect(r.status).toBe(200);
    const spoofSeen = await poll(async () => (await getToken(api, w.owner.cookie, spoofed.token.id)).json.token.lastUsedAddress, 10_000);
    expect(spoofSeen).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);

    // recorded at most once a minute: an immediate second use does not rewrite it
    const first = (await getToken(api, w.owner.cookie, native.token.id)).json.token.lastUsedAt;
    expect(await download(api, w, native.secret)).toBe(200);
    await sleep(1_000);
    expect((await getToken(api, w.owner.cookie, native.token.id)).json.token.lastUsedAt).toBe(first);
    // a token never used stays null
    const unused = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    await sleep(300);
    expect((await getToken(api, w.owner.cookie, unused.token.id)).json.token.lastUsedAt).toBeNull();
  });
});
