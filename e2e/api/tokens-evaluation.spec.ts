/**
 * Personal access tokens in use (docs/permissions.md "Personal access tokens", docs/http.md "Personal access
 * tokens"): Bearer use on the management API (what a token may and may not do, no minting tokens
 * with a token), and the rules evaluated at every request (user now ∩ grant, org role changes,
 * grants bound to repository ids). Native use goes through the real `curl` binary on the raw route.
 */
import { test, expect } from '../support/fixtures';
import { addMember, expectError, signIn, uid } from './helpers';
import {
  CRED_FORMS,
  createRepo,
  curlGet,
  curlPut,
  errorCode,
  payload,
  postToken,
  rawPath,
  resourceToken,
  scopeToken,
  setRepoRole,
  sha256,
  shown,
  upload,
  type Page,
  type Repo,
} from './pat-helpers';
import { download, getToken, listTokens, world } from './tokens-helpers';

test.describe('tokens on the management API', () => {
  test('a scope token with repo:create creates a repository; without it, 403 insufficient_scope', async ({ api }) => {
    const w = await world(api);
    const creator = await scopeToken(api, w.owner.cookie, w.org, ['repo:create'], '*');
    const name = `made-by-token-${uid()}`;
    const res = await api.post<Repo>(`/api/v1/orgs/${w.org}/repos`, { name, format: 'raw' }, { token: creator.secret });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ name, format: 'raw' });
    const seen = await api.get<Repo>(`/api/v1/orgs/${w.org}/repos/${name}`, { cookie: w.owner.cookie });
    expect(seen.status).toBe(200);
    expect(seen.json.id).toBe(res.json.id);

    // (listing an org's repositories takes org.member:view, an organization scope)
    const viewer = await scopeToken(api, w.owner.cookie, w.org, ['org.member:view', 'repo:view', 'artifact:view'], '*');
    expectError(await api.post(`/api/v1/orgs/${w.org}/repos`, { name: `nope-${uid()}`, format: 'raw' }, { token: viewer.secret }), 403, 'insufficient_scope', 'no repo:create');
    // what the viewer token may do
    const list = await api.get<Page<Repo>>(`/api/v1/orgs/${w.org}/repos`, { token: viewer.secret });
    expect(list.status, list.text).toBe(200);
    expect(list.json.items.map((r) => r.name)).toEqual(expect.arrayContaining(['libs', 'app', name]));
    const files = await api.get<Page<{ path: string }>>(`/api/v1/orgs/${w.org}/repos/libs/files`, { token: viewer.secret });
    expect(files.json.items.map((f) => f.path)).toEqual([w.file]);
    // and may not
    expectError(await api.delete(`/api/v1/orgs/${w.org}/repos/libs/files/${w.file}`, { token: viewer.secret }), 403, 'insufficient_scope', 'viewer deletes a file');
    expectError(await api.patch(`/api/v1/orgs/${w.org}/repos/libs`, { description: 'x' }, { token: viewer.secret }), 403, 'insufficient_scope', 'viewer edits');
    expect((await download(api, w, viewer.secret))).toBe(403);

    // A member's scope token with repo:create: the member becomes admin of what the token creates.
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'creator');
    const memberCookie = await signIn(api, member.email, member.password);
    const memberToken = await scopeToken(api, memberCookie, w.org, ['repo:create'], '*');
    const made = await api.post<Repo>(`/api/v1/orgs/${w.org}/repos`, { name: `member-${uid()}`, format: 'raw' }, { token: memberToken.secret });
    expect(made.status, made.text).toBe(201);
    const asMember = await api.get<Repo>(`/api/v1/orgs/${w.org}/repos/${made.json.name}`, { cookie: memberCookie });
    expect(asMember.json.permissions).toEqual(expect.arrayContaining(['repo:delete', 'repo.member:edit', 'artifact:download']));
  });

  test('a resource token reads what it covers and gets 403 insufficient_scope on /api/v1/tokens', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const repo = await api.get<Repo>(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret });
    expect(repo.status, repo.text).toBe(200);
    expect([...repo.json.permissions].sort()).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/app`, { token: t.secret }), 404, 'not_found', 'uncovered repository');
    expectError(await api.get('/api/v1/tokens', { token: t.secret }), 403, 'insufficient_scope', 'resource token lists tokens');
    expectError(await api.get(`/api/v1/tokens/${t.token.id}`, { token: t.secret }), 403, 'insufficient_scope', 'resource token reads itself');
    expectError(await api.post(`/api/v1/orgs/${w.org}/repos`, { name: `x-${uid()}`, format: 'raw' }, { token: t.secret }), 403, undefined, 'resource token creates a repo');
    expect([403, 404]).toContain((await api.post(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { token: t.secret })).status);
    expect(await download(api, w, t.secret)).toBe(200);

    // A token opens nothing in another organization, even one its owner owns.
    const second = await api.post<{ slug: string }>('/api/v1/orgs', { name: 'Second', slug: `second-${uid()}` }, { cookie: w.owner.cookie });
    expect(second.status, second.text).toBe(201);
    await createRepo(api, { cookie: w.owner.cookie }, second.json.slug, { name: 'libs', format: 'raw', visibility: 'private' });
    const everything = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expectError(await api.get(`/api/v1/orgs/${second.json.slug}/repos/libs`, { token: everything.secret }), 404, 'not_found', 'other org repo');
    const put = await curlPut(api.url, rawPath(second.json.slug, 'libs', 'x.bin'), payload('x'), { form: 'bearer', token: everything.secret });
    expect(put.status, shown(put)).toBe(404);
  });

  test('a token cannot mint tokens: create and reissue need a session (403)', async ({ api }) => {
    const w = await world(api);
    const tokenAdmin = await scopeToken(api, w.owner.cookie, w.org, ['token:view', 'token:edit', 'repo:create'], '*');
    const resource = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    const body = { org: w.org, name: 'minted', type: 'resource', resources: [{ repo: 'libs', access: 'read' }] };
    for (const t of [tokenAdmin, resource]) {
      const res = await postToken(api, { token: t.secret }, body);
      expectError(res, 403, undefined, `POST /tokens with ${t.token.type} token`);
      const reissue = await api.patch(`/api/v1/tokens/${t.token.id}`, { reissue: true }, { token: t.secret });
      expectError(reissue, 403, undefined, `reissue with ${t.token.type} token`);
      // a token and a session cookie together: the token is the credential
      const both = await postToken(api, { token: t.secret, cookie: w.owner.cookie }, body);
      expect(both.status, both.text).toBe(403);
    }
    // nothing minted, and both secrets unchanged
    const list = await listTokens(api, w.owner.cookie);
    expect(list.json.items.filter((t) => t.name === 'minted')).toEqual([]);
    expect(await download(api, w, resource.secret)).toBe(200);
    expect((await api.get(`/api/v1/orgs/${w.org}/repos`, { token: tokenAdmin.secret })).status).not.toBe(401);
  });
});

test.describe('evaluated at every request', () => {
  test('a scope token shrinks with its user: developer → reader → no role', async ({ api }) => {
    const w = await world(api);
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'dev');
    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'developer');
    const cookie = await signIn(api, member.email, member.password);
    const t = await scopeToken(api, cookie, w.org, ['repo:view', 'artifact:download', 'artifact:create'], ['libs']);
    const cred = { form: 'bearer' as const, token: t.secret };
    expect(await download(api, w, t.secret)).toBe(200);
    await upload(api.url, w.org, 'libs', `dev-${uid()}.bin`, payload('as developer'), cred);

    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'reader');
    expect(await download(api, w, t.secret)).toBe(200);
    const put = await curlPut(api.url, rawPath(w.org, 'libs', `reader-${uid()}.bin`), payload('as reader'), cred);
    expect(put.status, shown(put)).toBe(403);
    expect(errorCode(put)).toBe('insufficient_scope');

    const removed = await api.delete(`/api/v1/orgs/${w.org}/repos/libs/members/${member.user.id}`, { cookie: w.owner.cookie });
    expect(removed.status, removed.text).toBe(204);
    expect(await download(api, w, t.secret)).toBe(404);
    expect((await curlPut(api.url, rawPath(w.org, 'libs', `none-${uid()}.bin`), payload('none'), cred)).status).toBe(404);

    // promoting the user again widens the token back, up to its grant (never beyond it)
    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'admin');
    expect(await download(api, w, t.secret)).toBe(200);
    expect([403, 404]).toContain((await api.delete(`/api/v1/orgs/${w.org}/repos/libs/files/${w.file}`, { token: t.secret })).status);
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('an org role change applies to tokens at once: org admin → member → admin', async ({ api }) => {
    const w = await world(api);
    const admin = await addMember(api, w.owner.cookie, w.org, 'admin', 'orgadmin');
    const cookie = await signIn(api, admin.email, admin.password);
    const t = await resourceToken(api, cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expect(await download(api, w, t.secret)).toBe(200);
    const role = async (r: string) => {
      const res = await api.patch(`/api/v1/orgs/${w.org}/members/${admin.user.id}`, { role: r }, { cookie: w.owner.cookie });
      expect(res.status, res.text).toBe(200);
    };
    await role('member');
    expect(await download(api, w, t.secret)).toBe(404);
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 404, 'not_found', 'token of a demoted admin');
    await role('admin');
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('a deleted and re-created repository of the same name is not covered by old grants', async ({ api }) => {
    const w = await world(api);
    const named = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const scoped = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], ['libs']);
    const star = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'read' }]);
    const starScope = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], '*');
    for (const t of [named, scoped, star, starScope]) expect(await download(api, w, t.secret)).toBe(200);

    const del = await api.delete(`/api/v1/orgs/${w.org}/repos/libs`, { cookie: w.owner.cookie });
    expect(del.status, del.text).toBe(204);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'libs', format: 'raw', visibility: 'private' });
    const writer = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'upload' }]);
    const bytes = payload('the new libs');
    await upload(api.url, w.org, 'libs', w.file, bytes, { form: 'bearer', token: writer.secret });

    // grants that named the old repository do not reach the new one
    for (const t of [named, scoped]) {
      for (const form of CRED_FORMS) {
        const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret });
        expect(r.status, shown(r)).toBe(404);
        expect(r.body.includes(Buffer.from('the new libs'))).toBe(false);
      }
      expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 404, 'not_found', 'old grant on the API');
    }
    // "*" covers every current and future repository of the org
    for (const t of [star, starScope]) {
      const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form: 'basic', token: t.secret });
      expect(r.status, shown(r)).toBe(200);
      expect(sha256(r.body)).toBe(sha256(bytes));
    }
    // the old tokens no longer name the repository in their grants
    const namedNow = (await getToken(api, w.owner.cookie, named.token.id)).json.token;
    expect(namedNow.resources ?? []).not.toContainEqual({ repo: 'libs', access: 'read' });
    const scopedNow = (await getToken(api, w.owner.cookie, scoped.token.id)).json.token;
    expect(scopedNow.repositories).not.toContain('libs');
  });
});
