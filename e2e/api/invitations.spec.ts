/**
 * Invitations (API.md "Accounts and organizations", PRODUCT.md "Credentials"): creating, listing,
 * revoking, looking up and accepting; single use; expiry; e-mail delivery over a real SMTP server.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { test, expect, createApi } from '../support/fixtures';
import { startServer } from '../support/server';
import {
  PASSWORD,
  SECRET_RE,
  accept,
  addMember,
  detailPaths,
  expectError,
  expireInvitation,
  invite,
  signIn,
  signup,
  uid,
  uniqueEmail,
  wellFormedUnknownSecret,
  whoami,
  type Invitation,
} from './helpers';

type Page<T> = { items: T[]; nextCursor: string | null };
type PublicInvitation = { org: { slug: string; name: string }; email: string; role: string; expiresAt: string; existingUser: boolean };

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

test.describe('looking up and accepting', () => {
  test('GET /invitations/{secret} describes the invitation without credentials', async ({ api }) => {
    const owner = await signup(api);
    const email = uniqueEmail('look');
    const inv = await invite(api, owner.cookie, owner.org.slug, { email, role: 'distribution_manager' });
    const res = await api.get<PublicInvitation>(`/api/v1/invitations/${inv.secret}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      org: { slug: owner.org.slug, name: owner.org.name },
      email,
      role: 'distribution_manager',
      expiresAt: inv.expiresAt,
      existingUser: false,
    });

    // existingUser: true when an account with the address exists
    const someone = await signup(api);
    const inv2 = await invite(api, owner.cookie, owner.org.slug, { email: someone.email, role: 'member' });
    const res2 = await api.get<PublicInvitation>(`/api/v1/invitations/${inv2.secret}`);
    expect(res2.json.existingUser).toBe(true);
    // looking up does not use it up
    expect((await api.get(`/api/v1/invitations/${inv2.secret}`)).status).toBe(200);
  });

  test('malformed, unknown and tampered secrets are 404', async ({ api }) => {
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail(), role: 'member' });
    const flipped = inv.secret.slice(0, 10) + (inv.secret[10] === 'a' ? 'b' : 'a') + inv.secret.slice(11);
    const bad = [
      'tgi_abc',
      wellFormedUnknownSecret('i'),
      inv.secret.replace(/^tgi_/, 'tgp_'),
      inv.secret.replace(/^tgi_/, 'tge_'),
      flipped,
      inv.secret.slice(0, -1),
      `${inv.secret}x`,
      inv.secret.toLowerCase(),
      'x'.repeat(50),
      'tgi_' + '0'.repeat(38),
    ];
    for (const s of bad) {
      expectError(await api.get(`/api/v1/invitations/${s}`), 404, 'not_found', `lookup ${s}`);
      expectError(await accept(api, s, { name: 'X', password: PASSWORD }), 404, 'not_found', `accept ${s}`);
    }
    // the genuine one still works after all that
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);
  });

  test('a new user accepts with name and password: 200, account, membership, session', async ({ api }) => {
    const owner = await signup(api);
    const email = uniqueEmail('newbie');
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: email.toUpperCase(), role: 'admin' });

    const missing = await accept(api, inv.secret, {});
    expectError(missing, 400, 'invalid_request', 'no name, no password');
    expect(detailPaths(missing).sort()).toEqual(['name', 'password']);
    const noPassword = await accept(api, inv.secret, { name: 'Only Name' });
    expectError(noPassword, 400, 'invalid_request');
    expect(detailPaths(noPassword)).toEqual(['password']);
    const noName = await accept(api, inv.secret, { password: PASSWORD });
    expectError(noName, 400, 'invalid_request');
    expect(detailPaths(noName)).toEqual(['name']);
    const shortPassword = await accept(api, inv.secret, { name: 'Short', password: 'elevenchars' });
    expectError(shortPassword, 400, 'invalid_request');
    expect(detailPaths(shortPassword)).toEqual(['password']);
    // none of those used the invitation up
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);

    const res = await accept(api, inv.secret, { name: 'New Bie', password: PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toEqual({ id: expect.any(String), email, name: 'New Bie' });
    expect(res.json.org).toEqual({ slug: owner.org.slug, name: owner.org.name, role: 'admin' });
    expect(res.cookie).toContain('next-auth.session-token=');
    expect(res.text).not.toContain(PASSWORD);

    const me = await whoami(api, res.cookie);
    expect(me.status).toBe(200);
    expect(me.json.orgs).toEqual([{ slug: owner.org.slug, name: owner.org.name, role: 'admin' }]);
    // the role is real: an admin edits settings
    expect((await api.patch(`/api/v1/orgs/${owner.org.slug}`, { name: 'Edited by invitee' }, { cookie: res.cookie })).status).toBe(200);
    // and the password is real
    await signIn(api, email, PASSWORD);

    // single use
    expectError(await accept(api, inv.secret, { name: 'Again', password: PASSWORD }), 404, 'not_found', 'second accept');
    expectError(await accept(api, inv.secret, {}, res.cookie), 404, 'not_found', 'second accept, signed in');
    expectError(await api.get(`/api/v1/invitations/${inv.secret}`), 404, 'not_found', 'lookup after use');
    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${owner.org.slug}/invitations`, { cookie: owner.cookie });
    expect(list.json.items).toEqual([]);
  });

  test('an existing account: 401 without a session, 403 with another user, 200 as the invitee', async ({ api }) => {
    const owner = await signup(api);
    const invitee = await signup(api);
    const someoneElse = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: invitee.email, role: 'member' });

    expectError(await accept(api, inv.secret, {}), 401, 'unauthenticated', 'no session');
    // not even with a name and password (that would create a second account for the address)
    expectError(await accept(api, inv.secret, { name: 'Impostor', password: PASSWORD }), 401, 'unauthenticated', 'no session, with a password');
    expectError(await accept(api, inv.secret, {}, someoneElse.cookie), 403, 'forbidden', 'session of another user');
    expectError(await accept(api, inv.secret, {}, owner.cookie), 403, 'forbidden', 'session of the inviter');
    // still pending after all refusals
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);

    const res = await accept(api, inv.secret, {}, invitee.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toMatchObject({ id: invitee.user.id, email: invitee.email });
    expect(res.json.org).toEqual({ slug: owner.org.slug, name: owner.org.name, role: 'member' });

    const me = await whoami(api, invitee.cookie);
    expect(me.json.orgs).toEqual(
      expect.arrayContaining([
        { slug: invitee.org.slug, name: invitee.org.name, role: 'owner' },
        { slug: owner.org.slug, name: owner.org.name, role: 'member' },
      ]),
    );
    // the original password was not touched
    await signIn(api, invitee.email, invitee.password);
    expectError(await accept(api, inv.secret, {}, invitee.cookie), 404, 'not_found', 'second accept');

    const members = await api.get<Page<{ userId: string; role: string }>>(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: owner.cookie });
    expect(members.json.items.map((m) => [m.userId, m.role])).toContainEqual([invitee.user.id, 'member']);
    expect(members.json.items).toHaveLength(2);
  });

  test('a signed-in new address: 403 for someone else\'s session even when the address has no account', async ({ api }) => {
    const owner = await signup(api);
    const other = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('fresh'), role: 'member' });
    expectError(await accept(api, inv.secret, { name: 'Someone', password: PASSWORD }, other.cookie), 403, 'forbidden');
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);
  });

  test('concurrent accepts of one invitation: exactly one succeeds', async ({ api }) => {
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('race'), role: 'member' });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => accept(api, inv.secret, { name: `Racer ${i}`, password: PASSWORD })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200), `statuses ${statuses.join(',')}`).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
    }
    const members = await api.get<Page<unknown>>(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: owner.cookie });
    expect(members.json.items).toHaveLength(2);
  });
});

test.describe('expiry', () => {
  test('an expired invitation is 404 to look up, accept and revoke, and is not listed', async ({ api, server }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const inv = await invite(api, owner.cookie, slug, { email: uniqueEmail('expired'), role: 'member' });
    const fresh = await invite(api, owner.cookie, slug, { email: uniqueEmail('fresh'), role: 'member' });
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);

    await expireInvitation(server, inv.id);

    expectError(await api.get(`/api/v1/invitations/${inv.secret}`), 404, 'not_found', 'lookup expired');
    expectError(await accept(api, inv.secret, { name: 'Late', password: PASSWORD }), 404, 'not_found', 'accept expired');
    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${slug}/invitations`, { cookie: owner.cookie });
    expect(list.json.items.map((i) => i.id)).toEqual([fresh.id]);
    expectError(await api.delete(`/api/v1/orgs/${slug}/invitations/${inv.id}`, { cookie: owner.cookie }), 404, 'not_found', 'revoke expired');

    // nobody was added
    const members = await api.get<Page<unknown>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect(members.json.items).toHaveLength(1);
    // an expired invitation for an address does not block a new one
    const again = await invite(api, owner.cookie, slug, { email: inv.email, role: 'member' });
    expect((await accept(api, again.secret, { name: 'On Time', password: PASSWORD })).status).toBe(200);
  });

  test('an expired invitation cannot be accepted by a signed-in invitee either', async ({ api, server }) => {
    const owner = await signup(api);
    const invitee = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: invitee.email, role: 'admin' });
    await expireInvitation(server, inv.id);
    expectError(await accept(api, inv.secret, {}, invitee.cookie), 404, 'not_found');
    const me = await whoami(api, invitee.cookie);
    expect(me.json.orgs.map((o) => o.slug)).toEqual([invitee.org.slug]);
  });
});

test('the accept link is built on PUBLIC_URL', async () => {
  test.setTimeout(120_000); // starts its own server
  const publicUrl = 'https://packages.example.test';
  const server = await startServer({ env: { PUBLIC_URL: publicUrl } });
  try {
    const api = createApi(server.url);
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('public'), role: 'member' });
    expect(inv.acceptUrl).toMatch(/^https:\/\/packages\.example\.test\/invite\/tgi_[0-9A-Za-z]{38}$/);
    expect(inv.acceptUrl).not.toContain(server.url);
    // the link's secret works against the server itself
    const look = await api.get<PublicInvitation>(`/api/v1/invitations/${inv.secret}`);
    expect(look.status, look.text).toBe(200);
    expect(look.json.org.slug).toBe(owner.org.slug);
  } finally {
    await server.stop();
  }
});

// ── e-mail ──────────────────────────────────────────────────────────────────────────────

type Captured = { from: string; to: string[]; raw: string };

function decodeBody(raw: string): string {
  // Decode every part as quoted-printable or base64 when its headers say so, keep the rest.
  const sections = raw.split(/\r?\n\r?\n/);
  const out: string[] = [raw];
  let encoding = '';
  for (const section of sections) {
    const m = /content-transfer-encoding:\s*([\w-]+)/i.exec(section);
    if (m) {
      encoding = m[1]!.toLowerCase();
      continue;
    }
    if (encoding === 'quoted-printable') {
      out.push(
        section
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      );
    } else if (encoding === 'base64') {
      out.push(Buffer.from(section.replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
  }
  return out.join('\n');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

test.describe('e-mail (SMTP_URL)', () => {
  test('creating an invitation e-mails the accept link to the invitee', async () => {
    test.setTimeout(120_000);
    const messages: Captured[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(port, '127.0.0.1', () => resolve());
    });
    const server = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const api = createApi(server.url);
      const owner = await signup(api);
      const email = uniqueEmail('mailed');
      const res = await api.post<Invitation>(`/api/v1/orgs/${owner.org.slug}/invitations`, { email, role: 'member' }, { cookie: owner.cookie });
      expect(res.status, res.text).toBe(201);
      expect(res.json.emailed).toBe(true);
      expect(res.json.acceptUrl.startsWith(`${server.url}/invite/tgi_`)).toBe(true);

      await expect.poll(() => messages.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(messages).toHaveLength(1);
      const msg = messages[0]!;
      expect(msg.to).toEqual([email]);
      expect(msg.raw).toMatch(new RegExp(`^To:.*${email.replace(/[.+]/g, '\\$&')}`, 'im'));
      expect(decodeBody(msg.raw)).toContain(res.json.acceptUrl);
      // the secret travels only in the link of that one message
      const secret = res.json.acceptUrl.split('/').pop()!;
      expect(decodeBody(msg.raw).split(secret).length - 1).toBeGreaterThanOrEqual(1);

      // the e-mailed link works
      const accepted = await accept(api, secret, { name: 'Mailed Person', password: PASSWORD });
      expect(accepted.status, accepted.text).toBe(200);

      // a second invitation, a second message to its own address
      const email2 = uniqueEmail('mailed2');
      const res2 = await api.post<Invitation>(`/api/v1/orgs/${owner.org.slug}/invitations`, { email: email2, role: 'admin' }, { cookie: owner.cookie });
      expect(res2.status).toBe(201);
      expect(res2.json.emailed).toBe(true);
      await expect.poll(() => messages.length, { timeout: 15_000 }).toBe(2);
      expect(messages[1]!.to).toEqual([email2]);
      expect(decodeBody(messages[1]!.raw)).toContain(res2.json.acceptUrl);
      expect(decodeBody(messages[1]!.raw)).not.toContain(res.json.acceptUrl);
    } finally {
      await server.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
