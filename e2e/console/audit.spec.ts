/**
 * The Audit page in a real browser: owners and admins see the organization's events as sentences,
 * filter them by actor, action and time, page through them with Load more, and export the
 * filtered log as CSV; members see that the log is not theirs to read. No console errors.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from '../support/fixtures';
import { addMember, signup } from '../api/helpers';
import { createRepo, createToken } from '../api/pat-helpers';
import { useSessionCookie, watchConsole } from './helpers';

test('sentences, filters, Load more and the CSV export; members are told it is not for them', async ({ page, context, api, server }) => {
  test.setTimeout(180_000);
  const owner = await signup(api);
  const org = owner.org.slug;
  const alice = await addMember(api, owner.cookie, org, 'admin', 'alice');
  const bob = await addMember(api, owner.cookie, org, 'member', 'bob');
  const t = await createToken(api, alice.cookie, { org, name: 'ci-deploy', type: 'resource', resources: [{ repo: '*', access: 'read' }] });
  expect((await api.post(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { cookie: alice.cookie })).status).toBe(200);
  // Enough events for more than one page (the page loads 50 at a time).
  for (let i = 0; i < 26; i++) {
    await createRepo(api, { cookie: owner.cookie }, org, { name: `repo-${i}`, visibility: 'private' });
    expect((await api.delete(`/api/v1/orgs/${org}/repos/repo-${i}`, { cookie: owner.cookie })).status).toBe(204);
  }

  const watch = watchConsole(page);
  await useSessionCookie(context, server.url, owner.cookie);
  await page.goto(`/${org}/audit`);
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row')).toHaveCount(51); // header + 50
  await expect(log).toContainText(`${owner.email} deleted repository repo-25`);
  await page.getByRole('button', { name: 'Load more events' }).click();
  await expect(log).toContainText(`${alice.email} revoked token ci-deploy`);
  await expect(log).toContainText(`${owner.email} invited ${bob.email} as member`);
  await expect(log).toContainText(`${owner.email} created the organization ${org}`);

  // By action.
  await page.getByLabel('Action', { exact: true }).selectOption('token.revoked');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(log.getByRole('row')).toHaveCount(2);
  await expect(log).toContainText(`${alice.email} revoked token ci-deploy`);
  // By actor and kind.
  await page.getByLabel('Action', { exact: true }).selectOption('token');
  await page.getByLabel('Actor', { exact: true }).fill(alice.email.slice(0, 10));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log).toContainText(`${alice.email} created token ci-deploy`);

  // The CSV of what is shown.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8').trimEnd().split('\r\n');
  expect(csv[0]).toBe('at,actor,action,target_type,target,address,credential,description');
  expect(csv.slice(1).map((l) => l.split(',')[2])).toEqual(['token.revoked', 'token.created']);

  // A time window in the future: nothing, and the empty state says so; Clear brings everything back.
  await page.getByLabel('From', { exact: true }).fill('2099-01-01T00:00');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No events match these filters')).toBeVisible();
  // "To" before "From" is refused next to the field.
  await page.getByLabel('To', { exact: true }).fill('2098-01-01T00:00');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Clear' }).click();
  // Every event again (both pages loaded before, kept by the list).
  await expect(log).toContainText(`${owner.email} deleted repository repo-25`);
  await expect(log).toContainText(`${owner.email} created the organization ${org}`);
  await expect(page.getByText('No events match these filters')).toHaveCount(0);
  watch.expectClean();

  // A member is told the log is for owners and admins.
  const other = await context.browser()!.newContext();
  await useSessionCookie(other, server.url, bob.cookie);
  const bobPage = await other.newPage();
  await bobPage.goto(`/${org}/audit`);
  await expect(bobPage.getByText('Only owners and admins can view the audit log')).toBeVisible();
  await expect(bobPage.getByRole('table', { name: 'Audit log' })).toHaveCount(0);
  await other.close();
});
