/**
 * Shared by the malformed-request specs (malformed-bodies, malformed-requests): an org with an owner,
 * a member and a pending invitation, and a check that none of it was harmed.
 */
import { expect, type Api } from '../support/fixtures';
import { addMember, invite, signup, uniqueEmail, whoami, type Account, type Invitation, type Member } from './helpers';

export type World = { owner: Account; slug: string; member: Member; inv: Invitation & { secret: string }; visibility: string };

/** An org with an owner, a member and a pending invitation. */
export async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const member = await addMember(api, owner.cookie, owner.org.slug, 'member');
  const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('pending'), role: 'admin' });
  const org = await api.get<{ settings: { defaultVisibility: string } }>(`/api/v1/orgs/${owner.org.slug}`, { cookie: owner.cookie });
  return { owner, slug: owner.org.slug, member, inv, visibility: org.json.settings.defaultVisibility };
}

/** The world is unharmed: same name, same members with the same roles, invitation still pending. */
export async function expectIntact(api: Api, w: World) {
  const org = await api.get<{ name: string; role: string }>(`/api/v1/orgs/${w.slug}`, { cookie: w.owner.cookie });
  expect(org.status, `org still readable: ${org.text}`).toBe(200);
  expect(org.json.name).toBe(w.owner.org.name);
  const members = await api.get<{ items: { userId: string; role: string }[] }>(`/api/v1/orgs/${w.slug}/members`, { cookie: w.owner.cookie });
  expect(members.json.items.map((m) => [m.userId, m.role]).sort()).toEqual(
    [
      [w.owner.user.id, 'owner'],
      [w.member.user.id, 'member'],
    ].sort(),
  );
  expect((await api.get(`/api/v1/invitations/${w.inv.secret}`)).status, 'invitation still pending').toBe(200);
  expect((await whoami(api, w.owner.cookie)).status, 'owner still signed in').toBe(200);
  expect((await whoami(api, w.member.cookie)).status, 'member still signed in').toBe(200);
}
