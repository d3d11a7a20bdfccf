/**
 * The personal access token pages in the browser (docs/permissions.md "Personal access tokens"): the
 * wizard with real clicks (resource and scope tokens), the one-time reveal and its copy button,
 * the secret used with the real `curl` binary (and the copied snippet run as-is by sh), the
 * secret gone after a reload, reissue, revoke and the status tabs, and API errors mapped back to
 * the wizard's step and field. Screenshots of every step land in the test's output folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page, TestInfo } from '@playwright/test';
import { test, expect, type Api } from '../support/fixtures';
import { addMember, signup, uid, type Account } from '../api/helpers';
import { createRepo, curlGet, payload, PAT_RE, rawPath, resourceToken, setRepoRole, shown, upload, type Page as ApiPage, type Token } from '../api/pat-helpers';

type World = { owner: Account; org: string; repo: string; file: string; bytes: Buffer };

/** An org with a private raw repository `files` holding one uploaded file. */
async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const repo = 'files';
  await createRepo(api, { cookie: owner.cookie }, org, { name: repo, format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'other', format: 'raw', visibility: 'private' });
  const writer = await resourceToken(api, owner.cookie, org, [{ repo, access: 'write' }]);
  const file = `tool-${uid()}.tar.gz`;
  const bytes = payload(`console tokens ${uid()}`);
  await upload(api.url, org, repo, file, bytes, { form: 'bearer', token: writer.secret });
  // The uploader token is not part of what the tests look at.
  const del = await api.delete(`/api/v1/tokens/${writer.token.id}`, { cookie: owner.cookie });
  expect(del.status).toBe(204);
  return { owner, org, repo, file, bytes };
}

/** Signs the browser in with a session cookie from the API ("name=value; name2=value2"). */
async function signInByCookie(context: BrowserContext, baseUrl: string, cookieHeader: string) {
  const cookies = cookieHeader.split(';').map((pair) => {
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i).trim(), value: pair.slice(i + 1).trim(), url: baseUrl };
  });
  await context.addCookies(cookies);
}

/** Collects browser console errors, minus Chrome's "Failed to load resource … 4xx" lines. */
function watchConsole(page: Page): string[] {
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

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** curl downloads the world's file with the secret; returns the status (and checks the bytes on 200). */
async function download(api: Api, w: World, secret: string, form: 'bearer' | 'path' | 'basic' = 'bearer'): Promise<number> {
  const r = await curlGet(api.url, rawPath(w.org, w.repo, w.file), { form, token: secret });
  if (r.status === 200) expect(r.body.equals(w.bytes), `bytes of ${shown(r)}`).toBe(true);
  return r.status;
}

/** Runs a copied shell command as-is with sh in an empty directory; returns that directory. */
function runCopied(command: string): Promise<{ dir: string; code: number; stderr: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-snippet-'));
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd: dir, timeout: 60_000 }, (err, _stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ dir, code, stderr: String(stderr) });
    });
  });
}

const tokenField = (scope: Page | Locator) => scope.getByRole('textbox', { name: 'Token', exact: true });

async function readSecret(scope: Page | Locator): Promise<string> {
  const field = tokenField(scope);
  await expect(field).toHaveValue(PAT_RE);
  return field.inputValue();
}

function rowOf(page: Page, name: string): Locator {
  return page.getByRole('table', { name: 'Tokens' }).getByRole('row').filter({ hasText: name });
}

async function apiTokens(api: Api, cookie: string, status: string): Promise<Token[]> {
  const res = await api.get<ApiPage<Token>>(`/api/v1/tokens?status=${status}&limit=200`, { cookie });
  expect(res.status).toBe(200);
  return res.json.items;
}

