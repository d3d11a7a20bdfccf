/**
 * Gap found from outside (issue 12): a resource token with `read` on one repository got 403 "does
 * not grant org.member:view" listing GET /api/v1/orgs/{org}/repos. A token lists what it can see:
 * the list is filtered by repo:view, not guarded by an org scope.
 */
import { test, expect } from '../support/fixtures';
import { expectError, signup } from './helpers';
import { createRepo, resourceToken, scopeToken, type Page, type Repo } from './pat-helpers';

test('a resource token with read on one repository lists exactly that repository', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  for (const name of ['alpha', 'beta', 'gamma']) await createRepo(api, { cookie: owner.cookie }, org, { name, visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: 'beta', access: 'read' }]);
  const res = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos`, { token: secret });
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  expect(res.json.items.map((r) => r.name)).toEqual(['beta']);
  expect(res.json.items[0]!.permissions).toEqual(['artifact:download', 'artifact:view', 'repo:view']);

  const two = await resourceToken(api, owner.cookie, org, [{ repo: 'alpha', access: 'upload' }, { repo: 'gamma', access: 'read' }]);
  const listed = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos`, { token: two.secret });
  expect(listed.json.items.map((r) => r.name)).toEqual(['alpha', 'gamma']);

  // A scope token with repo:view on one repository (no org scope) lists it too; one without
  // repo:view lists nothing, and that is an empty page, not a 403.
  const blind = await scopeToken(api, owner.cookie, org, ['artifact:download'], ['gamma']);
  const none = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos`, { token: blind.secret });
  expect(none.status, none.text.slice(0, 300)).toBe(200);
  expect(none.json.items).toEqual([]);
  const scoped = await scopeToken(api, owner.cookie, org, ['repo:view', 'artifact:download'], ['gamma']);
  const byScope = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos`, { token: scoped.secret });
  expect(byScope.status, byScope.text.slice(0, 300)).toBe(200);
  expect(byScope.json.items.map((r) => r.name)).toEqual(['gamma']);
});

test('the token still sees nothing of another organization, and anonymous callers get 401', async ({ api }) => {
  const owner = await signup(api);
  const other = await signup(api);
  await createRepo(api, { cookie: other.cookie }, other.org.slug, { name: 'theirs', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, owner.org.slug, [{ repo: '*', access: 'read' }]);
  expectError(await api.get(`/api/v1/orgs/${other.org.slug}/repos`, { token: secret }), 404, 'not_found');
  expectError(await api.get(`/api/v1/orgs/${owner.org.slug}/repos`), 401, 'unauthenticated');
  expectError(await api.get(`/api/v1/orgs/${other.org.slug}/repos`, { cookie: owner.cookie }), 404, 'not_found');
});
