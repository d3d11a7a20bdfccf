/**
 * The audit log (GET /api/v1/orgs/{org}/audit, docs/http.md "Audit log"): an event for every kind
 * of change (members, invitations, roles, repositories, files, tokens, the signing key, signed
 * URLs) and for every sign-in and failed sign-in, never a secret; filters by actor, action and
 * time, cursor paging, the CSV export, and who may read it.
 */
import { test, expect, type Api } from '../support/fixtures';
import { accept, addMember, expectError, invite, PASSWORD, signIn, signup, uniqueEmail, type Account } from './helpers';
import { createRepo, curl, createToken, resourceToken, scopeToken, setRepoRole, upload } from './pat-helpers';
import { mint, rotate } from './signed-helpers';

type Event = {
  id: string;
  at: string;
  actor: { id: string | null; label: string };
  action: string;
  target: { type: string; id: string | null; label: string };
  address: string;
  userAgent: string;
  credential: { type: string; id: string | null };
  data: Record<string, unknown>;
};
type Page = { items: Event[]; nextCursor: string | null };

const auditPath = (org: string, query = '') => `/api/v1/orgs/${org}/audit${query}`;

async function all(api: Api, cookie: string, org: string, query = ''): Promise<Event[]> {
  const out: Event[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = query ? '&' : '?';
    const res: { status: number; text: string; json: Page } = await api.get<Page>(auditPath(org, `${query}${cursor ? `${sep}cursor=${cursor}` : ''}`), { cookie });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    out.push(...res.json.items);
    cursor = res.json.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Everything an org's owner can do that the log must record, with the secrets it produced. */
async function busyOrg(api: Api) {
  const owner = await signup(api);
  const org = owner.org.slug;
  const secrets: string[] = [PASSWORD];
  await api.patch(`/api/v1/orgs/${org}`, { name: `Renamed ${org}` }, { cookie: owner.cookie });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'dist', format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'scratch', format: 'raw', visibility: 'private' });
  expect((await api.patch(`/api/v1/orgs/${org}/repos/scratch`, { description: 'temp' }, { cookie: owner.cookie })).status).toBe(200);
  expect((await api.delete(`/api/v1/orgs/${org}/repos/scratch`, { cookie: owner.cookie })).status).toBe(204);

  const member = await addMember(api, owner.cookie, org, 'member', 'alice');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'dist', member.user.id, 'reader');
  expect((await api.delete(`/api/v1/orgs/${org}/repos/dist/members/${member.user.id}`, { cookie: owner.cookie })).status).toBe(204);
  expect((await api.patch(`/api/v1/orgs/${org}/members/${member.user.id}`, { role: 'admin' }, { cookie: owner.cookie })).status).toBe(200);
  const leaver = await addMember(api, owner.cookie, org, 'member', 'bob');
  expect((await api.delete(`/api/v1/orgs/${org}/members/${leaver.user.id}`, { cookie: owner.cookie })).status).toBe(204);
  const pending = await invite(api, owner.cookie, org, { email: uniqueEmail('carol'), role: 'member' });
  secrets.push(pending.secret);
  expect((await api.delete(`/api/v1/orgs/${org}/invitations/${pending.id}`, { cookie: owner.cookie })).status).toBe(204);

  const t = await createToken(api, owner.cookie, { org, name: 'ci-deploy', type: 'resource', resources: [{ repo: '*', access: 'write' }] });
  secrets.push(t.secret);
  const file = 'app-1.0.tar.gz';
  await upload(api.url, org, 'dist', file, Buffer.from('bytes of app 1.0'), { form: 'bearer', token: t.secret });
  const patched = await api.patch<{ secret?: string }>(`/api/v1/tokens/${t.token.id}`, { name: 'ci-deploy-2' }, { cookie: owner.cookie });
  expect(patched.status).toBe(200);
  const reissued = await api.patch<{ secret: string }>(`/api/v1/tokens/${t.token.id}`, { reissue: true }, { cookie: owner.cookie });
  secrets.push(reissued.json.secret);
  const s = await mint(api, { cookie: owner.cookie }, { org, repo: 'dist' }, file);
  secrets.push(new URL(s.url).searchParams.get('signature')!);
  await rotate(api, owner.cookie, org);
  expect((await api.delete(`/api/v1/orgs/${org}/repos/dist/files/${file}`, { cookie: owner.cookie })).status).toBe(204);
  expect((await api.post(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { cookie: owner.cookie })).status).toBe(200);
  expect((await api.delete(`/api/v1/tokens/${t.token.id}`, { cookie: owner.cookie })).status).toBe(204);

  await signIn(api, owner.email, owner.password);
  expect((await api.post('/api/v1/session', { email: owner.email, password: 'wrong password, not the real one' })).status).toBe(401);
  secrets.push('wrong password, not the real one');
  return { owner, org, member, leaver, secrets, tokenId: t.token.id };
}

