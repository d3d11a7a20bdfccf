/**
 * Repository list pages hold `limit` repositories the caller may see, whatever the repositories in
 * between that they may not: a member with roles on a few private repositories among many pages
 * through exactly those, in full pages, and the last page has no cursor.
 */
import { test, expect } from '../support/fixtures';
import { addMember, signup } from './helpers';
import { createRepo, setRepoRole, type Page, type Repo } from './pat-helpers';

test('list pages are full pages of visible repositories', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  const member = await addMember(api, owner.cookie, org, 'member', 'pager');
  const names = Array.from({ length: 12 }, (_, i) => `r${String(i).padStart(2, '0')}`);
  for (const name of names) await createRepo(api, { cookie: owner.cookie }, org, { name, format: 'raw', visibility: 'private' });
  // Visible to the member: every third one (r02, r05, r08, r11), spread across the whole list.
  const mine = names.filter((_, i) => i % 3 === 2);
  for (const name of mine) await setRepoRole(api, { cookie: owner.cookie }, org, name, member.user.id, 'reader');

  const seen: string[][] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
    const res = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos${q}`, { cookie: member.cookie });
    expect(res.status, res.text).toBe(200);
    seen.push(res.json.items.map((r) => r.name));
    cursor = res.json.nextCursor;
  } while (cursor && seen.length < 10);
  expect(seen).toEqual([
    ['r02', 'r05'],
    ['r08', 'r11'],
  ]);

  const all = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos?limit=200`, { cookie: owner.cookie });
  expect(all.json.items.map((r) => r.name)).toEqual(names);
  expect(all.json.nextCursor).toBeNull();
});
