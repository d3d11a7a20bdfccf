/**
 * Invitations, managing them (docs/http.md "Accounts and organizations", docs/permissions.md "Credentials"):
 * creating, listing, repository roles, re-inviting, who may invite whom, and revoking.
 */
import { test, expect } from '../support/fixtures';
import {
  PASSWORD,
  SECRET_RE,
  accept,
  addMember,
  detailPaths,
  expectError,
  invite,
  signup,
  uid,
  uniqueEmail,
  type Invitation,
} from './helpers';
import type { Page, PublicInvitation } from './invitations-helpers';

test.describe('creating and listing', () => {
  test('POST creates a pending invitation with a one-time tgi_ link', async ({ api, server }) => {
    const owner = await signup(api);
    const id = uid();
    const before = Date.now();
    const res = await api.post<Invitation>(
      `/api/v1/orgs/${owner.org.slug}/invitations`,
      { email: `New.Person-${id}@Example.TEST`, role: 'admin' },
      { cookie: owner.cookie },
    );
    expect(res.status, res.text).toBe(201);
    const inv = res.json;
    expect(inv).toMatchObject({
      id: expect.any(String),
      email: `new.person-${id}@example.test`,
      role: 'admin',
      repositories: [],
      emailed: false, // no SMTP_URL on the shared server
    });
    expect([owner.email, owner.user.id]).toContain(inv.invitedBy);
    expect(new Date(inv.createdAt).toISOString()).toBe(inv.createdAt);
    expect(new Date(inv.expiresAt).toISOString()).toBe(inv.expiresAt);
    expect(Date.parse(inv.createdAt)).toBeGreaterThan(before - 60_000);
    expect(Date.parse(inv.expiresAt)).toBeGreaterThan(Date.now() + 60 * 60_000);
    // the link: ${PUBLIC_URL}/invite/tgi_ + 38 base62
    expect(inv.acceptUrl.startsWith(`${server.url}/invite/`)).toBe(true);
    const secret = inv.acceptUrl.slice(`${server.url}/invite/`.length);
    expect(secret).toMatch(SECRET_RE);

    // listed as pending, without the secret
    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${owner.org.slug}/invitations`, { cookie: owner.cookie });
    expect(list.status, list.text).toBe(200);
    expect(list.json.nextCursor).toBeNull();
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({ id: inv.id, email: inv.email, role: 'admin', expiresAt: inv.expiresAt });
    expect(list.text).not.toContain(secret);

    // a second link for the same org and address is a different secret each time
    const other = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail(), role: 'member' });
    expect(other.secret).not.toBe(secret);
  });

  test('lists page with limit and cursor', async ({ api }) => {
    const owner = await signup(api);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('p'), role: 'member' })).id);
    const base = `/api/v1/orgs/${owner.org.slug}/invitations`;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api.get<Page<Invitation>>(base + q, { cookie: owner.cookie });
      expect(page.status, page.text).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((i) => i.id));
      cursor = page.json.nextCursor;
      expect(++pages).toBeLessThan(10);
    } while (cursor);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...created].sort());
    expect(new Set(seen).size).toBe(5);
    for (const limit of ['0', '201', 'x']) expectError(await api.get(`${base}?limit=${limit}`, { cookie: owner.cookie }), 400, 'invalid_request', `limit=${limit}`);
  });

  test('invalid input: 400 with details; unknown repository on repositories.0.repo', async ({ api }) => {
    const owner = await signup(api);
    const url = `/api/v1/orgs/${owner.org.slug}/invitations`;

    const unknownRepo = await api.post(url, { email: uniqueEmail(), role: 'member', repositories: [{ repo: `no-such-repo-${uid()}`, role: 'reader' }] }, { cookie: owner.cookie });
    expectError(unknownRepo, 400, 'invalid_request');
    expect(detailPaths(unknownRepo)).toEqual(['repositories.0.repo']);

    for (const role of ['reader', 'uploader', 'developer', 'admin']) {
      const res = await api.post(url, { email: uniqueEmail(), role: 'member', repositories: [{ repo: `nope-${uid()}`, role }] }, { cookie: owner.cookie });
      expectError(res, 400, 'invalid_request', `repo role ${role}`);
      expect(detailPaths(res)).toEqual(['repositories.0.repo']);
    }
    const badRepoRole = await api.post(url, { email: uniqueEmail(), role: 'member', repositories: [{ repo: 'x', role: 'owner' }] }, { cookie: owner.cookie });
    expectError(badRepoRole, 400, 'invalid_request');
    expect(detailPaths(badRepoRole)).toEqual(['repositories.0.role']);

    const empty = await api.post(url, {}, { cookie: owner.cookie });
    expectError(empty, 400, 'invalid_request');
    expect(detailPaths(empty).sort()).toEqual(['email', 'role']);

    const badEmail = await api.post(url, { email: 'nobody', role: 'member' }, { cookie: owner.cookie });
    expectError(badEmail, 400, 'invalid_request');
    expect(detailPaths(badEmail)).toEqual(['email']);
    const badRole = await api.post(url, { email: uniqueEmail(), role: 'god' }, { cookie: owner.cookie });
    expectError(badRole, 400, 'invalid_request');
    expect(detailPaths(badRole)).toEqual(['role']);

    // nothing was created by any of these
    const list = await api.get<Page<Invitation>>(url, { cookie: owner.cookie });
    expect(list.json.items).toEqual([]);
  });

  test('repository roles: named repositories are granted on acceptance; an unknown one anywhere in the list is 400', async ({ api }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const repo = `repo-${uid()}`;
    const created = await api.post(`/api/v1/orgs/${slug}/repos`, { name: repo, format: 'raw' }, { cookie: owner.cookie });
    expect(created.status, created.text).toBe(201);

    const mixed = await api.post(
      `/api/v1/orgs/${slug}/invitations`,
      { email: uniqueEmail(), role: 'member', repositories: [{ repo, role: 'reader' }, { repo: `ghost-${uid()}`, role: 'reader' }] },
      { cookie: owner.cookie },
    );
    expectError(mixed, 400, 'invalid_request');
    expect(detailPaths(mixed)).toEqual(['repositories.1.repo']);

    const email = uniqueEmail('dev');
    const inv = await invite(api, owner.cookie, slug, { email, role: 'member', repositories: [{ repo, role: 'developer' }] });
    expect(inv.repositories).toEqual([{ repo, role: 'developer' }]);
    const listed = await api.get<Page<Invitation>>(`/api/v1/orgs/${slug}/invitations`, { cookie: owner.cookie });
    expect(listed.json.items.find((i) => i.id === inv.id)?.repositories).toEqual([{ repo, role: 'developer' }]);

    const accepted = await accept(api, inv.secret, { name: 'Repo Dev', password: PASSWORD });
    expect(accepted.status, accepted.text).toBe(200);
    const members = await api.get<Page<{ userId: string; role: string }>>(`/api/v1/orgs/${slug}/repos/${repo}/members`, { cookie: owner.cookie });
    expect(members.status, members.text).toBe(200);
    expect(members.json.items.find((m) => m.userId === accepted.json.user.id)?.role).toBe('developer');
  });

  test('inviting a member is 409; re-inviting a pending address replaces the older invitation', async ({ api }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const url = `/api/v1/orgs/${slug}/invitations`;
    expectError(await api.post(url, { email: owner.email, role: 'member' }, { cookie: owner.cookie }), 409, 'conflict', 'the owner themself');
    const member = await addMember(api, owner.cookie, slug, 'member');
    expectError(await api.post(url, { email: member.email.toUpperCase(), role: 'admin' }, { cookie: owner.cookie }), 409, 'conflict', 'an existing member');

    const email = uniqueEmail('twice');
    const first = await invite(api, owner.cookie, slug, { email, role: 'member' });
    const second = await invite(api, owner.cookie, slug, { email: email.toUpperCase(), role: 'admin' });
    expect(second.id).not.toBe(first.id);

    expectError(await api.get(`/api/v1/invitations/${first.secret}`), 404, 'not_found', 'replaced invitation');
    expectError(await accept(api, first.secret, { name: 'Old Link', password: PASSWORD }), 404, 'not_found', 'accept replaced');
    const list = await api.get<Page<Invitation>>(url, { cookie: owner.cookie });
    expect(list.json.items.map((i) => i.id)).toEqual([second.id]);

    const look = await api.get<PublicInvitation>(`/api/v1/invitations/${second.secret}`);
    expect(look.status).toBe(200);
    expect(look.json.role).toBe('admin');

    // the same address may be pending in another org at the same time
    const otherOwner = await signup(api);
    const elsewhere = await invite(api, otherOwner.cookie, otherOwner.org.slug, { email, role: 'member' });
    expect((await api.get(`/api/v1/invitations/${second.secret}`)).status).toBe(200);
    expect((await api.get(`/api/v1/invitations/${elsewhere.secret}`)).status).toBe(200);
  });

  test('permissions: members 403, strangers 404, admins invite non-owners, only owners invite owners', async ({ api }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const url = `/api/v1/orgs/${slug}/invitations`;
    const member = await addMember(api, owner.cookie, slug, 'member');
    const dm = await addMember(api, owner.cookie, slug, 'distribution_manager', 'dm');
    const admin = await addMember(api, owner.cookie, slug, 'admin', 'admin');
    const stranger = await signup(api);
    const pending = await invite(api, owner.cookie, slug, { email: uniqueEmail(), role: 'member' });

    for (const [who, cookie] of [['member', member.cookie], ['distribution manager', dm.cookie]] as const) {
      expectError(await api.post(url, { email: uniqueEmail(), role: 'member' }, { cookie }), 403, 'forbidden', `${who} invites`);
      expectError(await api.get(url, { cookie }), 403, 'forbidden', `${who} lists`);
      expectError(await api.delete(`${url}/${pending.id}`, { cookie }), 403, 'forbidden', `${who} revokes`);
    }
    expectError(await api.post(url, { email: uniqueEmail(), role: 'member' }, { cookie: stranger.cookie }), 404, 'not_found', 'stranger invites');
    expectError(await api.get(url, { cookie: stranger.cookie }), 404, 'not_found', 'stranger lists');
    expectError(await api.delete(`${url}/${pending.id}`, { cookie: stranger.cookie }), 404, 'not_found', 'stranger revokes');
    expectError(await api.post(url, { email: uniqueEmail(), role: 'member' }), 401, 'unauthenticated');
    expectError(await api.get(url), 401, 'unauthenticated');

    for (const role of ['member', 'admin', 'distribution_manager']) {
      const res = await api.post(url, { email: uniqueEmail(), role }, { cookie: admin.cookie });
      expect(res.status, `admin invites ${role}: ${res.text}`).toBe(201);
    }
    expectError(await api.post(url, { email: uniqueEmail(), role: 'owner' }, { cookie: admin.cookie }), 403, 'forbidden', 'admin invites owner');

    const ownerInvite = await invite(api, owner.cookie, slug, { email: uniqueEmail('co-owner'), role: 'owner' });
    const accepted = await accept(api, ownerInvite.secret, { name: 'Co Owner', password: PASSWORD });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.org.role).toBe('owner');
    // the new owner can now grant the owner role too
    const byCoOwner = await api.post(url, { email: uniqueEmail(), role: 'owner' }, { cookie: accepted.cookie });
    expect(byCoOwner.status, byCoOwner.text).toBe(201);

    // the stranger's org does not see this org's invitation ids
    expectError(await api.delete(`/api/v1/orgs/${stranger.org.slug}/invitations/${pending.id}`, { cookie: stranger.cookie }), 404, 'not_found', 'id of another org');
    expect((await api.get(`/api/v1/invitations/${pending.secret}`)).status).toBe(200);
  });
});

test.describe('revoking', () => {
  test('DELETE revokes: 204, then 404; the link stops working', async ({ api }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const inv = await invite(api, owner.cookie, slug, { email: uniqueEmail(), role: 'member' });
    const keep = await invite(api, owner.cookie, slug, { email: uniqueEmail(), role: 'member' });

    const res = await api.delete(`/api/v1/orgs/${slug}/invitations/${inv.id}`, { cookie: owner.cookie });
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe('');
    expectError(await api.delete(`/api/v1/orgs/${slug}/invitations/${inv.id}`, { cookie: owner.cookie }), 404, 'not_found', 'second revoke');
    expectError(await api.get(`/api/v1/invitations/${inv.secret}`), 404, 'not_found', 'lookup revoked');
    expectError(await accept(api, inv.secret, { name: 'Too Late', password: PASSWORD }), 404, 'not_found', 'accept revoked');

    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${slug}/invitations`, { cookie: owner.cookie });
    expect(list.json.items.map((i) => i.id)).toEqual([keep.id]);

    expectError(await api.delete(`/api/v1/orgs/${slug}/invitations/no-such-id-${uid()}`, { cookie: owner.cookie }), 404, 'not_found', 'unknown id');
  });

  test('an accepted invitation can no longer be revoked', async ({ api }) => {
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail(), role: 'member' });
    expect((await accept(api, inv.secret, { name: 'Quick', password: PASSWORD })).status).toBe(200);
    expectError(await api.delete(`/api/v1/orgs/${owner.org.slug}/invitations/${inv.id}`, { cookie: owner.cookie }), 404, 'not_found');
    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${owner.org.slug}/invitations`, { cookie: owner.cookie });
    expect(list.json.items).toEqual([]);
  });
});
