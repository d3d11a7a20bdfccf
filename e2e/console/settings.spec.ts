/**
 * Organization settings in a real browser: owners change the name and the default visibility of new
 * repositories; plain members only read them.
 */
import type { z } from 'zod';
import type { orgView } from '../../lib/orgs/schema';
import { test, expect } from '../support/fixtures';
import { addMember, signup, uid } from '../api/helpers';
import { orgSwitcher, useSessionCookie, watchConsole } from './helpers';

type OrgView = z.output<typeof orgView>;

test('an owner changes the name and default visibility: toast, and the values persist', async ({ page, api, baseURL }) => {
  const consoleErrors = watchConsole(page);
  const owner = await signup(api);
  await useSessionCookie(page.context(), baseURL!, owner.cookie);
  const newName = `Renamed ${uid()}`;

  await page.goto(`/${owner.org.slug}/settings`);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  const name = page.getByLabel('Organization name');
  // The radios are named by their option alone ("Private"); the explanation is their description.
  const radio = (label: string) => page.getByRole('radio', { name: label, exact: true });
  await expect(name).toHaveValue(owner.org.name);
  await expect(name).toBeEditable();
  await expect(radio('Private')).toBeChecked(); // the default
  await expect(radio('Public')).not.toBeChecked();
  await expect(radio('Distribution')).not.toBeChecked();

  await name.fill(newName);
  await radio('Distribution').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByText('Settings saved')).toBeVisible();
  // the shell follows the new name without a reload
  await expect(orgSwitcher(page)).toHaveAccessibleName(`${newName}: switch organization`);

  await page.reload();
  await expect(page.getByLabel('Organization name')).toHaveValue(newName);
  await expect(radio('Distribution')).toBeChecked();
  await expect(radio('Private')).not.toBeChecked();
  await expect(orgSwitcher(page)).toHaveAccessibleName(`${newName}: switch organization`);

  // persisted server-side, and it is what a new repository gets when it names no visibility
  const org = await api.get<OrgView>(`/api/v1/orgs/${owner.org.slug}`, { cookie: owner.cookie });
  expect(org.status, org.text).toBe(200);
  expect(org.json).toMatchObject({ name: newName, settings: { defaultVisibility: 'distribution' } });
  const repo = await api.post<{ visibility: string }>(
    `/api/v1/orgs/${owner.org.slug}/repos`,
    { name: `r-${uid()}`, format: 'raw' },
    { cookie: owner.cookie },
  );
  expect(repo.status, repo.text).toBe(201);
  expect(repo.json.visibility).toBe('distribution');
  consoleErrors.expectClean();
});

test('a plain member sees the settings read-only', async ({ page, api, baseURL }) => {
  const consoleErrors = watchConsole(page);
  const owner = await signup(api);
  const member = await addMember(api, owner.cookie, owner.org.slug, 'member', 'reader');
  await useSessionCookie(page.context(), baseURL!, member.cookie);

  await page.goto(`/${owner.org.slug}/settings`);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(orgSwitcher(page)).toContainText('Member');
  await expect(page.getByText('You can view these settings. Owners and admins can change them.')).toBeVisible();
  await expect(page.getByLabel('Organization name')).toHaveValue(owner.org.name);
  await expect(page.getByLabel('Organization name')).not.toBeEditable();
  for (const label of ['Public', 'Private', 'Distribution']) {
    await expect(page.getByRole('radio', { name: label, exact: true })).toBeDisabled();
  }
  await expect(page.getByRole('radio', { name: 'Private', exact: true })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

  // and the API agrees: a member may not change them
  const res = await api.patch(`/api/v1/orgs/${owner.org.slug}`, { name: 'Hijacked' }, { cookie: member.cookie });
  expect(res.status, res.text).toBe(403);
  consoleErrors.expectClean();
});
