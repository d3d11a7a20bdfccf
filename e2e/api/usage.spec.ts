/**
 * The download log of a repository (GET /api/v1/orgs/{org}/repos/{repo}/downloads): every artifact
 * download is recorded off the request path — time, credential, file, bytes, address, user agent —
 * and listed newest first to those holding repo.usage:view (repository and org admins). A range
 * request records the bytes actually sent; a refused request records nothing.
 */
import { test, expect } from '../support/fixtures';
import { addMember, expectError, signup } from './helpers';
import { createRepo, curl, poll, resourceToken, setRepoRole, upload } from './pat-helpers';

type Download = { at: string; path: string; bytes: number; credential: { type: string; label: string | null; user: string | null }; clientAddress: string; userAgent: string };

test('downloads are listed newest first with credential, bytes, address and user agent', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'bin', format: 'raw', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: 'bin', access: 'write' }], { name: 'ci-reader' });
  const bytes = Buffer.alloc(5000, 7);
  await upload(api.url, org, 'bin', 'a.bin', bytes, { form: 'bearer', token: secret });

  const first = await curl(api.url, `/raw/${org}/bin/a.bin`, { cred: { form: 'bearer', token: secret }, args: ['-A', 'tollgate-e2e/1.0'] });
  expect(first.status).toBe(200);
  const ranged = await curl(api.url, `/raw/${org}/bin/a.bin`, { cred: { form: 'path', token: secret }, args: ['-A', 'tollgate-e2e/2.0', '-r', '0-99'] });
  expect(ranged.status).toBe(206);
  const refused = await curl(api.url, `/raw/${org}/bin/a.bin`, { cred: null });
  expect(refused.status).toBe(401);

  const items = await poll(async () => {
    const res = await api.get<{ items: Download[] }>(`/api/v1/orgs/${org}/repos/bin/downloads`, { cookie: owner.cookie });
    expect(res.status, res.text).toBe(200);
    return res.json.items.length >= 2 ? res.json.items : null;
  });
  if (!items) throw new Error('the two downloads were not recorded within 10 s');
  expect(items).toHaveLength(2);
  expect(items.map((d) => [d.path, d.bytes, d.credential.type, d.credential.label, d.credential.user, d.userAgent])).toEqual([
    ['a.bin', 100, 'pat', 'ci-reader', owner.email, 'tollgate-e2e/2.0'],
    ['a.bin', 5000, 'pat', 'ci-reader', owner.email, 'tollgate-e2e/1.0'],
  ]);
  expect(items[0]!.clientAddress).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  expect(Date.parse(items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(items[1]!.at));
});

test('only repository and organization admins read the download log', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'bin', format: 'raw', visibility: 'private' });
  const reader = await addMember(api, owner.cookie, org, 'member', 'reader');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'bin', reader.user.id, 'developer');
  expectError(await api.get(`/api/v1/orgs/${org}/repos/bin/downloads`, { cookie: reader.cookie }), 403);
  const admin = await addMember(api, owner.cookie, org, 'member', 'repoadmin');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'bin', admin.user.id, 'admin');
  const res = await api.get<{ items: Download[]; nextCursor: string | null }>(`/api/v1/orgs/${org}/repos/bin/downloads`, { cookie: admin.cookie });
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ items: [], nextCursor: null });
  expectError(await api.get(`/api/v1/orgs/${org}/repos/bin/downloads`), 401);
});
