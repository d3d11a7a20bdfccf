/**
 * Organizations (docs/http.md "Accounts and organizations", docs/permissions.md "Roles"):
 * creating orgs, reading and editing them, and who may do which.
 */
import { test, expect } from '../support/fixtures';
import { addMember, detailPaths, expectError, signup, uniqueSlug, whoami } from './helpers';
import type { MemberView, Page } from './orgs-helpers';

type OrgView = { slug: string; name: string; role: string; settings: { defaultVisibility: string } };

test.describe('organizations', () => {
  test('POST /orgs creates an org owned by the caller; it shows in GET /user', async ({ api }) => {
    const acct = await signup(api);
    const slug = uniqueSlug('second');
    const res = await api.post('/api/v1/orgs', { name: 'Second Org', slug }, { cookie: acct.cookie });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({ slug, name: 'Second Org', role: 'owner' });

    const me = await whoami(api, acct.cookie);
    expect(me.json.orgs).toEqual(
      expect.arrayContaining([
        { slug: acct.org.slug, name: acct.org.name, role: 'owner' },
        { slug, name: 'Second Org', role: 'owner' },
      ]),
    );
    expect(me.json.orgs).toHaveLength(2);

    const members = await api.get<Page<MemberView>>(`/api/v1/orgs/${slug}/members`, { cookie: acct.cookie });
    expect(members.status).toBe(200);
    expect(members.json.items.map((m) => [m.userId, m.role])).toEqual([[acct.user.id, 'owner']]);
  });

  test('POST /orgs: duplicate slug 409, invalid slug 400, no session 401', async ({ api }) => {
    const acct = await signup(api);
    expectError(await api.post('/api/v1/orgs', { name: 'Dup', slug: acct.org.slug }, { cookie: acct.cookie }), 409, 'conflict');

    const other = await signup(api);
    expectError(await api.post('/api/v1/orgs', { name: 'Dup', slug: acct.org.slug }, { cookie: other.cookie }), 409, 'conflict', 'slug of another user');

    const extraDetails: string[] = [];
    for (const slug of ['a', 'api', 'Bad Slug', 'x'.repeat(40), '', '-', 'x-']) {
      const res = await api.post('/api/v1/orgs', { name: 'Bad', slug }, { cookie: acct.cookie });
      expectError(res, 400, 'invalid_request', `slug ${JSON.stringify(slug)}`);
      expect(detailPaths(res), `slug ${JSON.stringify(slug)}`).toContain('slug');
      expect(detailPaths(res).every((p) => p === 'slug'), `slug ${JSON.stringify(slug)}`).toBe(true);
      // docs/http.md: one entry per bad field
      if (detailPaths(res).length !== 1) extraDetails.push(`${JSON.stringify(slug)}: ${JSON.stringify(detailPaths(res))}`);
    }
    const noName = await api.post('/api/v1/orgs', { slug: uniqueSlug() }, { cookie: acct.cookie });
    expectError(noName, 400, 'invalid_request');
    expect(detailPaths(noName)).toEqual(['name']);

    expectError(await api.post('/api/v1/orgs', { name: 'Anon', slug: uniqueSlug() }), 401, 'unauthenticated');
    expect(extraDetails, 'slugs answered with more than one detail entry for the one bad field').toEqual([]);
  });

  test('GET /orgs/{org}: members see it with their role; others get the same 404 as for no org', async ({ api }) => {
    const owner = await signup(api);
    const res = await api.get<OrgView>(`/api/v1/orgs/${owner.org.slug}`, { cookie: owner.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      slug: owner.org.slug,
      name: owner.org.name,
      role: 'owner',
      settings: { defaultVisibility: expect.stringMatching(/^(public|private|distribution)$/) },
    });

    const member = await addMember(api, owner.cookie, owner.org.slug, 'member');
    const asMember = await api.get<OrgView>(`/api/v1/orgs/${owner.org.slug}`, { cookie: member.cookie });
    expect(asMember.status).toBe(200);
    expect(asMember.json.role).toBe('member');

    const stranger = await signup(api);
    const hidden = expectError(await api.get(`/api/v1/orgs/${owner.org.slug}`, { cookie: stranger.cookie }), 404, 'not_found', 'non-member');
    const missing = expectError(await api.get(`/api/v1/orgs/${uniqueSlug('missing')}`, { cookie: stranger.cookie }), 404, 'not_found', 'no such org');
    // same body either way, or the message tells strangers which slugs exist
    expect(hidden.error.message, 'message for an existing org the caller is not in').toBe(missing.error.message);

    expectError(await api.get(`/api/v1/orgs/${owner.org.slug}`), 401, 'unauthenticated');
  });

  test('PATCH /orgs/{org}: owner and admin edit name and default visibility', async ({ api }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    for (const v of ['public', 'distribution', 'private'] as const) {
      const res = await api.patch<OrgView>(`/api/v1/orgs/${slug}`, { settings: { defaultVisibility: v } }, { cookie: owner.cookie });
      expect(res.status, res.text).toBe(200);
      expect(res.json.settings.defaultVisibility).toBe(v);
      const read = await api.get<OrgView>(`/api/v1/orgs/${slug}`, { cookie: owner.cookie });
      expect(read.json.settings.defaultVisibility).toBe(v);
    }
    const renamed = await api.patch<OrgView>(`/api/v1/orgs/${slug}`, { name: 'Renamed By Owner' }, { cookie: owner.cookie });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({ slug, name: 'Renamed By Owner', role: 'owner' });

    const admin = await addMember(api, owner.cookie, slug, 'admin', 'admin');
    const byAdmin = await api.patch<OrgView>(
      `/api/v1/orgs/${slug}`,
      { name: 'Renamed By Admin', settings: { defaultVisibility: 'public' } },
      { cookie: admin.cookie },
    );
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.json).toMatchObject({ slug, name: 'Renamed By Admin', role: 'admin', settings: { defaultVisibility: 'public' } });

    const me = await whoami(api, owner.cookie);
    expect(me.json.orgs.find((o) => o.slug === slug)?.name).toBe('Renamed By Admin');

    // an empty patch changes nothing
    const noop = await api.patch<OrgView>(`/api/v1/orgs/${slug}`, {}, { cookie: owner.cookie });
    expect(noop.status, noop.text).toBe(200);
    expect(noop.json).toMatchObject({ name: 'Renamed By Admin', settings: { defaultVisibility: 'public' } });
  });

  test('PATCH /orgs/{org}: member and distribution manager 403, stranger 404, bad input 400', async ({ api }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const member = await addMember(api, owner.cookie, slug, 'member');
    const dm = await addMember(api, owner.cookie, slug, 'distribution_manager', 'dm');
    const stranger = await signup(api);

    expectError(await api.patch(`/api/v1/orgs/${slug}`, { name: 'Hijack' }, { cookie: member.cookie }), 403, 'forbidden', 'member');
    expectError(await api.patch(`/api/v1/orgs/${slug}`, { settings: { defaultVisibility: 'public' } }, { cookie: dm.cookie }), 403, 'forbidden', 'distribution manager');
    expectError(await api.patch(`/api/v1/orgs/${slug}`, { name: 'Hijack' }, { cookie: stranger.cookie }), 404, 'not_found', 'stranger');
    expectError(await api.patch(`/api/v1/orgs/${slug}`, { name: 'Hijack' }), 401, 'unauthenticated', 'anonymous');

    const cases: [unknown, string][] = [
      [{ slug: 'new-slug' }, 'unknown top-level field'],
      [{ colour: 'red' }, 'unknown top-level field'],
      [{ settings: { defaultVisibility: 'secret' } }, 'bad visibility'],
      [{ settings: { somethingElse: true } }, 'unknown settings field'],
      [{ settings: 'public' }, 'settings not an object'],
      [{ name: '' }, 'empty name'],
      [{ name: 'x'.repeat(101) }, 'name too long'],
      [{ name: 42 }, 'name not a string'],
    ];
    for (const [body, what] of cases) {
      expectError(await api.patch(`/api/v1/orgs/${slug}`, body, { cookie: owner.cookie }), 400, 'invalid_request', what);
    }
    const unchanged = await api.get<OrgView>(`/api/v1/orgs/${slug}`, { cookie: owner.cookie });
    expect(unchanged.json.name).toBe(owner.org.name);
  });
});
