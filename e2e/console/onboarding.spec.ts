/**
 * Onboarding in a real browser, end to end: the first sign-up on a fresh server, a second
 * organization, an invitation accepted in another browser, a role change, a removal that signs the
 * removed member out. No console errors in either browser along the way.
 */
import type { z } from 'zod';
import type { Page } from '../../lib/http/pagination';
import type { memberView } from '../../lib/orgs/schema';
import { test as base, expect } from '../support/fixtures';
import { PASSWORD, uid, type OrgSummary } from '../api/helpers';
import { cookieHeaderOf, escapeRegExp, orgSwitcher, watchConsole } from './helpers';

type Member = z.output<typeof memberView>;

/**
 * The first-run page (/signup as "Create the first account") exists only while the server has no
 * user. Tests of one worker share a server, so this spec gets a worker of its own: registering one
 * more worker-scoped fixture changes Playwright's worker hash, and its `server` is therefore a
 * fresh one that no other test has signed up on.
 */
const test = base.extend<object, { firstRunServer: boolean }>({
  firstRunServer: [async ({}, use) => use(true), { scope: 'worker' }],
});

test('onboarding: first sign-up, second org, invite, accept, change role, remove', async ({ page, browser, baseURL, api }) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const id = uid();
  const admin = { name: `Ada Admin ${id}`, email: `ada-${id}@example.test`, password: PASSWORD };
  const org1 = { name: `Acme ${id}`, slug: `acme-${id}` };
  const org2 = { name: `Beta Labs ${id}`, slug: `beta-${id}` };
  const invitee = { name: `Ivan Invitee ${id}`, email: `ivan-${id}@example.test`, password: `${PASSWORD} 2` };

  const adminConsole = watchConsole(page);
  const adminContext = page.context();

  await test.step('sign up on the first-run page', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByRole('heading', { name: 'Create the first account' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(admin.name);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByLabel('Organization name').fill(org1.name);
    // the slug is proposed from the name
    await expect(page.getByLabel('Slug')).toHaveValue(org1.slug);
    await page.getByRole('button', { name: 'Create account' }).click();
  });

  await test.step('land in the console of the new organization', async () => {
    await expect(page).toHaveURL(new RegExp(`/${org1.slug}/repositories$`));
    const nav = page.getByRole('navigation', { name: 'Organization' });
    for (const section of ['Repositories', 'Members', 'Tokens', 'Entitlements', 'Audit', 'Settings']) {
      await expect(nav.getByRole('link', { name: section })).toHaveAttribute('href', `/${org1.slug}/${section.toLowerCase()}`);
    }
    await expect(nav.getByRole('link', { name: 'Repositories' })).toHaveAttribute('aria-current', 'page');
    await expect(orgSwitcher(page)).toHaveAccessibleName(`${org1.name}: switch organization`);
    await expect(orgSwitcher(page)).toContainText('Owner');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  await test.step('create a second organization from the org switcher', async () => {
    await orgSwitcher(page).click();
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: `${org1.name} Owner` })).toBeVisible();
    await menu.getByRole('menuitem', { name: 'Create organization' }).click();
    await expect(page).toHaveURL(/\/orgs\/new$/);
    await expect(page.getByRole('heading', { name: 'Create organization' })).toBeVisible();
    await page.getByLabel('Organization name').fill(org2.name);
    await page.getByLabel('Slug').fill(org2.slug);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect(page).toHaveURL(new RegExp(`/${org2.slug}/repositories$`));
    await expect(orgSwitcher(page)).toHaveAccessibleName(`${org2.name}: switch organization`);

    // both organizations are in the switcher, the current one first-class
    await orgSwitcher(page).click();
    await expect(page.getByRole('menuitem', { name: `${org1.name} Owner` })).toHaveAttribute('href', `/${org1.slug}/repositories`);
    await expect(page.getByRole('menuitem', { name: `${org2.name} Owner` })).toHaveAttribute('href', `/${org2.slug}/repositories`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
  });

  let link = '';
  await test.step('invite a new member as admin from the Members page', async () => {
    await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Members' }).click();
    await expect(page).toHaveURL(new RegExp(`/${org2.slug}/members$`));
    await expect(page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: admin.email })).toContainText('Owner');

    await page.getByRole('button', { name: 'Invite member' }).click();
    const form = page.getByRole('dialog', { name: 'Invite member' });
    await expect(form).toBeVisible();
    await form.getByLabel('E-mail').fill(invitee.email);
    await form.getByLabel('Role').selectOption('admin');
    await form.getByRole('button', { name: 'Send invitation' }).click();

    const created = page.getByRole('dialog', { name: 'Invitation created' });
    await expect(created).toBeVisible();
    await expect(created.getByRole('button', { name: 'Copy link' })).toBeVisible();
    const field = created.getByLabel('Invitation link');
    await expect(field).toHaveValue(new RegExp(`^${escapeRegExp(origin)}/invite/tgi_[0-9A-Za-z]{38}$`));
    link = await field.inputValue();
    await created.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await expect(pending.getByRole('row').filter({ hasText: invitee.email })).toContainText('Admin');
  });

  const memberContext = await browser.newContext({ baseURL: origin });
  const memberPage = await memberContext.newPage();
  const memberConsole = watchConsole(memberPage);
  try {
    await test.step('the invitee opens the link in a fresh browser and creates an account', async () => {
      await memberPage.goto(link);
      await expect(memberPage.getByRole('heading', { name: `Join ${org2.name} on Tollgate` })).toBeVisible();
      await expect(memberPage.getByLabel('E-mail')).toHaveValue(invitee.email);
      await memberPage.getByLabel('Name', { exact: true }).fill(invitee.name);
      await memberPage.getByLabel('Password', { exact: true }).fill(invitee.password);
      await memberPage.getByLabel('Confirm password').fill(invitee.password);
      await memberPage.getByRole('button', { name: 'Create account and accept invitation' }).click();
    });

    await test.step('the new member lands in the organization and sees their role', async () => {
      await expect(memberPage).toHaveURL(new RegExp(`/${org2.slug}/repositories$`));
      await expect(orgSwitcher(memberPage)).toHaveAccessibleName(`${org2.name}: switch organization`);
      await expect(orgSwitcher(memberPage)).toContainText('Admin');
      await orgSwitcher(memberPage).click();
      const items = memberPage.getByRole('menu').getByRole('menuitem');
      // their only organization, with their role, then "Create organization"
      await expect(items).toHaveCount(2);
      await expect(items.nth(0)).toHaveAccessibleName(`${org2.name} Admin`);
      await expect(items.nth(1)).toHaveAccessibleName('Create organization');
      await memberPage.keyboard.press('Escape');

      await memberPage.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Members' }).click();
      await expect(memberPage).toHaveURL(new RegExp(`/${org2.slug}/members$`));
      const members = memberPage.getByRole('table', { name: 'Members' });
      await expect(members.getByRole('row').filter({ hasText: invitee.email })).toContainText(invitee.name);
      await expect(members.getByRole('combobox', { name: `Role for ${invitee.email}` })).toHaveValue('admin');
    });

    let adminCookie = '';
    await test.step('the admin changes the member\'s role to member', async () => {
      await page.reload();
      const members = page.getByRole('table', { name: 'Members' });
      const role = members.getByRole('combobox', { name: `Role for ${invitee.email}` });
      await expect(role).toHaveValue('admin');
      await role.selectOption('member');
      await expect(page.getByRole('region', { name: 'Notifications' }).getByText('Role changed')).toBeVisible();
      await expect(role).toHaveValue('member');
      // the invitation is used: no longer pending
      await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);

      await page.reload();
      await expect(page.getByRole('table', { name: 'Members' }).getByRole('combobox', { name: `Role for ${invitee.email}` })).toHaveValue('member');

      adminCookie = await cookieHeaderOf(adminContext, origin);
      const res = await api.get<Page<Member>>(`/api/v1/orgs/${org2.slug}/members`, { cookie: adminCookie });
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.find((m) => m.email === invitee.email)).toMatchObject({ name: invitee.name, role: 'member' });

      // and the member's own view follows
      await memberPage.reload();
      await expect(orgSwitcher(memberPage)).toContainText('Member');
      await expect(memberPage.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: invitee.email })).toContainText('Member');
      await expect(memberPage.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
      const me = await api.get<{ orgs: OrgSummary[] }>('/api/v1/user', { cookie: await cookieHeaderOf(memberContext, origin) });
      expect(me.status, me.text).toBe(200);
      expect(me.json.orgs).toEqual([expect.objectContaining({ slug: org2.slug, name: org2.name, role: 'member' })]);
    });

    let memberCookie = '';
    await test.step('the admin removes the member', async () => {
      memberCookie = await cookieHeaderOf(memberContext, origin);
      const row = page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: invitee.email });
      await row.getByRole('button', { name: 'Remove' }).click();
      const confirm = page.getByRole('dialog');
      await expect(confirm).toContainText(invitee.email);
      await confirm.getByRole('button', { name: 'Remove member' }).click();
      await expect(page.getByRole('region', { name: 'Notifications' }).getByText('Member removed')).toBeVisible();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(row).toHaveCount(0);

      const res = await api.get<Page<Member>>(`/api/v1/orgs/${org2.slug}/members`, { cookie: adminCookie });
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.map((m) => m.email)).toEqual([admin.email]);
    });

    await test.step('the removed member\'s next navigation lands on sign-in', async () => {
      await memberPage.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Repositories' }).click();
      await expect(memberPage).toHaveURL(new RegExp(`/signin\\?callbackUrl=(/|%2F)${org2.slug}(/|%2F)repositories$`));
      await expect(memberPage.getByRole('heading', { name: 'Sign in to Tollgate' })).toBeVisible();
      // the session is gone on the server, not just in this tab
      const me = await api.get('/api/v1/user', { cookie: memberCookie });
      expect(me.status, me.text).toBe(401);
    });

    await test.step('no console errors in either browser', async () => {
      adminConsole.expectClean('admin');
      memberConsole.expectClean('member');
    });
  } finally {
    await memberContext.close();
  }
});
