/**
 * The vendor's entitlement pages in a real browser (docs/permissions.md "Entitlement tokens"): the
 * create form with its as-you-type checks and errors next to fields, the one-time reveal with the
 * secret copied through the real clipboard, the customer's "Set me up" commands copied and run by
 * sh as printed (curl against the server), the detail page's chart, quota bars and downloads log
 * after a download, the CSV export, and disable, enable, refresh and revoke by clicks, each seen
 * by a download attempt with the real curl binary; the list's filters and its 80 % badge; delete.
 * One entitlement over PyPI, npm and conda repositories: its pip, pip.conf, .npmrc and npm install
 * commands run as printed by the real pip (in a fresh venv) and npm, the conda channel fetched as
 * conda would. No browser console errors anywhere.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { test, expect, type Api } from '../support/fixtures';
import { addMember, signup, uid, type Account } from '../api/helpers';
import { createRepo, curlGet, errorCode, payload, rawPath, resourceToken, sha256, shown, upload } from '../api/pat-helpers';
import { pypiDists } from '../support/python-dists';
import { useSessionCookie, watchConsole } from './helpers';

type World = { owner: Account; org: string; repo: string; file: string; bytes: Buffer; dir: string };

/** An org with a raw distribution repository holding one file, and a private repository next to it. */
async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const repo = `dist-${uid()}`;
  await createRepo(api, { cookie: owner.cookie }, org, { name: repo, format: 'raw', visibility: 'distribution' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'internal', format: 'raw', visibility: 'private' });
  const writer = await resourceToken(api, owner.cookie, org, [{ repo, access: 'write' }]);
  const file = `releases/sdk-${uid()}.tar.gz`;
  const bytes = payload(`entitlement console ${uid()}`, 4096);
  await upload(api.url, org, repo, file, bytes, { form: 'bearer', token: writer.secret });
  const del = await api.delete(`/api/v1/tokens/${writer.token.id}`, { cookie: owner.cookie });
  expect(del.status).toBe(204);
  return { owner, org, repo, file, bytes, dir: mkdtempSync(path.join(os.tmpdir(), 'tg-ent-console-')) };
}

/** curl downloads the world's file with the secret; the status (and the bytes checked on 200) and the error code. */
async function attempt(api: Api, w: World, secret: string): Promise<{ status: number; code: string }> {
  const r = await curlGet(api.url, rawPath(w.org, w.repo, w.file), { form: 'bearer', token: secret });
  if (r.status === 200) expect(r.body.equals(w.bytes), `bytes of ${shown(r)}`).toBe(true);
  return { status: r.status, code: errorCode(r) };
}

/** Runs copied text with sh in `cwd`; fails with its output when it exits non-zero. */
function sh(script: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', script], { cwd, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`sh -c ${JSON.stringify(script)} failed: ${String(stderr)}${String(stdout)}`)) : resolve(),
    );
  });
}

/** The environment of the package tools: nothing from the runner's npm or pip configuration. */
function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|PIP_)/i.test(k))) as NodeJS.ProcessEnv;
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', NO_UPDATE_NOTIFIER: '1', ...extra };
}