test.describe('personal access tokens in the console', () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  });

  test('a resource token: wizard, one-time reveal, curl, reload, reissue and revoke', async ({ api, page, context }, testInfo) => {
    const w = await world(api);
    await signInByCookie(context, api.url, w.owner.cookie);
    const errors = watchConsole(page);

    // ── the empty list ──
    await page.goto(`/${w.org}/tokens`);
    await expect(page.getByRole('heading', { name: 'Personal access tokens' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Active' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('No tokens yet')).toBeVisible();
    await shot(page, testInfo, '0-list-empty');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page).toHaveURL(new RegExp(`/${w.org}/tokens/new$`));

    // ── 1 Details: errors next to fields, then valid values ──
    const steps = page.getByRole('navigation', { name: 'Steps' });
    await expect(steps.getByText('Details')).toBeVisible();
    await expect(steps.locator('[aria-current="step"]')).toContainText('Details');
    const expiration = page.getByLabel('Expiration', { exact: true });
    await expect(expiration).toHaveValue('90d');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Enter a name.')).toBeVisible();
    await expect(page.getByLabel('Name')).toBeFocused();
    await page.getByLabel('Name').fill('ci download');
    await page.getByLabel('Description').fill('pulls tools in CI');
    await expiration.selectOption('never');
    await expect(page.getByText(/Tokens that never expire are a risk/)).toBeVisible();
    await expiration.selectOption('custom');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Choose a date.')).toBeVisible();
    await expiration.selectOption('30d');
    await expect(page.getByText(/Tokens that never expire are a risk/)).toHaveCount(0);
    await expect(page.getByText(/^Expires on /)).toBeVisible();
    await shot(page, testInfo, '1-details');
    // Keyboard: Enter in the name field moves on.
    await page.getByLabel('Name').press('Enter');

    // ── 2 Type ──
    await expect(page.getByRole('heading', { name: 'Token type' })).toBeFocused();
    const resourceRadio = page.getByRole('radio', { name: 'Resource token' });
    await expect(resourceRadio).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Scope token' })).not.toBeChecked();
    await resourceRadio.check();
    await shot(page, testInfo, '2-type');
    await page.getByRole('button', { name: 'Next' }).click();

    // ── 3 Access: a repository row is required; two rows, one removed ──
    await expect(page.getByRole('heading', { name: 'Access', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Choose a repository.')).toBeVisible();
    const repoPicker = page.getByLabel('Repository', { exact: true });
    await expect(repoPicker.locator('option', { hasText: 'All repositories (*)' })).toHaveCount(1);
    await repoPicker.selectOption(w.repo);
    await page.getByLabel('Access', { exact: true }).selectOption('read');
    await expect(page.getByLabel('Access', { exact: true })).toHaveAccessibleDescription(/View and download packages \(the reader role\)/);
    await page.getByRole('button', { name: 'Add repository' }).click();
    await expect(page.getByLabel('Repository', { exact: true })).toHaveCount(2);
    await expect(page.getByLabel('Repository', { exact: true }).nth(1)).toBeFocused();
    await page.getByLabel('Access', { exact: true }).nth(1).selectOption('upload');
    await shot(page, testInfo, '3-access-resource');
    await page.getByRole('group', { name: 'Repository 2' }).getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByLabel('Repository', { exact: true })).toHaveCount(1);
    await page.getByRole('button', { name: 'Next' }).click();

    // ── 4 Review, Back keeps the values ──
    await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
    await expect(page.getByText('ci download')).toBeVisible();
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page.getByLabel('Repository', { exact: true })).toHaveValue(w.repo);
    await page.getByRole('button', { name: 'Next' }).click();
    await shot(page, testInfo, '4-review');
    await page.getByRole('button', { name: 'Create token' }).click();

    // ── the one-time reveal ──
    await expect(page.getByRole('heading', { name: 'Your new token' })).toBeVisible();
    await expect(page.getByText(/it will not be shown again/i)).toBeVisible();
    const secret = await readSecret(page);
    await expect(tokenField(page)).toBeFocused();
    expect(page.url(), 'the secret never goes into the URL').not.toContain(secret);
    await page.getByRole('button', { name: 'Copy token' }).click();
    const clipboard = await page.evaluate(async () => {
      try {
        return await navigator.clipboard.readText();
      } catch {
        return null;
      }
    });
    if (clipboard !== null) expect(clipboard).toBe(secret);
    else expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe(secret);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage, 'the secret is not in web storage').not.toContain(secret);
    await shot(page, testInfo, '5-reveal');

    // The snippets carry the real host, org, repository and file; the curl one works as copied.
    const curlSnippet = (await page.locator('[data-snippet="curl"]').textContent()) ?? '';
    expect(curlSnippet).toBe(`curl -fLO -H "Authorization: Bearer ${secret}" ${api.url}/raw/${w.org}/${w.repo}/${w.file}`);
    await expect(page.locator('[data-snippet="curl-path"]')).toHaveText(`curl -fLO ${api.url}/t/${secret}/raw/${w.org}/${w.repo}/${w.file}`);
    const host = new URL(api.url).host;
    await expect(page.locator('[data-snippet="pip"]')).toHaveText(`pip install --index-url http://x:${secret}@${host}/pypi/${w.org}/${w.repo}/simple/ <package>`);
    await expect(page.locator('[data-snippet="npm"]')).toHaveText(`npm config set //${host}/npm/${w.org}/${w.repo}/:_authToken ${secret}`);
    await expect(page.locator('[data-snippet="conda"]')).toHaveText(`conda config --add channels ${api.url}/t/${secret.replace(/^tgp_/, 'tgp-')}/conda/${w.org}/${w.repo}`);
    const copied = await runCopied(curlSnippet);
    try {
      expect(copied.code, copied.stderr).toBe(0);
      expect(readFileSync(path.join(copied.dir, w.file)).equals(w.bytes)).toBe(true);
    } finally {
      rmSync(copied.dir, { recursive: true, force: true });
    }

    // The real curl binary with the secret, in all three credential forms.
    expect(await download(api, w, secret, 'bearer')).toBe(200);
    expect(await download(api, w, secret, 'path')).toBe(200);
    expect(await download(api, w, secret, 'basic')).toBe(200);

    // ── a reload loses the secret for good ──
    await page.reload();
    await expect(page.getByRole('heading', { name: 'New personal access token' })).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue('');
    expect(await page.content()).not.toContain(secret);

    // ── the list ──
    await page.goto(`/${w.org}/tokens`);
    const row = rowOf(page, 'ci download');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('pulls tools in CI');
    await expect(row).toContainText('Resource');
    await expect(row).toContainText(`${w.repo}: read`);
    await expect(row).toContainText(`tgp_…${secret.slice(-4)}`);
    await expect(row).toContainText(/Expires in (29|30) days/);
    await expect(row).toContainText('127.0.0.1');
    await shot(page, testInfo, '6-list');

    // ── Edit: name and expiry ──
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: /Edit ci download/ });
    await edit.getByLabel('Name').fill('ci download (edited)');
    await edit.getByLabel('Expiration', { exact: true }).selectOption('7d');
    await expect(edit.getByText(/^Expires on /)).toBeVisible();
    await shot(page, testInfo, '6-edit');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    const edited = rowOf(page, 'ci download (edited)');
    await expect(edited).toContainText(/Expires in (6|7) days/);

    // ── Reissue: same id and grant, the old secret dies, the new one works ──
    await edited.getByRole('button', { name: 'Reissue' }).click();
    await page.getByRole('dialog', { name: /Reissue/ }).getByRole('button', { name: 'Reissue token' }).click();
    const reveal = page.getByRole('dialog', { name: 'Your new token' });
    await expect(reveal).toBeVisible();
    const reissued = await readSecret(reveal);
    expect(reissued).not.toBe(secret);
    await shot(page, testInfo, '7-reissued');
    expect(await download(api, w, secret)).toBe(401);
    expect(await download(api, w, reissued)).toBe(200);
    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(reveal).toBeHidden();
    expect(await page.content()).not.toContain(reissued);
    await expect(edited).toContainText(`tgp_…${reissued.slice(-4)}`);

    // ── Revoke: permanent, listed under Revoked ──
    await edited.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: /Revoke/ }).getByRole('button', { name: 'Revoke token' }).click();
    await expect(edited).toHaveCount(0);
    expect(await download(api, w, reissued)).toBe(401);
    await page.getByRole('tab', { name: 'Revoked' }).click();
    await expect(page).toHaveURL(/status=revoked/);
    const revoked = rowOf(page, 'ci download (edited)');
    await expect(revoked).toContainText('Revoked');
    await expect(revoked.getByRole('button', { name: 'Reissue' })).toHaveCount(0);
    await shot(page, testInfo, '8-revoked');

    // ── Delete: gone from every list ──
    await revoked.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: /Delete/ }).getByRole('button', { name: 'Delete token' }).click();
    await expect(revoked).toHaveCount(0);
    expect((await apiTokens(api, w.owner.cookie, 'revoked')).map((t) => t.name)).not.toContain('ci download (edited)');

    expect(errors, 'browser console errors').toEqual([]);
  });

  test('a scope token: scopes by category, selected repositories, token in the path', async ({ api, page, context }, testInfo) => {
    const w = await world(api);
    await signInByCookie(context, api.url, w.owner.cookie);
    const errors = watchConsole(page);

    await page.goto(`/${w.org}/tokens/new`);
    await page.getByLabel('Name').fill('scoped reader');
    await page.getByLabel('Expiration', { exact: true }).selectOption('never');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: 'Scope token' }).check();
    await page.getByRole('button', { name: 'Next' }).click();

    // Nothing chosen: errors next to the fields.
    await expect(page.getByRole('checkbox', { name: 'artifact:download', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Choose at least one scope.')).toBeVisible();
    for (const scope of ['repo:view', 'artifact:view', 'artifact:download']) {
      await page.getByRole('checkbox', { name: scope, exact: true }).check();
    }
    await expect(page.getByText('Choose at least one scope.')).toHaveCount(0);
    await page.getByRole('radio', { name: 'Selected repositories' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Choose at least one repository, or "*".')).toBeVisible();
    await page.getByRole('checkbox', { name: w.repo, exact: true }).check();
    await shot(page, testInfo, '3-access-scope');
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
    await expect(page.getByText('Never', { exact: true })).toBeVisible();
    await shot(page, testInfo, '4-review-scope');
    await page.getByRole('button', { name: 'Create token' }).click();

    await expect(page.getByRole('heading', { name: 'Your new token' })).toBeVisible();
    const secret = await readSecret(page);
    expect(await download(api, w, secret, 'path')).toBe(200);
    // Not granted on the other repository: 404, existence not disclosed.
    const other = await curlGet(api.url, rawPath(w.org, 'other', w.file), { form: 'bearer', token: secret });
    expect(other.status, shown(other)).toBe(404);

    const [token] = (await apiTokens(api, w.owner.cookie, 'active')).filter((t) => t.name === 'scoped reader');
    expect(token).toMatchObject({ type: 'scope', scopes: ['repo:view', 'artifact:view', 'artifact:download'], repositories: [w.repo], expiresAt: null });

    // Two more tokens made through the API: one about to expire, one already expired.
    await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'read' }], { name: 'expiring soon', expiresIn: '3d' });
    await resourceToken(api, w.owner.cookie, w.org, [{ repo: w.repo, access: 'upload' }], { name: 'short lived', expiresIn: '1s' });

    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page).toHaveURL(new RegExp(`/${w.org}/tokens$`));
    const row = rowOf(page, 'scoped reader');
    await expect(row).toContainText('Scope');
    await expect(row).toContainText('3 scopes on 1 repository');
    await expect(row).toContainText('Never');
    const soon = rowOf(page, 'expiring soon');
    await expect(soon).toContainText('All repositories: read');
    await expect(soon).toContainText('Expires in 3 days');
    expect(await page.content()).not.toContain(secret);
    await shot(page, testInfo, '6-list-mixed');

    await expect.poll(async () => (await apiTokens(api, w.owner.cookie, 'expired')).length).toBe(1);
    await page.getByRole('tab', { name: 'Expired' }).click();
    const expired = rowOf(page, 'short lived');
    await expect(expired).toContainText(`${w.repo}: upload`);
    await expect(expired).toContainText(/Expired/);
    await expect(expired.getByRole('button', { name: 'Reissue' })).toHaveCount(0);
    await shot(page, testInfo, '6-list-expired');
    expect(errors, 'browser console errors').toEqual([]);
  });

  test('API errors go back to the step and field they belong to', async ({ api, page, context }, testInfo) => {
    const w = await world(api);
    // A member who only reads `files` cannot hand out write access to it.
    const member = await addMember(api, w.owner.cookie, w.org, 'member');
    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, w.repo, member.user.id, 'reader');
    await signInByCookie(context, api.url, member.cookie);
    const errors = watchConsole(page);

    await page.goto(`/${w.org}/tokens/new`);
    await page.getByLabel('Name').fill('too wide');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Repository', { exact: true }).selectOption(w.repo);
    await page.getByLabel('Access', { exact: true }).selectOption('write');
    await expect(page.getByText(/You hold less than write on files/)).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();

    // Back on Access, the server's message next to the Access select.
    await expect(page.getByRole('heading', { name: 'Access', exact: true })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'A token may not grant more than you hold.' })).toBeVisible();
    const access = page.getByLabel('Access', { exact: true });
    await expect(access).toHaveAttribute('aria-invalid', 'true');
    await expect(access).toBeFocused();
    await expect(page.getByText(/Cannot grant write: you lack .* on repository "files"/)).toBeVisible();
    await shot(page, testInfo, '3-access-api-error');

    // Read is within what they hold: created.
    await access.selectOption('read');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await readSecret(page);
    expect(await download(api, w, secret)).toBe(200);
    expect(errors, 'browser console errors').toEqual([]);
  });
});
