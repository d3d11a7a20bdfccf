/**
 * The repositories console in a real browser: create a repository through the dialog, see it
 * listed, upload a file with curl and a personal access token, delete it, give an org member a
 * repository role, change visibility, and delete the repository by typing its name.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, type Api } from '../support/fixtures';
import { addMember, signup, uid, type Account } from '../api/helpers';
import { listFiles, payload, resourceToken, sha256, upload, type Repo, type RepoMember } from '../api/pat-helpers';

/** Puts the API session cookie(s) of `cookie` ("a=b; c=d") into the browser. */
async function signInBrowser(context: BrowserContext, baseUrl: string, cookie: string) {
  const cookies = cookie
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: baseUrl };
    });
  await context.addCookies(cookies);
}

/** Console errors and uncaught exceptions, minus Chrome's own lines about 4xx answers (a 409 we provoke). */
function collectBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    errors.push(text);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** With TOLLGATE_SCREENSHOTS=1, a full-page screenshot into the test's output folder (for looking at the pages). */
async function shot(page: Page, name: string) {
  if (!process.env.TOLLGATE_SCREENSHOTS) return;
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

const toasts = (page: Page) => page.getByRole('region', { name: 'Notifications' });
/** A toast with `text` is shown; then it is dismissed as a person would, because a toast
 * pauses while the pointer is over it and can sit on the next button the test clicks. */
async function toastSeen(page: Page, text: string | RegExp) {
  const toast = toasts(page).getByRole('listitem').filter({ hasText: text });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(toast).toBeHidden();
}

/** Dismisses every toast still shown (e.g. "Member added"), so none covers the next click. */
async function dismissToasts(page: Page) {
  const close = toasts(page).getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

async function getRepo(api: Api, owner: Account, org: string, name: string) {
  return api.get<Repo>(`/api/v1/orgs/${org}/repos/${name}`, { cookie: owner.cookie });
}

test('repositories: create, upload, delete a file, roles, visibility, delete', async ({ page, context, api, server }) => {
  const errors = collectBrowserErrors(page);
  const owner = await signup(api);
  const org = owner.org.slug;
  // A default other than the built-in one, so that "preselected" means something.
  const patched = await api.patch(`/api/v1/orgs/${org}`, { settings: { defaultVisibility: 'distribution' } }, { cookie: owner.cookie });
  expect(patched.status, patched.text).toBe(200);
  await signInBrowser(context, server.url, owner.cookie);

  // ── the empty list ─────────────────────────────────────────────────────────────────────
  await page.goto(`/${org}/repositories`);
  await expect(page.getByRole('heading', { level: 1, name: 'Repositories' })).toBeVisible();
  await expect(page.getByText('No repositories yet')).toBeVisible();
  await shot(page, '01-list-empty');

  // ── create through the dialog ──────────────────────────────────────────────────────────
  const name = `rel-${uid()}`;
  await page.getByRole('button', { name: 'Create repository' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create repository' });
  await expect(dialog).toBeVisible();
  const visibility = dialog.getByRole('radiogroup', { name: 'Visibility' });
  await expect(visibility.getByRole('radio', { name: 'Distribution', exact: true })).toBeChecked();
  await expect(visibility.getByRole('radio', { name: 'Private', exact: true })).not.toBeChecked();
  const format = dialog.getByRole('radiogroup', { name: 'Format' });
  await expect(format.getByRole('radio', { name: 'Raw', exact: true })).toBeChecked();
  await expect(format.getByRole('radio', { name: 'PyPI', exact: true })).toHaveAccessibleDescription(/pip/);
  await shot(page, '02-create-dialog');

  // A bad name is caught next to the field before anything is sent.
  await dialog.getByLabel('Name', { exact: true }).fill('Not OK!');
  await dialog.getByRole('button', { name: 'Create repository' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/lower-case letters/i);

  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Description', { exact: true }).fill('Release archives for the e2e suite');
  await dialog.getByRole('button', { name: 'Create repository' }).click();

  // On success: the new repository's page.
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories/${name}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Release archives for the e2e suite')).toBeVisible();
  const created = await getRepo(api, owner, org, name);
  expect(created.status, created.text).toBe(200);
  expect(created.json).toMatchObject({ name, format: 'raw', visibility: 'distribution', description: 'Release archives for the e2e suite' });
  // The tool URL with its copy button.
  await expect(page.getByText(created.json.urls.raw!, { exact: true })).toBeVisible();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.getByRole('button', { name: 'Copy raw files url' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.json.urls.raw);
  // No files yet: the empty state explains how to upload with curl.
  await expect(page.getByText('No files yet')).toBeVisible();
  await expect(page.getByText(`curl -X PUT --data-binary @app-1.0.tar.gz -H "Authorization: Bearer <token>" ${created.json.urls.raw}app-1.0.tar.gz`)).toBeVisible();
  await shot(page, '03-files-empty');

  // ── listed, and a duplicate name is refused under Name ─────────────────────────────────
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Repositories' }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories$`));
  const list = page.getByRole('table', { name: 'Repositories' });
  const listRow = list.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  await expect(listRow).toBeVisible();
  await expect(listRow).toContainText('Raw');
  await expect(listRow).toContainText('Distribution');
  await expect(listRow).toContainText('Release archives for the e2e suite');
  await expect(listRow).toContainText('0 B');
  await shot(page, '04-list');

  await page.getByRole('button', { name: 'Create repository' }).click();
  dialog = page.getByRole('dialog', { name: 'Create repository' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Create repository' }).click();
  const nameField = dialog.getByLabel('Name', { exact: true });
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toHaveAccessibleDescription(/This name is taken/);
  await expect(nameField).toBeFocused();
  await shot(page, '05-create-duplicate');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // ── upload with curl and a PAT, see the file, delete it ────────────────────────────────
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: name, access: 'manage' }]);
  const bytes = payload('tollgate-console-e2e', 2048);
  const digest = sha256(bytes);
  await upload(server.url, org, name, 'dist/app-1.0.tar.gz', bytes, { form: 'bearer', token: secret });

  // Back on the list (reloaded: the upload happened outside the browser), with its count and size.
  await page.reload();
  await expect(listRow.getByRole('cell').nth(4)).toHaveText('1');
  await expect(listRow.getByRole('cell').nth(5)).toHaveText('2.0 KiB');
  await listRow.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories/${name}$`));
  const files = page.getByRole('table', { name: 'Files' });
  const fileRow = files.getByRole('row').filter({ hasText: 'dist/app-1.0.tar.gz' });
  await expect(fileRow).toBeVisible();
  await expect(fileRow).toContainText('2.0 KiB');
  await expect(fileRow.getByRole('cell', { name: /2\.0 KiB/ })).toHaveAttribute('title', '2,048 bytes');
  await expect(fileRow.getByText(digest.slice(0, 12))).toHaveAttribute('title', digest);
  await expect(fileRow).toContainText(owner.email);
  await expect(page.getByText('1 file ·')).toBeVisible();
  await shot(page, '06-files');

  await fileRow.getByRole('button', { name: 'Delete' }).click();
  const confirmFile = page.getByRole('dialog', { name: 'Delete this file?' });
  await expect(confirmFile).toContainText('dist/app-1.0.tar.gz');
  await shot(page, '07-delete-file');
  await confirmFile.getByRole('button', { name: 'Delete file' }).click();
  await expect(confirmFile).toBeHidden();
  await toastSeen(page, 'File deleted');
  await expect(page.getByText('No files yet')).toBeVisible();
  await expect(page.getByText('0 files ·')).toBeVisible();
  expect(await listFiles(api, { cookie: owner.cookie }, org, name)).toEqual([]);

  // ── Access: give an org member a repository role ───────────────────────────────────────
  const dev = await addMember(api, owner.cookie, org, 'member', 'dev');
  await page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name: 'Access' }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories/${name}/access$`));
  await expect(page.getByText('No repository members')).toBeVisible();
  await page.getByLabel('Member', { exact: true }).selectOption(dev.user.id);
  await page.getByLabel('Role', { exact: true }).selectOption('developer');
  await page.getByRole('button', { name: 'Add member' }).click();
  const members = page.getByRole('table', { name: 'Repository members' });
  const roleSelect = members.getByRole('combobox', { name: `Repository role for ${dev.email}` });
  await expect(roleSelect).toHaveValue('developer');
  // Someone who has a role is not offered again.
  await expect(page.getByLabel('Member', { exact: true }).locator(`option[value="${dev.user.id}"]`)).toHaveCount(0);

  await roleSelect.selectOption('reader');
  await toastSeen(page, /is now Reader of/);
  const roles = await api.get<{ items: RepoMember[] }>(`/api/v1/orgs/${org}/repos/${name}/members`, { cookie: owner.cookie });
  expect(roles.json.items).toEqual([expect.objectContaining({ userId: dev.user.id, email: dev.email, role: 'reader' })]);
  await shot(page, '08-access');

  // ── Settings: visibility ───────────────────────────────────────────────────────────────
  await page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories/${name}/settings$`));
  const settingsVisibility = page.getByRole('radiogroup', { name: 'Visibility' });
  await expect(settingsVisibility.getByRole('radio', { name: 'Distribution', exact: true })).toBeChecked();
  await settingsVisibility.getByRole('radio', { name: 'Public', exact: true }).check();
  await expect(page.getByText('Anyone on the internet will be able to list and download')).toBeVisible();
  await shot(page, '09-settings');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toastSeen(page, 'Settings saved');
  // The header (a server component) follows.
  await expect(page.getByRole('heading', { level: 1, name }).locator('..').getByText('Public', { exact: true })).toBeVisible();
  expect((await getRepo(api, owner, org, name)).json.visibility).toBe('public');

  // ── delete the repository by typing its name ───────────────────────────────────────────
  await dismissToasts(page);
  await page.getByRole('button', { name: 'Delete repository' }).click();
  const confirmRepo = page.getByRole('dialog', { name: `Delete ${name}?` });
  const confirmButton = confirmRepo.getByRole('button', { name: 'Delete repository' });
  await expect(confirmButton).toBeDisabled();
  await confirmRepo.getByRole('textbox').fill(name.slice(0, -1));
  await expect(confirmButton).toBeDisabled();
  await confirmRepo.getByRole('textbox').fill(name);
  await shot(page, '10-delete-repo');
  await confirmButton.click();
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories$`));
  await toastSeen(page, 'Repository deleted');
  await expect(page.getByText('No repositories yet')).toBeVisible();
  expect((await getRepo(api, owner, org, name)).status).toBe(404);

  expect(errors, 'browser console errors').toEqual([]);
});

test('repositories: a member without a role sees no Access or Settings; a distribution manager cannot create', async ({
  page,
  context,
  api,
  server,
}) => {
  const errors = collectBrowserErrors(page);
  const owner = await signup(api);
  const org = owner.org.slug;
  const name = `priv-${uid()}`;
  const res = await api.post<Repo>(`/api/v1/orgs/${org}/repos`, { name, format: 'pypi', visibility: 'private' }, { cookie: owner.cookie });
  expect(res.status, res.text).toBe(201);
  const reader = await addMember(api, owner.cookie, org, 'member', 'reader');
  const put = await api.put(`/api/v1/orgs/${org}/repos/${name}/members/${reader.user.id}`, { role: 'reader' }, { cookie: owner.cookie });
  expect(put.status, put.text).toBe(200);

  // A reader: the repository, its tool URLs and files, no Access or Settings tab, no Delete.
  await signInBrowser(context, server.url, reader.cookie);
  await page.goto(`/${org}/repositories`);
  await expect(page.getByRole('table', { name: 'Repositories' }).getByRole('link', { name })).toBeVisible();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(res.json.urls.index!, { exact: true })).toBeVisible();
  await expect(page.getByText('No files yet')).toBeVisible();
  const tabs = page.getByRole('navigation', { name: 'Repository' });
  await expect(tabs.getByRole('link', { name: 'Files' })).toHaveAttribute('aria-current', 'page');
  await expect(tabs.getByRole('link', { name: 'Access' })).toHaveCount(0);
  await expect(tabs.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await shot(page, '11-reader-files');
  // Typed in directly, the settings page says why there is nothing to change.
  await page.goto(`/${org}/repositories/${name}/settings`);
  await expect(page.getByText('does not include changing its settings')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete repository' })).toHaveCount(0);
  await shot(page, '12-reader-settings');

  // A private repository without a role is not found, not forbidden.
  const other = await addMember(api, owner.cookie, org, 'member', 'outsider');
  await context.clearCookies();
  await signInBrowser(context, server.url, other.cookie);
  const missing = await page.goto(`/${org}/repositories/${name}`);
  expect(missing?.status()).toBe(404);

  // An uploader may push but not list: the Files tab says so and shows how to upload with twine.
  const asUploader = await api.put(`/api/v1/orgs/${org}/repos/${name}/members/${other.user.id}`, { role: 'uploader' }, { cookie: owner.cookie });
  expect(asUploader.status, asUploader.text).toBe(200);
  await page.goto(`/${org}/repositories/${name}`);
  await expect(page.getByText('Your role lets you upload to this repository, but not list or download its files.')).toBeVisible();
  await expect(page.getByText(`twine upload --repository-url ${res.json.urls.upload} -u token -p <token> dist/*`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Files' })).toHaveCount(0);
  await expect(page.getByText('0 files ·')).toHaveCount(0);
  await shot(page, '13-uploader-files');

  // A distribution manager sees the list but may not create repositories.
  const dm = await addMember(api, owner.cookie, org, 'distribution_manager', 'dm');
  await context.clearCookies();
  await signInBrowser(context, server.url, dm.cookie);
  await page.goto(`/${org}/repositories`);
  await expect(page.getByText('No repositories yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create repository' })).toHaveCount(0);

  // Signed out: sign in first, then back to exactly this tab.
  await context.clearCookies();
  await page.goto(`/${org}/repositories/${name}/settings`);
  await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(`/${org}/repositories/${name}/settings`).replace(/%2F/g, '/')}$`));

  expect(errors, 'browser console errors').toEqual([]);
});
