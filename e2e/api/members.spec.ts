/**
 * Organization members (docs/http.md "Accounts and organizations", docs/permissions.md "Roles",
 * "Audit"): listing and paging members, changing roles, removing members and leaving, the owner
 * rules, and the audit of member changes.
 */
import { test, expect } from '../support/fixtures';
import { addMember, detailPaths, expectError, signIn, signup, sql, uid, whoami, type Member } from './helpers';
import type { MemberView, Page } from './orgs-helpers';

test.describe('members', () => {
  async function orgWith(api: Parameters<typeof signup>[0], roles: string[]) {
    const owner = await signup(api);
    const members: Member[] = [];
    for (const role of roles) members.push(await addMember(api, owner.cookie, owner.org.slug, role, role.replace('_', '')));
    return { owner, members };
  }

  test('GET members: every member with userId, email, name, role, joinedAt; members can list too', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['admin', 'member', 'distribution_manager']);
    const res = await api.get<Page<MemberView>>(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: owner.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json.nextCursor).toBeNull();
    expect(res.json.items).toHaveLength(4);
    const byId = new Map(res.json.items.map((m) => [m.userId, m]));
    expect(byId.get(owner.user.id)).toMatchObject({ email: owner.email, name: owner.user.name, role: 'owner' });
    const roles = ['admin', 'member', 'distribution_manager'];
    members.forEach((m, i) => expect(byId.get(m.user.id)).toMatchObject({ email: m.email, name: m.user.name, role: roles[i] }));
    for (const m of res.json.items) {
      expect(new Date(m.joinedAt).toISOString()).toBe(m.joinedAt);
    }

    const asMember = await api.get<Page<MemberView>>(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: members[1]!.cookie });
    expect(asMember.status).toBe(200);
    expect(asMember.json.items).toHaveLength(4);

    const stranger = await signup(api);
    expectError(await api.get(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: stranger.cookie }), 404, 'not_found');
    expectError(await api.get(`/api/v1/orgs/${owner.org.slug}/members`), 401, 'unauthenticated');
  });

  test('GET members pages with limit and cursor; limit outside 1..200 is 400', async ({ api }) => {
    const { owner } = await orgWith(api, ['member', 'member', 'admin', 'member']);
    const base = `/api/v1/orgs/${owner.org.slug}/members`;
    const all = await api.get<Page<MemberView>>(base, { cookie: owner.cookie });
    expect(all.json.items).toHaveLength(5);

    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await api.get<Page<MemberView>>(base + q, { cookie: owner.cookie });
        expect(page.status, page.text).toBe(200);
        expect(page.json.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.json.items.map((m) => m.userId));
        cursor = page.json.nextCursor;
        pages += 1;
        expect(pages).toBeLessThan(10);
      } while (cursor);
      expect(seen, `limit=${limit}`).toEqual(all.json.items.map((m) => m.userId));
    }

    const exact = await api.get<Page<MemberView>>(`${base}?limit=5`, { cookie: owner.cookie });
    expect(exact.json.items).toHaveLength(5);
    expect(exact.json.nextCursor).toBeNull();
    const max = await api.get<Page<MemberView>>(`${base}?limit=200`, { cookie: owner.cookie });
    expect(max.status).toBe(200);

    for (const limit of ['0', '201', '-1', 'abc', '1.5', '1e9']) {
      const res = await api.get(`${base}?limit=${limit}`, { cookie: owner.cookie });
      expectError(res, 400, 'invalid_request', `limit=${limit}`);
    }
  });

  test('owner changes roles; the new role takes effect at once', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['member']);
    const m = members[0]!;
    const slug = owner.org.slug;
    expectError(await api.patch(`/api/v1/orgs/${slug}`, { name: 'Before' }, { cookie: m.cookie }), 403, 'forbidden');

    for (const role of ['admin', 'distribution_manager', 'member', 'admin']) {
      const res = await api.patch<MemberView>(`/api/v1/orgs/${slug}/members/${m.user.id}`, { role }, { cookie: owner.cookie });
      expect(res.status, `to ${role}: ${res.text}`).toBe(200);
      const list = await api.get<Page<MemberView>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
      expect(list.json.items.find((x) => x.userId === m.user.id)?.role).toBe(role);
    }
    // now admin: may edit settings with the same session
    const ok = await api.patch(`/api/v1/orgs/${slug}`, { name: 'Edited by promoted admin' }, { cookie: m.cookie });
    expect(ok.status, ok.text).toBe(200);
    const me = await whoami(api, m.cookie);
    expect(me.json.orgs.find((o) => o.slug === slug)?.role).toBe('admin');

    // back to member: loses it at once
    await api.patch(`/api/v1/orgs/${slug}/members/${m.user.id}`, { role: 'member' }, { cookie: owner.cookie });
    expectError(await api.patch(`/api/v1/orgs/${slug}`, { name: 'Nope' }, { cookie: m.cookie }), 403, 'forbidden', 'after demotion');

    for (const role of ['superuser', 'OWNER', '', null, 1]) {
      const res = await api.patch(`/api/v1/orgs/${slug}/members/${m.user.id}`, { role }, { cookie: owner.cookie });
      expectError(res, 400, 'invalid_request', `role ${JSON.stringify(role)}`);
      expect(detailPaths(res)).toEqual(['role']);
    }
    expectError(await api.patch(`/api/v1/orgs/${slug}/members/${m.user.id}`, {}, { cookie: owner.cookie }), 400, 'invalid_request', 'no role');
    expectError(await api.patch(`/api/v1/orgs/${slug}/members/no-such-user-${uid()}`, { role: 'admin' }, { cookie: owner.cookie }), 404, 'not_found', 'unknown user id');
    const stranger = await signup(api);
    expectError(await api.patch(`/api/v1/orgs/${slug}/members/${stranger.user.id}`, { role: 'admin' }, { cookie: owner.cookie }), 404, 'not_found', 'user of no membership here');
  });

  test('only owners grant or take the owner role; admins manage the rest', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['admin', 'member']);
    const [admin, member] = members as [Member, Member];
    const slug = owner.org.slug;
    const url = (id: string) => `/api/v1/orgs/${slug}/members/${id}`;

    // admin: may change non-owner roles, not the owner role
    const promoted = await api.patch<MemberView>(url(member.user.id), { role: 'distribution_manager' }, { cookie: admin.cookie });
    expect(promoted.status, promoted.text).toBe(200);
    expectError(await api.patch(url(member.user.id), { role: 'owner' }, { cookie: admin.cookie }), 403, 'forbidden', 'admin grants owner');
    expectError(await api.patch(url(admin.user.id), { role: 'owner' }, { cookie: admin.cookie }), 403, 'forbidden', 'admin makes self owner');
    expectError(await api.patch(url(owner.user.id), { role: 'member' }, { cookie: admin.cookie }), 403, 'forbidden', 'admin demotes owner');
    expectError(await api.delete(url(owner.user.id), { cookie: admin.cookie }), 403, 'forbidden', 'admin removes owner');

    // member / distribution manager: may change nothing
    expectError(await api.patch(url(admin.user.id), { role: 'member' }, { cookie: member.cookie }), 403, 'forbidden', 'dm demotes admin');
    expectError(await api.delete(url(admin.user.id), { cookie: member.cookie }), 403, 'forbidden', 'dm removes admin');

    // owner: grants owner; with two owners, either can be demoted
    const second = await api.patch<MemberView>(url(admin.user.id), { role: 'owner' }, { cookie: owner.cookie });
    expect(second.status, second.text).toBe(200);
    expect(second.json.role).toBe('owner');
    const demoteFirst = await api.patch<MemberView>(url(owner.user.id), { role: 'admin' }, { cookie: admin.cookie });
    expect(demoteFirst.status, demoteFirst.text).toBe(200);
    const me = await whoami(api, owner.cookie);
    expect(me.json.orgs.find((o) => o.slug === slug)?.role).toBe('admin');
    // the former owner (now admin) cannot touch the remaining owner
    expectError(await api.patch(url(admin.user.id), { role: 'member' }, { cookie: owner.cookie }), 403, 'forbidden', 'new admin demotes owner');
  });

  test('the last owner can be neither demoted nor removed nor leave (409); with a second owner they can leave', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['admin']);
    const admin = members[0]!;
    const slug = owner.org.slug;
    const self = `/api/v1/orgs/${slug}/members/${owner.user.id}`;

    expectError(await api.patch(self, { role: 'admin' }, { cookie: owner.cookie }), 409, 'conflict', 'demote self');
    expectError(await api.patch(self, { role: 'member' }, { cookie: owner.cookie }), 409, 'conflict', 'demote self to member');
    expectError(await api.delete(self, { cookie: owner.cookie }), 409, 'conflict', 'leave');
    // a no-op "change" to the same role is fine
    const same = await api.patch(self, { role: 'owner' }, { cookie: owner.cookie });
    expect(same.status, same.text).toBe(200);

    const list = await api.get<Page<MemberView>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect(list.json.items.find((m) => m.userId === owner.user.id)?.role).toBe('owner');

    // a second owner; now the first may leave
    expect((await api.patch(`/api/v1/orgs/${slug}/members/${admin.user.id}`, { role: 'owner' }, { cookie: owner.cookie })).status).toBe(200);
    const left = await api.delete(self, { cookie: owner.cookie });
    expect(left.status, left.text).toBe(204);
    expectError(await api.get(`/api/v1/orgs/${slug}`, { cookie: owner.cookie }), 404, 'not_found', 'after leaving');
    // and the remaining one is the last owner again
    expectError(await api.delete(`/api/v1/orgs/${slug}/members/${admin.user.id}`, { cookie: admin.cookie }), 409, 'conflict', 'second owner leaves');
    expectError(await api.patch(`/api/v1/orgs/${slug}/members/${admin.user.id}`, { role: 'member' }, { cookie: admin.cookie }), 409, 'conflict');
  });

  test('a member can leave; the org disappears for them', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['member', 'member']);
    const [leaver, other] = members as [Member, Member];
    const slug = owner.org.slug;

    // a plain member may not remove someone else
    expectError(await api.delete(`/api/v1/orgs/${slug}/members/${other.user.id}`, { cookie: leaver.cookie }), 403, 'forbidden');

    const res = await api.delete(`/api/v1/orgs/${slug}/members/${leaver.user.id}`, { cookie: leaver.cookie });
    expect(res.status, res.text).toBe(204);
    expectError(await api.get(`/api/v1/orgs/${slug}`, { cookie: leaver.cookie }), 404, 'not_found');
    const me = await whoami(api, leaver.cookie);
    expect(me.status).toBe(200);
    expect(me.json.orgs).toEqual([]);
    const list = await api.get<Page<MemberView>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect(list.json.items.map((m) => m.userId).sort()).toEqual([owner.user.id, other.user.id].sort());
  });

  test('removing a member ends all of their sessions; removing twice is 404', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['admin']);
    const m = members[0]!;
    const slug = owner.org.slug;
    const second = await signIn(api, m.email, m.password);
    const third = await signIn(api, m.email, m.password);
    for (const c of [m.cookie, second, third]) expect((await whoami(api, c)).status).toBe(200);

    const res = await api.delete(`/api/v1/orgs/${slug}/members/${m.user.id}`, { cookie: owner.cookie });
    expect(res.status, res.text).toBe(204);
    for (const [i, c] of [m.cookie, second, third].entries()) {
      expectError(await whoami(api, c), 401, 'unauthenticated', `session ${i + 1} after removal`);
      expectError(await api.get(`/api/v1/orgs/${slug}`, { cookie: c }), 401, 'unauthenticated', `org read with session ${i + 1}`);
    }
    // the owner's own session is untouched
    expect((await whoami(api, owner.cookie)).status).toBe(200);
    const list = await api.get<Page<MemberView>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect(list.json.items.map((x) => x.userId)).toEqual([owner.user.id]);

    expectError(await api.delete(`/api/v1/orgs/${slug}/members/${m.user.id}`, { cookie: owner.cookie }), 404, 'not_found', 'second removal');

    // the removed user can sign in again (the account still exists), without the org
    const back = await signIn(api, m.email, m.password);
    const me = await whoami(api, back);
    expect(me.json.orgs).toEqual([]);
  });

  test('admins remove members and admins, strangers get 404', async ({ api }) => {
    const { owner, members } = await orgWith(api, ['admin', 'admin', 'member']);
    const [admin, admin2, member] = members as [Member, Member, Member];
    const slug = owner.org.slug;
    const stranger = await signup(api);
    expectError(await api.delete(`/api/v1/orgs/${slug}/members/${member.user.id}`, { cookie: stranger.cookie }), 404, 'not_found');
    expectError(await api.patch(`/api/v1/orgs/${slug}/members/${member.user.id}`, { role: 'admin' }, { cookie: stranger.cookie }), 404, 'not_found');
    expectError(await api.delete(`/api/v1/orgs/${slug}/members/${member.user.id}`), 401, 'unauthenticated');

    expect((await api.delete(`/api/v1/orgs/${slug}/members/${member.user.id}`, { cookie: admin.cookie })).status).toBe(204);
    expect((await api.delete(`/api/v1/orgs/${slug}/members/${admin2.user.id}`, { cookie: admin.cookie })).status).toBe(204);
    const list = await api.get<Page<MemberView>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect(list.json.items.map((x) => x.userId).sort()).toEqual([owner.user.id, admin.user.id].sort());
  });
});