test('every kind of change, sign-in and failed sign-in is in the log, with actor, credential and address; no secret is', async ({ api }) => {
  const w = await busyOrg(api);
  // The failed sign-in is recorded off the answer's path: wait for it.
  let events: Event[] = [];
  for (let i = 0; i < 50; i++) {
    events = await all(api, w.owner.cookie, w.org);
    if (events.some((e) => e.action === 'user.sign_in_failed')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const actions = new Set(events.map((e) => e.action));
  for (const action of [
    'org.created', 'user.signed_in', 'user.sign_in_failed', 'org.settings_changed',
    'repo.created', 'repo.updated', 'repo.deleted', 'repo.member_role_set', 'repo.member_role_removed',
    'invitation.created', 'invitation.accepted', 'invitation.revoked', 'member.role_changed', 'member.removed',
    'token.created', 'token.updated', 'token.reissued', 'token.revoked', 'token.deleted',
    'artifact.uploaded', 'artifact.deleted', 'signed_url.created', 'signing_key.rotated',
  ]) {
    expect(actions, `an event ${action}`).toContain(action);
  }
  const revoked = events.find((e) => e.action === 'token.revoked' && e.target.id === w.tokenId)!;
  expect(revoked).toMatchObject({ actor: { id: w.owner.user.id, label: w.owner.email }, target: { type: 'token', label: 'ci-deploy-2' }, credential: { type: 'session' } });
  expect(revoked.address).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  const uploaded = events.find((e) => e.action === 'artifact.uploaded')!;
  expect(uploaded.credential).toEqual({ type: 'pat', id: w.tokenId });
  const failed = events.find((e) => e.action === 'user.sign_in_failed')!;
  expect(failed).toMatchObject({ actor: { id: null, label: 'anonymous' }, target: { type: 'user', id: w.owner.user.id, label: w.owner.email }, credential: { type: 'anonymous' } });
  // Newest first.
  const times = events.map((e) => Date.parse(e.at));
  expect([...times].sort((a, b) => b - a)).toEqual(times);

  const json = JSON.stringify(events);
  for (const secret of w.secrets) expect(json, 'no secret in the log').not.toContain(secret);
  const csv = await api.get(auditPath(w.org, '?format=csv'), { cookie: w.owner.cookie });
  for (const secret of w.secrets) expect(csv.text, 'no secret in the CSV').not.toContain(secret);
});

test('filters: actor, action (one, or a kind), from and to; bad filters are 400', async ({ api }) => {
  const w = await busyOrg(api);
  const cookie = w.owner.cookie;
  const everything = await all(api, cookie, w.org);

  const byMember = await all(api, cookie, w.org, `?actor=${encodeURIComponent(w.member.email)}`);
  expect(byMember.length).toBeGreaterThan(0);
  expect(byMember.every((e) => e.actor.label === w.member.email)).toBe(true);
  expect(byMember.map((e) => e.action)).toContain('invitation.accepted');
  const partial = await all(api, cookie, w.org, `?actor=${encodeURIComponent(w.member.email.slice(0, 12).toUpperCase())}`);
  expect(partial.map((e) => e.id)).toEqual(byMember.map((e) => e.id));

  const revoked = await all(api, cookie, w.org, '?action=token.revoked');
  expect(revoked.length).toBeGreaterThan(0);
  expect(revoked.every((e) => e.action === 'token.revoked')).toBe(true);
  for (const kind of ['token', 'token.*']) {
    const tokens = await all(api, cookie, w.org, `?action=${kind}`);
    expect(new Set(tokens.map((e) => e.action)), kind).toEqual(new Set(['token.created', 'token.updated', 'token.reissued', 'token.revoked', 'token.deleted']));
    expect(tokens.length).toBe(everything.filter((e) => e.action.startsWith('token.')).length);
  }

  // A window around the middle event.
  const mid = everything[Math.floor(everything.length / 2)]!;
  const from = await all(api, cookie, w.org, `?from=${encodeURIComponent(mid.at)}`);
  expect(from.every((e) => Date.parse(e.at) >= Date.parse(mid.at))).toBe(true);
  expect(from.map((e) => e.id)).toContain(mid.id);
  const to = await all(api, cookie, w.org, `?to=${encodeURIComponent(mid.at)}`);
  expect(to.every((e) => Date.parse(e.at) < Date.parse(mid.at))).toBe(true);
  expect(from.length + to.length).toBe(everything.length);
  const future = new Date(Date.now() + 3600_000).toISOString();
  expect(await all(api, cookie, w.org, `?from=${encodeURIComponent(future)}`)).toEqual([]);
  const both = await all(api, cookie, w.org, `?action=token&actor=${encodeURIComponent(w.owner.email)}&from=${encodeURIComponent(everything.at(-1)!.at)}&to=${encodeURIComponent(future)}`);
  expect(both.length).toBe(everything.filter((e) => e.action.startsWith('token.') && e.actor.label === w.owner.email).length);

  for (const [query, field] of [
    ['?from=yesterday', 'query.from'],
    ['?to=2026-13-45', 'query.to'],
    ['?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', 'query.to'],
    ['?action=DROP%20TABLE', 'query.action'],
    ['?limit=0', 'query.limit'],
    ['?format=xml', 'query.format'],
  ] as const) {
    const res = await api.get(auditPath(w.org, query), { cookie });
    const body = expectError(res, 400, 'invalid_request', query);
    expect(body.error.details?.map((d) => d.path), query).toEqual([field]);
  }
});

test('paging: limit and cursor walk the whole log once, newest first', async ({ api }) => {
  const w = await busyOrg(api);
  const everything = await all(api, w.owner.cookie, w.org);
  const pages: Event[][] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; json: Page } = await api.get<Page>(auditPath(w.org, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`), { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeLessThanOrEqual(4);
    pages.push(res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor && pages.length < 100);
  expect(pages.length).toBeGreaterThan(2);
  expect(pages.flat().map((e) => e.id)).toEqual(everything.map((e) => e.id));
  expect(new Set(pages.flat().map((e) => e.id)).size).toBe(everything.length);
});

test('the CSV export: a header line, one line per event, the filters applied, a sentence per event', async ({ api }) => {
  const w = await busyOrg(api);
  const everything = await all(api, w.owner.cookie, w.org);
  const res = await curl(api.url, auditPath(w.org, '?format=csv'), { args: ['-H', `Cookie: ${w.owner.cookie}`] });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="audit-${w.org}-\\d{4}-\\d\\d-\\d\\d\\.csv"`));
  const lines = res.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('at,actor,action,target_type,target,address,credential,description');
  expect(lines.length - 1).toBe(everything.length);
  expect(lines[1]!.startsWith(`${everything[0]!.at},`)).toBe(true);
  expect(res.text).toContain(`${w.owner.email} revoked token ci-deploy-2`);
  const tokens = await curl(api.url, auditPath(w.org, '?format=csv&action=token.revoked'), { args: ['-H', `Cookie: ${w.owner.cookie}`] });
  const rows = tokens.text.trimEnd().split('\r\n').slice(1);
  expect(rows.length).toBe(everything.filter((e) => e.action === 'token.revoked').length);
  expect(rows.every((r) => r.includes(',token.revoked,'))).toBe(true);
});

test('only owners and admins (audit:view) read it: member 403, other org 404, anonymous 401; tokens need the scope', async ({ api }) => {
  const owner: Account = await signup(api);
  const org = owner.org.slug;
  const admin = await addMember(api, owner.cookie, org, 'admin', 'admin');
  const member = await addMember(api, owner.cookie, org, 'member', 'member');
  const manager = await addMember(api, owner.cookie, org, 'distribution_manager', 'sales');
  expect((await api.get(auditPath(org), { cookie: owner.cookie })).status).toBe(200);
  expect((await api.get(auditPath(org), { cookie: admin.cookie })).status).toBe(200);
  expectError(await api.get(auditPath(org), { cookie: member.cookie }), 403, 'forbidden', 'member');
  expectError(await api.get(auditPath(org), { cookie: manager.cookie }), 403, 'forbidden', 'distribution manager');
  expectError(await api.get(auditPath(org, '?format=csv'), { cookie: member.cookie }), 403, 'forbidden', 'member, CSV');
  expectError(await api.get(auditPath(org)), 401, 'unauthenticated', 'anonymous');
  expectError(await api.get(auditPath(org, '?format=csv')), 401, 'unauthenticated', 'anonymous, CSV');
  const stranger = await signup(api);
  expectError(await api.get(auditPath(org), { cookie: stranger.cookie }), 404, 'not_found', 'another org');
  const scoped = await scopeToken(api, owner.cookie, org, ['audit:view']);
  expect((await api.get(auditPath(org), { token: scoped.secret })).status).toBe(200);
  const resource = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  expectError(await api.get(auditPath(org), { token: resource.secret }), 403, 'insufficient_scope', 'resource token');
  // An invitation accepted by an existing user of another org is in this org's log, not theirs.
  const inv = await invite(api, owner.cookie, org, { email: stranger.email, role: 'member' });
  expect((await accept(api, inv.secret, {}, stranger.cookie)).status).toBe(200);
  const theirs = await all(api, stranger.cookie, stranger.org.slug);
  expect(theirs.map((e) => e.action)).not.toContain('invitation.accepted');
});