/** Runs copied text with bash in `cwd`; fails with its output when it exits non-zero. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv = toolEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { cwd, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`bash -c ${JSON.stringify(script)} failed:\n${String(stdout)}\n${String(stderr)}`)) : resolve(String(stdout)),
    );
  });
}

/** `npm pack` of a package whose index.js exports `marker`. */
async function npmPack(dir: string, name: string, marker: string): Promise<string> {
  const src = mkdtempSync(path.join(dir, 'src-'));
  const out = mkdtempSync(path.join(dir, 'packed-'));
  writeFileSync(path.join(src, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', license: 'MIT' }));
  writeFileSync(path.join(src, 'index.js'), `module.exports = ${JSON.stringify(marker)};\n`);
  const stdout = await bash(`npm pack --json --pack-destination ${out} --cache ${path.join(dir, 'npm-cache')}`, src);
  return path.join(out, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
}

/** A noarch conda package built by Debian's `cph`. */
async function condaPackage(dir: string, name: string): Promise<string> {
  const src = mkdtempSync(path.join(dir, 'pkg-'));
  const out = mkdtempSync(path.join(dir, 'built-'));
  mkdirSync(path.join(src, 'info'));
  mkdirSync(path.join(src, 'share'));
  const index = { name, version: '1.0', build: 'py_0', build_number: 0, depends: [], license: 'MIT', subdir: 'noarch', noarch: 'generic', timestamp: 1700000000000 };
  writeFileSync(path.join(src, 'info', 'index.json'), JSON.stringify(index));
  writeFileSync(path.join(src, 'info', 'files'), 'share/data.txt\n');
  writeFileSync(path.join(src, 'share', 'data.txt'), `${name}\n`);
  const file = `${name}-1.0-py_0.tar.bz2`;
  await bash(`cph create ${src} ${file} --out-folder ${out}`, dir);
  return path.join(out, file);
}

/** PUT through the console's upload API with a PAT (201 expected). */
async function apiUpload(api: Api, token: string, org: string, repo: string, name: string, file: string) {
  const res = await fetch(`${api.url}/api/v1/orgs/${org}/repos/${repo}/files/${name}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(readFileSync(file)),
  });
  expect(res.status, await res.text()).toBe(201);
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Copies a "Set me up" snippet with its button; returns the clipboard, checked to be the text shown. */
async function copySnippet(scope: Locator, page: Page, id: string): Promise<string> {
  const box = scope.locator(`[data-snippet="${id}"]`);
  await box.getByRole('button', { name: 'Copy command' }).click();
  await expect(box.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await clipboard(page);
  expect(copied, `the clipboard holds the ${id} snippet as shown`).toBe(await box.locator('code').innerText());
  return copied;
}

/** Runs a copied curl snippet in an empty directory and checks it fetched the world's file. */
async function runCopiedDownload(command: string, w: World) {
  const cwd = mkdtempSync(path.join(w.dir, 'run-'));
  await sh(command, cwd);
  const name = path.basename(w.file);
  expect(readdirSync(cwd)).toEqual([name]);
  expect(sha256(readFileSync(path.join(cwd, name)))).toBe(sha256(w.bytes));
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

const SECRET_RE = /^tge_[0-9A-Za-z]{38}$/;
const statusBadge = (page: Page) => page.getByRole('heading', { level: 1 }).locator('[data-status]');

test.describe('entitlement tokens in the console', () => {
  test.setTimeout(180_000);

  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  });

  test('create with a download limit, reveal, download, chart, log, CSV; disable, enable, refresh, the 80 % badge, revoke', async ({ api, page, context }, testInfo) => {
    const w = await world(api);
    const watch = watchConsole(page);
    try {
      await useSessionCookie(context, api.url, w.owner.cookie);

      // ── the empty list, then the form ───────────────────────────────────────────────────
      await page.goto(`/${w.org}/entitlements`);
      await expect(page.getByRole('heading', { name: 'Entitlement tokens' })).toBeVisible();
      await expect(page.getByText('No entitlement tokens yet')).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Entitlements' })).toHaveAttribute('aria-current', 'page');
      await shot(page, testInfo, '0-empty');
      await page.getByRole('link', { name: 'Create entitlement' }).click();
      await expect(page).toHaveURL(new RegExp(`/${w.org}/entitlements/new$`));
      const form = page.getByRole('form', { name: 'Create entitlement' });

      // only distribution repositories are offered
      await expect(form.getByRole('checkbox', { name: w.repo })).toBeVisible();
      await expect(form.getByRole('checkbox', { name: 'internal' })).toHaveCount(0);
      await expect(form.getByText('1 private or public repository is not listed')).toBeVisible();

      // nothing filled in: errors next to the fields, focus on the first
      await form.getByRole('button', { name: 'Create entitlement' }).click();
      await expect(form.getByLabel('Name')).toHaveAccessibleDescription(/Enter a name\./);
      await expect(form.getByLabel('Name')).toBeFocused();
      await expect(form.getByText('Choose at least one distribution repository.')).toBeVisible();

      // the customer's fields; then metadata that is not JSON: its error, and focus on it
      await form.getByLabel('Name').fill('Acme production');
      await form.getByLabel('Customer').fill('Acme Corp');
      await form.getByLabel('Description').fill('Contract 42, SDK downloads');
      await form.getByRole('checkbox', { name: w.repo }).check();
      await form.getByLabel('Tags').fill('enterprise, eu');
      const metadata = form.getByLabel('Metadata');
      await metadata.fill('{"crm": ');
      await form.getByRole('button', { name: 'Create entitlement' }).click();
      await expect(metadata).toHaveAccessibleDescription(/Not valid JSON/);
      await expect(metadata).toBeFocused();
      await metadata.fill('{"crm": "ACME-42"}');
      await expect(metadata).not.toHaveAttribute('aria-invalid', 'true');

      // CIDRs and globs are checked as you type
      const cidrs = form.getByLabel('Allowed networks');
      await cidrs.fill('127.0.0.0/8\n10.0.0.0/33');
      await expect(cidrs).toHaveAccessibleDescription(/Line 2: 10\.0\.0\.0\/33 is not an IPv4 or IPv6 network/);
      await cidrs.fill('127.0.0.0/8\n::1/128');
      await expect(cidrs).not.toHaveAttribute('aria-invalid', 'true');
      const patterns = form.getByLabel('Path patterns');
      await patterns.fill('releases/[abc');
      await expect(patterns).toHaveAttribute('aria-invalid', 'true');
      await expect(patterns).toHaveAccessibleDescription(/Line 1: releases\/\[abc/);
      await patterns.fill('releases/**');
      await expect(patterns).not.toHaveAttribute('aria-invalid', 'true');

      await form.getByLabel('Max downloads').fill('5');
      // a custom token string that is too short: refused next to the field before anything is sent
      const custom = form.getByLabel('Custom token string');
      await custom.fill('short');
      await form.getByRole('button', { name: 'Create entitlement' }).click();
      await expect(custom).toHaveAccessibleDescription(/at least 24 characters/i);
      await expect(custom).toBeFocused();
      await custom.fill('');
      await shot(page, testInfo, '1-form');
      await form.getByRole('button', { name: 'Create entitlement' }).click();

      // ── the one-time reveal ─────────────────────────────────────────────────────────────
      await expect(page.getByRole('heading', { name: 'Entitlement created' })).toBeVisible();
      await expect(page.getByText(/it will not be shown again/i)).toBeVisible();
      const field = page.getByRole('textbox', { name: 'Entitlement token' });
      await expect(field).toHaveValue(SECRET_RE);
      const secret = await field.inputValue();
      expect(page.url(), 'the secret never goes into the URL').not.toContain(secret);
      await page.getByRole('button', { name: 'Copy entitlement token' }).click();
      expect(await clipboard(page)).toBe(secret);
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(storage, 'the secret is not in web storage').not.toContain(secret);

      // the customer's commands: the secret and the repository's real file filled in, read-only
      const setup = page.getByRole('region', { name: `Set me up: ${w.repo}` });
      await expect(setup.locator('[data-snippet="curl-download"] code')).toContainText(w.file);
      await expect(setup.locator('[data-snippet]')).toHaveCount(2);
      await expect(setup.locator('[data-snippet="curl-upload"]')).toHaveCount(0);
      const copied = await copySnippet(setup, page, 'curl-download');
      expect(copied).toBe(`curl -fLO ${api.url}/t/${secret}/raw/${w.org}/${w.repo}/${w.file}`);
      await runCopiedDownload(copied, w);
      const header = await copySnippet(setup, page, 'curl-download-header');
      expect(header).toBe(`curl -fLO -H "Authorization: Bearer ${secret}" ${api.url}/raw/${w.org}/${w.repo}/${w.file}`);
      await runCopiedDownload(header, w);
      await shot(page, testInfo, '2-reveal');

      // ── the detail page: numbers, chart, log, CSV ───────────────────────────────────────
      await page.getByRole('link', { name: 'Done, open the entitlement' }).click();
      await expect(page.getByRole('heading', { level: 1, name: /Acme production/ })).toBeVisible();
      await expect(statusBadge(page)).toHaveText('Active');
      await expect(page.getByText(/^For Acme Corp/)).toBeVisible();
      // the secret is gone for good: only its prefix and last four are shown
      await expect(page.getByText(secret)).toHaveCount(0);
      await expect(page.getByText(new RegExp(`^tge_[0-9A-Za-z]{0,4}…${secret.slice(-4)}$`))).toBeVisible();
      const quotas = page.getByRole('group', { name: 'Quotas' });
      const today = new Date().toISOString().slice(0, 10);
      const perDay = page.getByRole('table', { name: 'Downloads per day', includeHidden: true });
      const log = page.getByRole('table', { name: 'Entitlement downloads' }).getByRole('row').filter({ hasText: w.file });
      // Downloads are written to the log in batches: reload until they are there.
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole('heading', { name: 'Downloads', exact: true })).toBeVisible({ timeout: 10_000 });
        await expect(quotas.getByRole('progressbar', { name: 'Downloads: 2 of 5' })).toHaveAttribute('aria-valuenow', '40', { timeout: 1_000 });
        await expect(log).toHaveCount(2, { timeout: 1_000 });
        await expect(perDay.getByRole('row', { includeHidden: true }).filter({ hasText: today })).toContainText('2', { timeout: 2_000 });
      }).toPass({ timeout: 60_000 });
      await expect(page.getByTestId('usage-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
      await expect(page.getByText('2 downloads on 1 day.')).toBeVisible();
      for (const row of await log.all()) {
        await expect(row).toContainText('4.0 KiB');
        await expect(row).toContainText(/curl\/\d/);
        await expect(row).toContainText('127.0.0.1');
        await expect(row.getByRole('cell').nth(1)).toHaveText(w.repo);
      }
      await expect(page.getByRole('list', { name: 'Tags' })).toContainText('enterprise');
      await expect(page.getByLabel('Metadata')).toContainText('"crm": "ACME-42"');
      await shot(page, testInfo, '3-detail');

      const csvLink = page.getByRole('link', { name: 'Export CSV' });
      const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
      const csvFile = path.join(w.dir, 'downloads.csv');
      await download.saveAs(csvFile);
      const csv = readFileSync(csvFile, 'utf8').trim().split(/\r?\n/);
      expect(csv[0]).toMatch(/^at,path,bytes,clientAddress,userAgent/);
      expect(csv.filter((l) => l.includes(w.file))).toHaveLength(2);
      expect(csv.find((l) => l.includes(w.file))).toContain(',4096,');

      // ── disable and enable, each seen by a download ─────────────────────────────────────
      await page.getByRole('button', { name: 'Disable' }).click();
      await expect(statusBadge(page)).toHaveText('Disabled');
      expect(await attempt(api, w, secret)).toEqual({ status: 403, code: 'entitlement_disabled' });
      await page.getByRole('button', { name: 'Enable' }).click();
      await expect(statusBadge(page)).toHaveText('Active');
      expect((await attempt(api, w, secret)).status).toBe(200);

      // ── refresh: a new reveal; the old secret is dead at once, the usage kept ───────────
      await page.getByRole('button', { name: 'Refresh token' }).click();
      const confirm = page.getByRole('dialog', { name: /Refresh Acme production/ });
      await confirm.getByRole('button', { name: 'Refresh token' }).click();
      const reveal = page.getByRole('dialog', { name: 'The new token' });
      const newField = reveal.getByRole('textbox', { name: 'Entitlement token' });
      await expect(newField).toHaveValue(SECRET_RE);
      const fresh = await newField.inputValue();
      expect(fresh).not.toBe(secret);
      await reveal.getByRole('button', { name: 'Copy entitlement token' }).click();
      expect(await clipboard(page)).toBe(fresh);
      await expect(reveal.locator('[data-snippet="curl-download"] code')).toContainText(w.file);
      const freshCopied = await copySnippet(reveal, page, 'curl-download');
      expect(freshCopied).toContain(`/t/${fresh}/`);
      await shot(page, testInfo, '4-refresh');
      const old = await attempt(api, w, secret);
      expect(old.status, 'the old secret after a refresh').toBe(401);
      await runCopiedDownload(freshCopied, w);
      await reveal.getByRole('button', { name: 'Done' }).click();
      await expect(reveal).toBeHidden();
      await page.reload();
      await expect(quotas.getByRole('progressbar', { name: 'Downloads: 4 of 5' })).toHaveAttribute('aria-valuenow', '80');

      // ── the list: filters, the limit bar in amber, the 80 % badge ───────────────────────
      await page.getByRole('link', { name: 'Entitlement tokens' }).click();
      await expect(page).toHaveURL(new RegExp(`/${w.org}/entitlements$`));
      const row = page.getByRole('table', { name: 'Entitlements' }).getByRole('row').filter({ hasText: 'Acme production' });
      await expect(row).toContainText('Acme Corp');
      await expect(row).toContainText(w.repo);
      await expect(row).toContainText('4 downloads');
      await expect(row.getByText('≥ 80 % of downloads')).toBeVisible();
      const bar = row.getByRole('progressbar', { name: 'Downloads: 4 of 5' });
      await expect(bar.locator('xpath=..')).toHaveAttribute('data-level', 'warning');
      await shot(page, testInfo, '5-list');
      await page.getByLabel('Search').fill('Acme Corp');
      await expect(row).toBeVisible();
      await page.getByLabel('Search').fill('nobody-like-this');
      await expect(page.getByText('No entitlement matches')).toBeVisible();
      await page.getByLabel('Search').fill('');
      await page.getByLabel('Tag').fill('eu');
      await expect(row).toBeVisible();
      await page.getByLabel('Tag').fill('');
      await page.getByLabel('Status').selectOption('revoked');
      await expect(page.getByText('No entitlement matches')).toBeVisible();
      await page.getByLabel('Status').selectOption('active');
      await expect(row).toBeVisible();

      // ── the fifth download reaches the limit (red), the sixth is refused ────────────────
      expect((await attempt(api, w, fresh)).status).toBe(200);
      expect(await attempt(api, w, fresh)).toEqual({ status: 403, code: 'download_limit_reached' });
      await page.reload();
      await expect(row.getByRole('progressbar', { name: /Downloads: 5 of 5/ }).locator('xpath=..')).toHaveAttribute('data-level', 'reached');

      // ── revoke: confirmed, permanent ────────────────────────────────────────────────────
      await row.getByRole('link', { name: 'Acme production' }).click();
      await page.getByRole('button', { name: 'Revoke' }).click();
      const revokeDialog = page.getByRole('dialog', { name: /Revoke Acme production/ });
      await expect(revokeDialog).toContainText('permanent');
      await revokeDialog.getByRole('button', { name: 'Revoke permanently' }).click();
      await expect(statusBadge(page)).toHaveText('Revoked');
      await expect(page.getByRole('button', { name: 'Enable' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Disable' })).toHaveCount(0);
      const afterRevoke = await attempt(api, w, fresh);
      expect(afterRevoke.status, 'a revoked entitlement downloads nothing').toBe(401);
      await shot(page, testInfo, '6-revoked');
      watch.expectClean();
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('a taken custom string is refused next to its field; edit applies a network restriction; delete asks first and removes it', async ({ api, page, context }) => {
    const w = await world(api);
    const watch = watchConsole(page);
    try {
      const custom = `beta-trial.${uid()}-${uid()}`;
      const res = await api.post<{ entitlement: { id: string }; secret: string }>(
        `/api/v1/orgs/${w.org}/entitlements`,
        { name: 'Beta trial', customer: 'Beta GmbH', repositories: [w.repo], token: custom },
        { cookie: w.owner.cookie },
      );
      expect(res.status, res.text).toBe(201);
      const { entitlement, secret } = res.json;
      expect(secret).toBe(custom);
      const soon = await api.post(
        `/api/v1/orgs/${w.org}/entitlements`,
        { name: 'Soon over', repositories: [w.repo], validUntil: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString() },
        { cookie: w.owner.cookie },
      );
      expect(soon.status, soon.text).toBe(201);
      await useSessionCookie(context, api.url, w.owner.cookie);

      // the same custom string again: the server's refusal lands next to its field, nothing is created
      await page.goto(`/${w.org}/entitlements/new`);
      const create = page.getByRole('form', { name: 'Create entitlement' });
      await create.getByLabel('Name').fill('Beta again');
      await create.getByRole('checkbox', { name: w.repo }).check();
      await create.getByLabel('Custom token string').fill(custom);
      await create.getByRole('button', { name: 'Create entitlement' }).click();
      await expect(create.getByLabel('Custom token string')).toHaveAccessibleDescription(/already in use/, { timeout: 30_000 });
      await expect(create.getByLabel('Custom token string')).toBeFocused();
      const listed = await api.get<{ items: unknown[] }>(`/api/v1/orgs/${w.org}/entitlements`, { cookie: w.owner.cookie });
      expect(listed.json.items).toHaveLength(2);

      await page.goto(`/${w.org}/entitlements/${entitlement.id}`);
      // The first visit of a page compiles nothing but may wait for a busy machine: a longer first wait.
      await expect(page.getByText('No download, client or byte limit is set.')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText('No downloads yet')).toBeVisible({ timeout: 30_000 });

      // edit: a network the test client is not in → network_not_allowed
      await page.getByRole('link', { name: 'Edit' }).click();
      const form = page.getByRole('form', { name: 'Edit entitlement' });
      await expect(form.getByLabel('Name')).toHaveValue('Beta trial');
      await expect(form.getByRole('checkbox', { name: w.repo })).toBeChecked();
      await expect(form.getByLabel('Custom token string')).toHaveCount(0);
      await form.getByLabel('Allowed networks').fill('203.0.113.0/24');
      await form.getByRole('button', { name: 'Save changes' }).click();
      await expect(page).toHaveURL(new RegExp(`/${w.org}/entitlements/${entitlement.id}$`));
      await expect(page.getByText('203.0.113.0/24')).toBeVisible();
      expect(await attempt(api, w, secret)).toEqual({ status: 403, code: 'network_not_allowed' });

      // delete asks first; Cancel keeps it
      await page.getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: /Delete Beta trial/ });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('button', { name: 'Delete' }).click();
      await dialog.getByRole('button', { name: 'Delete entitlement' }).click();
      await expect(page).toHaveURL(new RegExp(`/${w.org}/entitlements$`));
      const rows = page.getByRole('table', { name: 'Entitlements' }).getByRole('row');
      await expect(rows.filter({ hasText: 'Soon over' })).toBeVisible();
      await expect(rows.filter({ hasText: 'Beta trial' })).toHaveCount(0);
      // expiring within 7 days: badged in the list
      await expect(rows.filter({ hasText: 'Soon over' }).getByText('Expires soon')).toBeVisible();
      await expect(rows.filter({ hasText: 'Soon over' }).getByRole('cell').last()).toHaveText(/in 3 days/);
      expect((await attempt(api, w, secret)).status, 'a deleted entitlement downloads nothing').toBe(401);
      const gone = await api.get(`/api/v1/orgs/${w.org}/entitlements/${entitlement.id}`, { cookie: w.owner.cookie });
      expect(gone.status).toBe(404);
      watch.expectClean();
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });
  test('who sees the section: a distribution manager manages entitlements, a member does not see them', async ({ api, page, context, browser }) => {
    const w = await world(api);
    try {
      const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');
      const member = await addMember(api, w.owner.cookie, w.org, 'member', 'member');

      const watch = watchConsole(page);
      await useSessionCookie(context, api.url, dm.cookie);
      await page.goto(`/${w.org}/repositories`);
      await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Entitlements' }).click();
      await expect(page.getByText('No entitlement tokens yet')).toBeVisible();
      await page.getByRole('link', { name: 'Create entitlement' }).click();
      const form = page.getByRole('form', { name: 'Create entitlement' });
      // a distribution manager never sees private repositories, not even their number
      await expect(form.getByRole('checkbox', { name: w.repo })).toBeVisible();
      await expect(form.getByText(/private or public/)).toHaveCount(0);
      await form.getByLabel('Name').fill('Made by the distribution manager');
      await form.getByRole('checkbox', { name: w.repo }).check();
      await form.getByRole('button', { name: 'Create entitlement' }).click();
      const secret = await page.getByRole('textbox', { name: 'Entitlement token' }).inputValue();
      expect(secret).toMatch(SECRET_RE);
      expect((await attempt(api, w, secret)).status).toBe(200);
      watch.expectClean('distribution manager');

      const other = await browser.newContext();
      try {
        await useSessionCookie(other, api.url, member.cookie);
        const memberPage = await other.newPage();
        const memberWatch = watchConsole(memberPage);
        await memberPage.goto(`${api.url}/${w.org}/repositories`);
        await expect(memberPage.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Tokens' })).toBeVisible();
        await expect(memberPage.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Entitlements' })).toHaveCount(0);
        await memberPage.goto(`${api.url}/${w.org}/entitlements`);
        await expect(memberPage.getByText('Entitlement tokens are managed by owners, admins and distribution managers')).toBeVisible();
        const created = await memberPage.goto(`${api.url}/${w.org}/entitlements/new`);
        expect(created?.status()).toBe(404);
        memberWatch.expectClean('member');
      } finally {
        await other.close();
      }
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('one entitlement over PyPI, npm and conda: the copied pip, pip.conf, .npmrc and npm install run as printed', async ({ api, page, context }) => {
    const owner = await signup(api);
    const org = owner.org.slug;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-ent-tools-'));
    const watch = watchConsole(page);
    try {
      const id = uid();
      const repos = { pypi: `py-${id}`, npm: `js-${id}`, conda: `cn-${id}` };
      for (const [format, name] of Object.entries(repos)) await createRepo(api, { cookie: owner.cookie }, org, { name, format, visibility: 'distribution' });
      const writer = await resourceToken(api, owner.cookie, org, Object.values(repos).map((repo) => ({ repo, access: 'write' })));
      const pyName = `ent-pkg-${id}`;
      const { wheel } = await pypiDists(dir, pyName, '1.0');
      await apiUpload(api, writer.secret, org, repos.pypi, path.basename(wheel), wheel);
      const jsName = `ent-js-${id}`;
      const tgz = await npmPack(dir, jsName, 'through an entitlement');
      await apiUpload(api, writer.secret, org, repos.npm, path.basename(tgz), tgz);
      const condaName = `ent-conda-${id}`;
      const condaFile = await condaPackage(dir, condaName);
      await apiUpload(api, writer.secret, org, repos.conda, `noarch/${path.basename(condaFile)}`, condaFile);

      // the form, with the three repositories ticked
      await useSessionCookie(context, api.url, owner.cookie);
      await page.goto(`/${org}/entitlements/new`);
      const form = page.getByRole('form', { name: 'Create entitlement' });
      await form.getByLabel('Name').fill('Tools');
      await form.getByLabel('Customer').fill('Gamma Ltd');
      for (const repo of Object.values(repos)) await form.getByRole('checkbox', { name: repo }).check();
      await form.getByRole('button', { name: 'Create entitlement' }).click();
      const secret = await page.getByRole('textbox', { name: 'Entitlement token' }).inputValue();
      expect(secret).toMatch(SECRET_RE);
      const normalized = pyName.toLowerCase();

      // pip as printed, in a fresh virtual environment (its pip first on PATH)
      const py = page.getByRole('region', { name: `Set me up: ${repos.pypi}` });
      await expect(py.locator('[data-snippet="pip"] code')).toContainText(normalized);
      const pip = await copySnippet(py, page, 'pip');
      expect(pip).toBe(`pip install --index-url ${api.url.replace('://', `://token:${secret}@`)}/pypi/${org}/${repos.pypi}/simple/ ${normalized}`);
      const venv = path.join(dir, 'venv');
      await bash(`python3 -m venv ${venv}`, dir);
      const venvEnv = toolEnv({ PATH: `${venv}/bin:${process.env.PATH ?? ''}`, PIP_NO_CACHE_DIR: '1' });
      await bash(pip, dir, venvEnv);
      expect((await bash(`python -c "import importlib.metadata as m; print(m.version('${pyName}'))"`, dir, venvEnv)).trim()).toBe('1.0');

      // pip.conf as printed, as pip's configuration file
      const conf = await copySnippet(py, page, 'pip.conf');
      const confFile = path.join(dir, 'pip.conf');
      writeFileSync(confFile, `${conf}\n`);
      const dest = mkdtempSync(path.join(dir, 'pip-'));
      await bash(`python3 -m pip download --no-deps --no-cache-dir -d ${dest} ${normalized}`, dir, toolEnv({ PIP_CONFIG_FILE: confFile }));
      expect(readdirSync(dest)).toEqual([path.basename(wheel)]);

      // .npmrc into a fresh project, then npm install as printed
      const js = page.getByRole('region', { name: `Set me up: ${repos.npm}` });
      await expect(js.locator('[data-snippet="npm-install"] code')).toHaveText(`npm install ${jsName}`);
      const npmrc = await copySnippet(js, page, '.npmrc-read');
      expect(npmrc).toContain(`:_authToken=${secret}`);
      const install = await copySnippet(js, page, 'npm-install');
      const project = mkdtempSync(path.join(dir, 'project-'));
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
      writeFileSync(path.join(project, '.npmrc'), `${npmrc}\n`);
      const userconfig = path.join(dir, 'empty-npmrc');
      writeFileSync(userconfig, '');
      await bash(install, project, toolEnv({ npm_config_userconfig: userconfig, npm_config_cache: path.join(dir, 'install-cache'), npm_config_audit: 'false', npm_config_fund: 'false' }));
      expect(readFileSync(path.join(project, 'node_modules', jsName, 'index.js'), 'utf8')).toContain('through an entitlement');

      // conda: the channel URL (tge-… in the path) fetched as conda would; no upload snippet anywhere
      const cn = page.getByRole('region', { name: `Set me up: ${repos.conda}` });
      const channelLine = await copySnippet(cn, page, 'conda-channel');
      const channel = /^conda config --add channels (\S+)$/.exec(channelLine)?.[1] ?? '';
      expect(channel).toBe(`${api.url}/t/${secret.replace('tge_', 'tge-')}/conda/${org}/${repos.conda}`);
      const repodata = (await (await fetch(`${channel}/noarch/repodata.json`)).json()) as { packages: Record<string, unknown> };
      expect(Object.keys(repodata.packages)).toEqual([path.basename(condaFile)]);
      const got = await fetch(`${channel}/noarch/${path.basename(condaFile)}`);
      expect(got.status).toBe(200);
      expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(readFileSync(condaFile)));
      await expect(cn.locator('[data-snippet="conda-install"] code')).toHaveText(`conda install -c ${channel} ${condaName}`);
      await expect(page.locator('[data-snippet*="upload"], [data-snippet="twine"], [data-snippet="npm-publish"]')).toHaveCount(0);

      // the detail page counts the four file downloads (pip, pip download, npm, conda)
      await page.getByRole('link', { name: 'Done, open the entitlement' }).click();
      await expect(page.getByRole('heading', { level: 1, name: /Tools/ })).toBeVisible();
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole('heading', { name: 'Downloads', exact: true })).toBeVisible({ timeout: 10_000 });
        await expect(page.getByRole('table', { name: 'Entitlement downloads' }).getByRole('row')).toHaveCount(5, { timeout: 2_000 });
      }).toPass({ timeout: 60_000 });
      watch.expectClean();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