test('changes to members are audited with actor, address and time (docs/permissions.md)', async ({ api, server }) => {
  const owner = await signup(api);
  const slug = owner.org.slug;
  const started = Date.now() - 60_000;
  const count = async () =>
    Number(
      (await sql<{ n: number | string }>(server, 'SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "actorId" = $1', [owner.user.id]))[0]!.n,
    );

  let before = await count();
  const m = await addMember(api, owner.cookie, slug, 'member');
  expect(await count(), 'invitation created').toBeGreaterThan(before);

  before = await count();
  await api.patch(`/api/v1/orgs/${slug}/members/${m.user.id}`, { role: 'admin' }, { cookie: owner.cookie });
  expect(await count(), 'role changed').toBeGreaterThan(before);

  before = await count();
  await api.patch(`/api/v1/orgs/${slug}`, { settings: { defaultVisibility: 'public' } }, { cookie: owner.cookie });
  expect(await count(), 'settings changed').toBeGreaterThan(before);

  before = await count();
  await api.delete(`/api/v1/orgs/${slug}/members/${m.user.id}`, { cookie: owner.cookie });
  expect(await count(), 'member removed').toBeGreaterThan(before);

  before = await count();
  await signIn(api, owner.email, owner.password);
  expect(await count(), 'sign-in').toBeGreaterThan(before);

  const rows = await sql<{ actorLabel: string; address: string; at: unknown; targetId: string | null }>(
    server,
    'SELECT "actorLabel", "address", "at", "targetId" FROM "AuditEvent" WHERE "actorId" = $1',
    [owner.user.id],
  );
  for (const r of rows) {
    expect(r.actorLabel).toBe(owner.email);
    expect(r.address, 'audit address').not.toBe('');
    const at = r.at instanceof Date ? r.at.getTime() : new Date(typeof r.at === 'number' ? r.at : String(r.at)).getTime();
    if (!Number.isNaN(at)) expect(at).toBeGreaterThan(started - 24 * 3600_000);
  }
  // the removed member is a target of at least one event
  expect(rows.some((r) => r.targetId === m.user.id)).toBe(true);
  // and the accepting invitee is the actor of their acceptance
  const invitee = await sql<{ n: number | string }>(server, 'SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "actorId" = $1', [m.user.id]);
  expect(Number(invitee[0]!.n), 'acceptance audited with the invitee as actor').toBeGreaterThan(0);
});
