/**
 * Signing in and out in a real browser: the wrong-password banner, the sign-in redirect that brings
 * you back where you were, dead invitation links, and sign-in plus the org switcher by keyboard only.
 */
import { test, expect } from '../support/fixtures';
import { PASSWORD, accept, invite, signup, uid, uniqueEmail } from '../api/helpers';
import { cookieHeaderOf, escapeRegExp, orgSwitcher, signInThroughForm, tabTo, watchConsole } from './helpers';

test('a wrong password shows the banner and keeps you on sign-in', async ({ page, api }) => {
  const consoleErrors = watchConsole(page);
  const owner = await signup(api);

  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in to Tollgate' })).toBeVisible();
  await signInThroughForm(page, owner.email, `${PASSWORD} but wrong`);
  const banner = page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' });
  await expect(banner).toBeVisible();
  await expect(banner).toBeFocused(); // announced and focused, so the user knows what happened
  await expect(page).toHaveURL(/\/signin$/);
  // the form keeps the e-mail; no session was opened
  await expect(page.getByLabel('E-mail')).toHaveValue(owner.email);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('next-auth.session-token');

  // an unknown e-mail gets the same answer (no account enumeration)
  await signInThroughForm(page, uniqueEmail('nobody'), PASSWORD);
  await expect(banner).toBeVisible();

  // and the right password then works
  await signInThroughForm(page, owner.email, owner.password);
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/repositories$`));
  consoleErrors.expectClean();
});

test('after signing out, a protected page asks for sign-in and signing in returns there', async ({ page, api, baseURL }) => {
  const consoleErrors = watchConsole(page);
  const owner = await signup(api);

  await page.goto('/signin');
  await signInThroughForm(page, owner.email, owner.password);
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/repositories$`));
  const oldSession = await cookieHeaderOf(page.context(), baseURL!);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Tollgate' })).toBeVisible();
  // the session ended on the server too: its cookie no longer works
  const me = await api.get('/api/v1/user', { cookie: oldSession });
  expect(me.status, me.text).toBe(401);

  await page.goto(`/${owner.org.slug}/settings`);
  await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=(/|%2F)${owner.org.slug}(/|%2F)settings$`));
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(`/${owner.org.slug}/settings`);
  await signInThroughForm(page, owner.email, owner.password);
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/settings$`));
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('Organization name')).toHaveValue(owner.org.name);
  consoleErrors.expectClean();
});

test('a used invitation link shows that it is no longer valid', async ({ page, api }) => {
  const consoleErrors = watchConsole(page);
  const owner = await signup(api);
  const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('used'), role: 'member' });
  const res = await accept(api, inv.secret, { name: `Used ${uid()}`, password: PASSWORD });
  expect(res.status, res.text).toBe(200);

  await page.goto(inv.acceptUrl);
  await expect(page.getByRole('heading', { name: 'This invitation is no longer valid (used, revoked or expired)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create account and accept invitation' })).toHaveCount(0);
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to sign-in' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  consoleErrors.expectClean();
});

test('keyboard only: sign in, then open the org switcher and reach "Create organization"', async ({ page, api }) => {
  const consoleErrors = watchConsole(page);
  const owner = await signup(api);

  await page.goto('/signin');
  const email = page.getByLabel('E-mail');
  const password = page.getByLabel('Password', { exact: true });
  const submit = page.getByRole('button', { name: 'Sign in' });
  await expect(email).toBeVisible();
  await tabTo(page, email);
  await page.keyboard.type(owner.email);
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.type(owner.password);
  await page.keyboard.press('Tab');
  await expect(submit).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/repositories$`));

  const switcher = orgSwitcher(page);
  await expect(switcher).toHaveAccessibleName(`${owner.org.name}: switch organization`);
  await tabTo(page, switcher);
  await expect(switcher).toHaveAttribute('aria-expanded', 'false');

  // ArrowDown opens the menu on its first item; Escape closes it and gives focus back
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(switcher).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(owner.org.name)}\\s+Owner$`) })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(switcher).toBeFocused();

  // Enter opens it too; ArrowDown reaches "Create organization"; Enter follows it
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const create = menu.getByRole('menuitem', { name: 'Create organization' });
  await expect(create).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await expect(page.getByRole('heading', { name: 'Create organization' })).toBeVisible();
  consoleErrors.expectClean();
});
