/**
 * Security review 2026-12-01, members and invitations:
 * - L1: invitations do not outlive their inviter's authority (removal, demotion, acceptance check).
 * - L2: a removed member's PATs are revoked, and stay dead when the member re-joins.
 * - L4: a PAT cannot accept an invitation.
 * - L8: the last-owner rule holds under concurrent mutual demotions and removals.
 */
import { test, expect } from '../support/fixtures';
import { accept, addMember, expectError, invite, PASSWORD, signIn, signup, sql, uniqueEmail } from './helpers';
import type { Page } from './invitations-helpers';
import type { MemberView } from './orgs-helpers';
import { resourceToken } from './pat-helpers';
import { download, getToken, world } from './tokens-helpers';

type Pending = { id: string; email: string; role: string };
const pending = async (api: Parameters<typeof invite>[0], cookie: string, org: string) => {
  const res = await api.get<Page<Pending>>(`/api/v1/orgs/${org}/invitations`, { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json.items.map((i) => i.id);
};
const auditCount = async (server: Parameters<typeof sql>[0], action: string, targetId: string) =>
  Number(
    (await sql<{ n: number | string }>(server, 'SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "action" = $1 AND "targetId" = $2', [action, targetId]))[0]!.n,
  );

test.describe('L2: removal revokes the member\'s tokens', () => {
  test('a removed member\'s token is revoked (audited) and does not come back on re-join', async ({ api, server }) => {
    const w = await world(api);
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'leaver');
    await api.put(`/api/v1/orgs/${w.org}/repos/libs/members/${member.user.id}`, { role: 'reader' }, { cookie: w.owner.cookie });
    const t = await resourceToken(api, member.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    expect(await download(api, w, t.secret)).toBe(200);

    const removed = await api.delete(`/api/v1/orgs/${w.org}/members/${member.user.id}`, { cookie: w.owner.cookie });
    expect(removed.status, removed.text).toBe(204);
    expect(await auditCount(server, 'token.revoked', t.token.id)).toBe(1);

    // invited again, with the same repository role, and accepted after signing in
    const again = await invite(api, w.owner.cookie, w.org, { email: member.email, role: 'member', repositories: [{ repo: 'libs', role: 'reader' }] });
    const cookie = await signIn(api, member.email, member.password);
    const joined = await accept(api, again.secret, {}, cookie);
    expect(joined.status, joined.text).toBe(200);

    expect(await download(api, w, t.secret)).toBe(401);
    const listed = await getToken(api, cookie, t.token.id);
    expect(listed.json.token.status).toBe('revoked');
    // and a session cannot un-revoke it
    expectError(await api.patch(`/api/v1/tokens/${t.token.id}`, { expiresAt: null }, { cookie }), 409, 'conflict');
  });

  test('leaving revokes one\'s own tokens of that org only', async ({ api }) => {
    const w = await world(api);
    const member = await addMember(api, w.owner.cookie, w.org, 'admin', 'selfleaver');
    const here = await resourceToken(api, member.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const own = await signup(api, { email: uniqueEmail('own') }); // an unrelated account, to be sure nothing else is touched
    const ownToken = await resourceToken(api, own.cookie, own.org.slug, [{ repo: '*', access: 'read' }]);
    const left = await api.delete(`/api/v1/orgs/${w.org}/members/${member.user.id}`, { cookie: member.cookie });
    expect(left.status, left.text).toBe(204);
    expect((await getToken(api, member.cookie, here.token.id)).json.token.status).toBe('revoked');
    expect((await getToken(api, own.cookie, ownToken.token.id)).json.token.status).toBe('active');
  });
});

test.describe('L1: invitations follow their inviter\'s authority', () => {
  test('removing an admin revokes the admin\'s pending invitations (audited); the link then fails', async ({ api, server }) => {
    const owner = await signup(api);
    const org = owner.org.slug;
    const admin = await addMember(api, owner.cookie, org, 'admin', 'admin');
    const theirs = await invite(api, admin.cookie, org, { email: uniqueEmail('alt'), role: 'admin' });
    const ownersOwn = await invite(api, owner.cookie, org, { email: uniqueEmail('keep'), role: 'member' });

    const removed = await api.delete(`/api/v1/orgs/${org}/members/${admin.user.id}`, { cookie: owner.cookie });
    expect(removed.status, removed.text).toBe(204);
    const ids = await pending(api, owner.cookie, org);
    expect(ids).not.toContain(theirs.id);
    expect(ids).toContain(ownersOwn.id);
    expect(await auditCount(server, 'invitation.revoked', theirs.id)).toBe(1);
    expectError(await accept(api, theirs.secret, { name: 'Alt', password: PASSWORD }), 404, 'not_found', 'accept after the inviter was removed');
  });

  test('demoting an admin to member revokes the invitations they can no longer grant', async ({ api, server }) => {
    const owner = await signup(api);
    const org = owner.org.slug;
    const admin = await addMember(api, owner.cookie, org, 'admin', 'admin');
    const theirs = await invite(api, admin.cookie, org, { email: uniqueEmail('alt'), role: 'admin' });
    const demoted = await api.patch(`/api/v1/orgs/${org}/members/${admin.user.id}`, { role: 'member' }, { cookie: owner.cookie });
    expect(demoted.status, demoted.text).toBe(200);
    expect(await pending(api, owner.cookie, org)).not.toContain(theirs.id);
    expect(await auditCount(server, 'invitation.revoked', theirs.id)).toBe(1);
    expectError(await accept(api, theirs.secret, { name: 'Alt', password: PASSWORD }), 404, 'not_found');
  });

  test('acceptance re-checks the inviter: an invitation whose inviter lost the role (changed behind the API) is refused', async ({ api, server }) => {
    const owner = await signup(api);
    const org = owner.org.slug;
    const admin = await addMember(api, owner.cookie, org, 'admin', 'admin');
    const theirs = await invite(api, admin.cookie, org, { email: uniqueEmail('alt'), role: 'admin' });
    // As for an invitation made before removal/demotion revoked them: only the role changes.
    await sql(server, 'UPDATE "Membership" SET "role" = $1 WHERE "userId" = $2', ['member', admin.user.id]);
    const res = expectError(await accept(api, theirs.secret, { name: 'Alt', password: PASSWORD }), 403, 'forbidden', 'inviter demoted');
    expect(res.error.message).toMatch(/no longer/i);
    const members = await api.get<Page<MemberView>>(`/api/v1/orgs/${org}/members`, { cookie: owner.cookie });
    expect(members.json.items.map((m) => m.email)).not.toContain(theirs.email);
    const users = await sql(server, 'SELECT "id" FROM "User" WHERE "email" = $1', [theirs.email]);
    expect(users, 'no account was created').toHaveLength(0);
  });
});

test.describe('L4: invitations are accepted by the person', () => {
  test('a PAT cannot accept an invitation (403); the invitation stays usable by a session', async ({ api }) => {
    const owner = await signup(api);
    const invitee = await signup(api);
    const t = await resourceToken(api, invitee.cookie, invitee.org.slug, [{ repo: '*', access: 'manage' }]);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: invitee.email, role: 'member' });
    const res = await api.post(`/api/v1/invitations/${inv.secret}/accept`, {}, { token: t.secret });
    const err = expectError(res, 403, 'forbidden', 'accept with a PAT');
    expect(err.error.message).toMatch(/session/i);
    expect(await pending(api, owner.cookie, owner.org.slug)).toContain(inv.id);
    const ok = await accept(api, inv.secret, {}, invitee.cookie);
    expect(ok.status, ok.text).toBe(200);
  });
});

test.describe('L8: the last owner stays', () => {
  test('two owners demoting or removing each other at once: the org always keeps an owner', async ({ api, server }) => {
    for (let round = 0; round < 4; round++) {
      const a = await signup(api);
      const org = a.org.slug;
      const b = await addMember(api, a.cookie, org, 'owner', 'coowner');
      const path = (id: string) => `/api/v1/orgs/${org}/members/${id}`;
      const race =
        round % 2 === 0
          ? [api.patch(path(b.user.id), { role: 'admin' }, { cookie: a.cookie }), api.patch(path(a.user.id), { role: 'admin' }, { cookie: b.cookie })]
          : [api.delete(path(a.user.id), { cookie: a.cookie }), api.delete(path(b.user.id), { cookie: b.cookie })]; // both leave
      const results = await Promise.all(race);
      const statuses = results.map((r) => r.status).sort();
      const owners = await sql<{ n: number | string }>(
        server,
        'SELECT COUNT(*) AS n FROM "Membership" m JOIN "Organization" o ON o."id" = m."orgId" WHERE o."slug" = $1 AND m."role" = $2',
        [org, 'owner'],
      );
      expect(Number(owners[0]!.n), `round ${round}: owners after ${statuses.join(', ')}`).toBe(1);
      expect(statuses.filter((s) => s < 300), `round ${round}: exactly one change passes (${statuses.join(', ')})`).toHaveLength(1);
      expect(statuses.filter((s) => s >= 400).every((s) => s === 409 || s === 403), statuses.join(', ')).toBe(true);
    }
  });
});
