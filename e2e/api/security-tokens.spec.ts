/**
 * Security review 2026-12-01, personal access tokens:
 * - M3: a PAT with token:edit may not lengthen any token's validity (its own or an expired
 *   sibling's), and sees and manages only its owner's tokens of its own org.
 * - L3: a refused grant names only repositories the caller may view.
 */
import { test, expect } from '../support/fixtures';
import { addMember, expectError, uid } from './helpers';
import { createRepo, postToken, resourceToken, scopeToken, sleep, type Token } from './pat-helpers';
import { download, getToken, ids, listTokens, world } from './tokens-helpers';

const TOKEN_ADMIN = ['token:view', 'token:edit', 'artifact:download', 'repo:view'];

test.describe('M3: a token cannot make tokens live longer', () => {
  test('a PAT cannot clear or extend its own expiry; it may still shorten it, rename it, and a session may extend it', async ({ api }) => {
    const w = await world(api);
    const short = await scopeToken(api, w.owner.cookie, w.org, TOKEN_ADMIN, ['libs'], { expiresIn: '1h' });
    const self = `/api/v1/tokens/${short.token.id}`;
    const as = { token: short.secret };

    const cleared = expectError(await api.patch(self, { expiresAt: null }, as), 403, 'forbidden', 'clear own expiry');
    expect(cleared.error.message).toMatch(/session/i);
    expectError(await api.patch(self, { expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }, as), 403, 'forbidden', 'later expiry');
    expectError(await api.patch(self, { expiresIn: '30d' }, as), 403, 'forbidden', 'later expiry as a duration');
    expectError(await api.patch(self, { expiresIn: 'never' }, as), 403, 'forbidden', 'never');
    expect((await getToken(api, w.owner.cookie, short.token.id)).json.token.expiresAt).toBe(short.token.expiresAt);

    // narrowing changes stay open to the token
    const sooner = new Date(Date.now() + 30 * 60_000).toISOString();
    const shortened = await api.patch<{ token: Token }>(self, { expiresAt: sooner, name: `renamed-${uid()}` }, as);
    expect(shortened.status, shortened.text).toBe(200);
    expect(shortened.json.token.expiresAt).toBe(sooner);

    // the person may extend it
    const extended = await api.patch<{ token: Token }>(self, { expiresAt: null }, { cookie: w.owner.cookie });
    expect(extended.status, extended.text).toBe(200);
    expect(extended.json.token.expiresAt).toBeNull();
  });

  test('a PAT cannot revive an expired token, not even by renaming it', async ({ api }) => {
    const w = await world(api);
    const admin = await scopeToken(api, w.owner.cookie, w.org, TOKEN_ADMIN, ['libs'], { expiresIn: '1h' });
    const brief = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }], { expiresIn: '2s' });
    await sleep(3_000);
    expect(await download(api, w, brief.secret)).toBe(401);

    const path = `/api/v1/tokens/${brief.token.id}`;
    for (const body of [{ expiresAt: null }, { expiresIn: '30d' }, { name: 'still expired' }]) {
      expectError(await api.patch(path, body, { token: admin.secret }), 403, 'forbidden', `revive with ${JSON.stringify(body)}`);
    }
    expect((await getToken(api, w.owner.cookie, brief.token.id)).json.token.status).toBe('expired');
    expect(await download(api, w, brief.secret)).toBe(401);
    // revoking or deleting it only narrows: allowed
    const revoked = await api.post<{ token: Token }>(`${path}/revoke`, undefined, { token: admin.secret });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json.token.status).toBe('revoked');
  });
});

test.describe('M3: a token is bound to its org for token management too', () => {
  test('a PAT of org A lists only org A tokens and gets 404 on the owner\'s tokens of org B', async ({ api }) => {
    const w = await world(api);
    const second = await api.post<{ slug: string }>('/api/v1/orgs', { name: 'Second', slug: `second-${uid()}` }, { cookie: w.owner.cookie });
    expect(second.status, second.text).toBe(201);
    const orgB = second.json.slug;
    await createRepo(api, { cookie: w.owner.cookie }, orgB, { name: 'other', format: 'raw', visibility: 'private' });
    const inB = await resourceToken(api, w.owner.cookie, orgB, [{ repo: 'other', access: 'read' }], { expiresIn: '1h' });
    const admin = await scopeToken(api, w.owner.cookie, w.org, TOKEN_ADMIN, '*');
    const as = { token: admin.secret };

    const listed = await api.get<{ items: Token[] }>('/api/v1/tokens', as);
    expect(listed.status, listed.text).toBe(200);
    expect(new Set(listed.json.items.map((t) => t.org))).toEqual(new Set([w.org]));
    expect(listed.json.items.map((t) => t.id)).not.toContain(inB.token.id);
    const filtered = await api.get(`/api/v1/tokens?org=${orgB}`, as);
    expect(filtered.status, filtered.text).toBe(404);

    const path = `/api/v1/tokens/${inB.token.id}`;
    expectError(await api.get(path, as), 404, 'not_found', 'read org B token');
    expectError(await api.patch(path, { name: 'hijacked', expiresAt: null }, as), 404, 'not_found', 'edit org B token');
    expectError(await api.post(`${path}/revoke`, undefined, as), 404, 'not_found', 'revoke org B token');
    expectError(await api.delete(path, as), 404, 'not_found', 'delete org B token');

    // untouched, and the session still sees both orgs
    const b = (await getToken(api, w.owner.cookie, inB.token.id)).json.token;
    expect(b).toMatchObject({ name: inB.token.name, status: 'active', expiresAt: inB.token.expiresAt });
    expect(ids((await listTokens(api, w.owner.cookie)).json)).toEqual(expect.arrayContaining([inB.token.id, admin.token.id]));
  });
});

test.describe('L3: refused grants do not name private repositories', () => {
  test('a distribution manager and a member see names only of repositories they may view', async ({ api }) => {
    const w = await world(api); // private "libs" and "app"
    const secret = `hidden-${uid()}`;
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: secret, format: 'raw', visibility: 'private' });
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'dist', format: 'raw', visibility: 'distribution' });

    const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');
    const res = await postToken(api, { cookie: dm.cookie }, { org: w.org, name: 'wide', type: 'scope', scopes: ['repo:view', 'artifact:download'], repositories: '*' });
    expectError(res, 400, 'invalid_request', 'distribution manager, every repository');
    for (const name of ['libs', 'app', secret]) expect(res.text).not.toContain(name);
    expect(res.text).toMatch(/3 repositories you cannot access/);

    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'member');
    const star = await postToken(api, { cookie: member.cookie }, { org: w.org, name: 'star', type: 'resource', resources: [{ repo: '*', access: 'read' }] });
    expectError(star, 400, 'invalid_request', 'member, read on every repository');
    for (const name of ['libs', 'app', secret, '"dist"']) expect(star.text).not.toContain(name);
    expect(star.text).toMatch(/repositories you cannot access/);

    // naming a private repository they cannot see answers as for one that does not exist
    const named = await postToken(api, { cookie: member.cookie }, { org: w.org, name: 'named', type: 'resource', resources: [{ repo: secret, access: 'read' }] });
    const missing = await postToken(api, { cookie: member.cookie }, { org: w.org, name: 'named', type: 'resource', resources: [{ repo: `nope-${uid()}`, access: 'read' }] });
    const a = expectError(named, 400, 'invalid_request');
    const b = expectError(missing, 400, 'invalid_request');
    expect(a.error.message).toBe(b.error.message);
  });
});
