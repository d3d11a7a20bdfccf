/**
 * The repository console's upload, Packages, Set me up and Downloads tabs in a real browser, one
 * test per format. Each creates its repository through the create dialog, uploads through the
 * "Upload files" dialog (the file input, and a synthetic drop on the drop zone) with uploads
 * throttled over CDP so the progress bar can be watched mid-way, and checks the Files table and,
 * for package formats, the Packages tab. Refusals show the server's reason in the file's row
 * (409 duplicate, 400 malformed or built for another subdir); a cancelled upload stores nothing.
 * Then a token is created on the Set me up tab, a snippet is copied through the real clipboard
 * and the copied text is run for real: curl (raw), pip and pip.conf (pypi), .npmrc and npm install
 * (npm), curl's upload and the channel URL (conda). The owner sees the download in Downloads.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, type Api } from '../support/fixtures';
import { signup, uid, type Account } from '../api/helpers';
import { listFiles, poll, sha256, tmpUploads } from '../api/pat-helpers';
import { pypiDists } from '../support/python-dists';
import { useSessionCookie, watchConsole } from './helpers';

const run = promisify(execFile);

// ── packages built here ───────────────────────────────────────────────────────────────────

/** Random bytes: incompressible, so an archive holding them is as large as they are. */
const noise = (bytes: number) => randomBytes(bytes);

/** The environment of the package tools: nothing from the runner's npm or pip configuration. */
function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|PIP_)/i.test(k))) as NodeJS.ProcessEnv;
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', NO_UPDATE_NOTIFIER: '1', ...extra };
}

// A wheel with `pad` random bytes in it, and an sdist whose pyproject.toml names an in-tree backend
// without requirements, so pip prepares its metadata offline.


/** `npm pack` of a package whose index.js exports `marker`, with `pad` random bytes in data.bin. */
async function npmPack(dir: string, name: string, version: string, marker: string, pad: number): Promise<{ tarball: string; data: Buffer }> {
  const src = mkdtempSync(path.join(dir, 'src-'));
  const out = mkdtempSync(path.join(dir, 'packed-'));
  const data = noise(pad);
  writeFileSync(path.join(src, 'package.json'), JSON.stringify({ name, version, main: 'index.js', license: 'MIT' }));
  writeFileSync(path.join(src, 'index.js'), `module.exports = ${JSON.stringify(marker)};\n`);
  writeFileSync(path.join(src, 'data.bin'), data);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out, '--cache', path.join(dir, 'npm-cache')], { cwd: src, env: toolEnv() });
  return { tarball: path.join(out, (JSON.parse(stdout) as { filename: string }[])[0]!.filename), data };
}

/** A conda package built by Debian's `cph` from info/index.json and a payload of `pad` random bytes. */
async function condaPackage(dir: string, spec: { name: string; version: string; subdir: string; ext: '.conda' | '.tar.bz2'; pad: number }): Promise<string> {
  const src = mkdtempSync(path.join(dir, 'pkg-'));
  const out = mkdtempSync(path.join(dir, 'built-'));
  const build = spec.subdir === 'noarch' ? 'py_0' : 'h0_0';
  mkdirSync(path.join(src, 'info'));
  mkdirSync(path.join(src, 'share'));
  const index = { name: spec.name, version: spec.version, build, build_number: 0, depends: [], license: 'MIT', subdir: spec.subdir, timestamp: 1700000000000 };
  writeFileSync(path.join(src, 'info', 'index.json'), JSON.stringify(spec.subdir === 'noarch' ? { ...index, noarch: 'generic' } : index));
  writeFileSync(path.join(src, 'info', 'files'), 'share/data.bin\n');
  writeFileSync(path.join(src, 'share', 'data.bin'), noise(spec.pad));
  const file = `${spec.name}-${spec.version}-${build}${spec.ext}`;
  await run('cph', ['create', src, file, '--out-folder', out]);
  return path.join(out, file);
}

/** Runs copied text with bash in `cwd`; fails with its output when it exits non-zero. */
async function bash(script: string, cwd: string, env: NodeJS.ProcessEnv = toolEnv()): Promise<string> {
  try {
    return (await run('bash', ['-c', script], { cwd, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    throw new Error(`bash -c ${JSON.stringify(script)} exited ${e.code}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

// ── the console ───────────────────────────────────────────────────────────────────────────

type Format = 'raw' | 'pypi' | 'npm' | 'conda';
const FORMAT_LABEL: Record<Format, string> = { raw: 'Raw', pypi: 'PyPI', npm: 'npm', conda: 'conda' };

type World = { owner: Account; org: string; repo: string; dir: string };

/** A new owner signed in in the browser, and a repository of `format` created through the dialog. */
async function setUp(page: Page, context: BrowserContext, api: Api, format: Format): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await useSessionCookie(context, api.url, owner.cookie);
  const repo = `${format}-${uid()}`;
  await page.goto(`/${org}/repositories`);
  await page.getByRole('button', { name: 'Create repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create repository' });
  await dialog.getByLabel('Name', { exact: true }).fill(repo);
  await dialog.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: FORMAT_LABEL[format], exact: true }).check();
  await dialog.getByRole('button', { name: 'Create repository' }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/repositories/${repo}$`));
  await expect(page.getByRole('heading', { level: 1, name: repo })).toBeVisible();
  return { owner, org, repo, dir: mkdtempSync(path.join(os.tmpdir(), `tg-console-upload-${format}-`)) };
}

/** Uploads slower than `bytesPerSecond` (CDP network emulation of this page); `off()` lifts it. */
async function throttleUploads(context: BrowserContext, page: Page, bytesPerSecond: number) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const set = (uploadThroughput: number) => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput });
  await set(bytesPerSecond);
  return { off: () => set(-1) };
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name, exact: true });

async function openUploadDialog(page: Page, w: World): Promise<Locator> {
  await tab(page, 'Files').click();
  await page.getByRole('button', { name: 'Upload files' }).click();
  const dialog = page.getByRole('dialog', { name: `Upload to ${w.repo}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The footer's Close (the dialog's × is also named Close, and comes after it). */
const closeButton = (dialog: Locator) => dialog.getByRole('button', { name: 'Close', exact: true }).first();

const rows = (dialog: Locator) => dialog.getByRole('list', { name: 'Uploads' }).getByRole('listitem');

/** Drops files on the drop zone as a browser would: a `drop` event carrying a DataTransfer of Files. */
async function dropFiles(page: Page, files: string[]) {
  const items = files.map((f) => ({ name: path.basename(f), data: readFileSync(f).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const { name, data } of list) {
      const bin = atob(data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
    }
    return dt;
  }, items);
  await page.dispatchEvent('[data-testid=drop-zone]', 'dragover', { dataTransfer });
  await page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer });
  await dataTransfer.dispose();
}

/** The row is uploading: its progress bar is shown, part-way (neither 0 nor 100). */
async function expectMidUpload(row: Locator, file: string) {
  const bar = row.getByRole('progressbar', { name: `Upload of ${file}` });
  await expect(bar).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'uploading');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { message: `progress of ${file}` }).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('aria-valuenow')), `${file} is still on its way`).toBeLessThan(100);
  await expect(row.getByText(/ of \d+(\.\d)? (KiB|MiB) \(\d+%\)$/)).toBeVisible();
  return bar;
}

/** The row finished: "Uploaded: …" and a full bar. */
async function expectUploaded(row: Locator, file: string, message: string) {
  await expect(row.getByText(`Uploaded: ${message}`, { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(row).toHaveAttribute('data-status', 'done');
  await expect(row.getByRole('progressbar', { name: `Upload of ${file}` })).toHaveAttribute('aria-valuenow', '100');
}

/** The row shows the server's refusal. */
async function expectRefused(row: Locator, reason: RegExp) {
  await expect(row).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(row.getByRole('alert')).toHaveText(reason);
}

const fileRow = (page: Page, p: string) => page.getByRole('table', { name: 'Files' }).getByRole('row').filter({ hasText: p });

/** Packages tab: expands the package and returns the table of its versions. */
async function openPackage(page: Page, displayName: string): Promise<Locator> {
  await tab(page, 'Packages').click();
  const button = page.getByRole('list', { name: 'Packages' }).getByRole('button').filter({ hasText: displayName });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const table = page.getByRole('table', { name: `Versions of ${displayName}` });
  await expect(table).toBeVisible();
  return table;
}

/** Set me up: creates a token on the spot; the snippets then carry it. */
async function createSetupToken(page: Page, context: BrowserContext, api: Api, w: World) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
  await tab(page, 'Set me up').click();
  await expect(page).toHaveURL(new RegExp(`/${w.org}/repositories/${w.repo}/setup$`));
  await expect(page.locator('[data-snippet]').first()).toContainText('<token>');
  await page.getByRole('button', { name: `Create a token for ${w.repo}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A new token is filled into the snippets below.' })).toBeVisible();
  await expect(page.locator('[data-snippet]').first()).toContainText(/tgp[_-][0-9A-Za-z]{38}/);
  await expect(page.locator('[data-snippet]').filter({ hasText: '<token>' })).toHaveCount(0);
}

/** Copies a snippet with its button and returns what the clipboard holds (the snippet as shown). */
async function copySnippet(page: Page, id: string): Promise<string> {
  const box = page.locator(`[data-snippet="${id}"]`);
  await box.getByRole('button', { name: 'Copy command' }).click();
  await expect(box.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied, `the clipboard holds the ${id} snippet as shown`).toBe(await box.locator('code').innerText());
  return copied;
}

async function storedPaths(api: Api, w: World): Promise<string[]> {
  return (await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).map((f) => f.path).sort();
}

// ── the specs ─────────────────────────────────────────────────────────────────────────────

test.describe('console upload, packages, set me up, downloads', () => {
  test.setTimeout(240_000);

  test('raw: progress, cancel in flight and queued, a duplicate; copied curl downloads it; Downloads lists it', async ({ page, context, api, server }) => {
    const watch = watchConsole(page);
    const w = await setUp(page, context, api, 'raw');
    try {
      const big = path.join(w.dir, 'big-1.0.bin');
      const other = path.join(mkdtempSync(path.join(w.dir, 'b-')), 'cancel-me.bin');
      const small = path.join(w.dir, 'small.txt');
      writeFileSync(big, noise(2 * 1024 * 1024));
      writeFileSync(other, noise(2 * 1024 * 1024));
      writeFileSync(small, 'a small file\n');
      const throttle = await throttleUploads(context, page, 256 * 1024);

      // ── the file input, into a folder; the progress bar while it travels ───────────────
      const dialog = await openUploadDialog(page, w);
      await dialog.getByLabel('Folder', { exact: true }).fill('releases/1.0');
      await dialog.getByLabel('Files to upload').setInputFiles(big);
      await expect(rows(dialog).nth(0)).toContainText('Ready to upload');
      await expect(rows(dialog).nth(0)).toContainText('2.0 MiB');
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectMidUpload(rows(dialog).nth(0), 'big-1.0.bin');
      await expect(dialog.getByRole('button', { name: 'Cancel uploads' })).toBeVisible();
      await expectUploaded(rows(dialog).nth(0), 'big-1.0.bin', 'releases/1.0/big-1.0.bin');

      // ── a dropped file, cancelled mid-way; a queued one cancelled before its turn ────────
      await dropFiles(page, [other]);
      await dialog.getByLabel('Files to upload').setInputFiles(small);
      await expect(dialog.getByRole('button', { name: 'Upload 2 files' })).toBeEnabled();
      await dialog.getByRole('button', { name: 'Upload 2 files' }).click();
      const cancelled = rows(dialog).nth(1);
      await expectMidUpload(cancelled, 'cancel-me.bin');
      await dialog.getByRole('button', { name: 'Cancel small.txt' }).click();
      await expect(rows(dialog).nth(2)).toHaveAttribute('data-status', 'cancelled');
      await dialog.getByRole('button', { name: 'Cancel cancel-me.bin' }).click();
      await expect(cancelled).toHaveAttribute('data-status', 'cancelled');
      await expect(cancelled.getByText('Cancelled.', { exact: true })).toBeVisible();
      await expect(cancelled.getByRole('progressbar')).toHaveCount(0);
      // the queued file stays cancelled: it is not sent after the one in flight stopped
      await page.waitForTimeout(1_000);
      await expect(rows(dialog).nth(2)).toHaveAttribute('data-status', 'cancelled');
      await expect(rows(dialog).nth(2).getByText('Cancelled.', { exact: true })).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Cancel uploads' })).toHaveCount(0);
      // nothing stored, and the server dropped the partial upload
      expect(await storedPaths(api, w)).toEqual(['releases/1.0/big-1.0.bin']);
      expect(await poll(async () => tmpUploads(server.dataDir).length === 0), 'no partial upload left in blobs/tmp').toBe(true);

      // ── closing the dialog mid-way ("Cancel uploads") stops this file and the queued one ──
      await closeButton(dialog).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('button', { name: 'Upload files' }).click();
      await expect(rows(dialog)).toHaveCount(0);
      await dialog.getByLabel('Files to upload').setInputFiles([other, small]);
      await dialog.getByRole('button', { name: 'Upload 2 files' }).click();
      await expectMidUpload(rows(dialog).nth(0), 'cancel-me.bin');
      await dialog.getByRole('button', { name: 'Cancel uploads' }).click();
      await expect(dialog).toBeHidden();
      await page.waitForTimeout(1_500);
      expect(await storedPaths(api, w)).toEqual(['releases/1.0/big-1.0.bin']);
      expect(await poll(async () => tmpUploads(server.dataDir).length === 0), 'no partial upload left in blobs/tmp').toBe(true);

      // ── the same path again: the server's 409 in the row ────────────────────────────────
      await throttle.off();
      await page.getByRole('button', { name: 'Upload files' }).click();
      await dialog.getByLabel('Folder', { exact: true }).fill('releases/1.0');
      await dialog.getByLabel('Files to upload').setInputFiles(big);
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectRefused(rows(dialog).nth(0), /releases\/1\.0\/big-1\.0\.bin.*exists|exists.*releases\/1\.0\/big-1\.0\.bin/i);
      await closeButton(dialog).click();
      await expect(dialog).toBeHidden();

      // ── the Files table, and the header's count ──────────────────────────────────────────
      await expect(fileRow(page, 'releases/1.0/big-1.0.bin')).toContainText('2.0 MiB');
      await expect(fileRow(page, 'releases/1.0/big-1.0.bin').getByText(sha256(readFileSync(big)).slice(0, 12))).toBeVisible();
      await expect(fileRow(page, 'cancel-me.bin')).toHaveCount(0);
      await expect(page.getByText('1 file ·')).toBeVisible();
      expect(await storedPaths(api, w)).toEqual(['releases/1.0/big-1.0.bin']);

      // ── Set me up: the copied curl command, run ──────────────────────────────────────────
      await createSetupToken(page, context, api, w);
      const copied = await copySnippet(page, 'curl-download');
      expect(copied).toMatch(new RegExp(`^curl -fLO ${api.url}/t/tgp_[0-9A-Za-z]{38}/raw/${w.org}/${w.repo}/app-1\\.0\\.tar\\.gz$`));
      const cwd = mkdtempSync(path.join(w.dir, 'curl-'));
      await bash(copied.replace('app-1.0.tar.gz', 'releases/1.0/big-1.0.bin'), cwd);
      expect(readdirSync(cwd)).toEqual(['big-1.0.bin']);
      expect(sha256(readFileSync(path.join(cwd, 'big-1.0.bin')))).toBe(sha256(readFileSync(big)));
      // the header form works the same
      const header = await copySnippet(page, 'curl-download-header');
      const cwd2 = mkdtempSync(path.join(w.dir, 'curl-'));
      await bash(header.replace('app-1.0.tar.gz', 'releases/1.0/big-1.0.bin'), cwd2);
      expect(sha256(readFileSync(path.join(cwd2, 'big-1.0.bin')))).toBe(sha256(readFileSync(big)));

      // ── Downloads: the owner sees them (events are written in batches) ───────────────────
      await tab(page, 'Downloads').click();
      await expect(page).toHaveURL(new RegExp(`/${w.org}/repositories/${w.repo}/downloads$`));
      const downloads = page.getByRole('table', { name: 'Recent downloads' }).getByRole('row').filter({ hasText: 'releases/1.0/big-1.0.bin' });
      await expect(async () => {
        await page.reload();
        await expect(downloads).toHaveCount(2, { timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
      for (const row of await downloads.all()) {
        await expect(row).toContainText(new RegExp(`Personal access token “${w.repo} set-up \\d{4}-\\d\\d-\\d\\d”`));
        await expect(row).toContainText(w.owner.email);
        await expect(row).toContainText('2.0 MiB');
        await expect(row).toContainText(/curl\/\d/);
      }
      watch.expectClean();
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('pypi: a wheel and an sdist, a malformed wheel dropped, a duplicate; Packages; copied pip and pip.conf install', async ({ page, context, api }) => {
    const watch = watchConsole(page);
    const w = await setUp(page, context, api, 'pypi');
    try {
      const name = `Console_Pkg-${uid()}`;
      const n = name.toLowerCase().replace(/[-_.]+/g, '-');
      const { wheel, sdist } = await pypiDists(w.dir, name, '1.0', 1024 * 1024);
      const whl = path.basename(wheel);
      const tgz = path.basename(sdist);
      const bad = path.join(w.dir, `${n.replace(/-/g, '_')}-2.0-py3-none-any.whl`);
      writeFileSync(bad, 'this wheel is not a zip archive\n'.repeat(40));
      await throttleUploads(context, page, 256 * 1024);

      const dialog = await openUploadDialog(page, w);
      await expect(dialog.getByLabel('Files to upload')).toHaveAttribute('accept', '.whl,.tar.gz,.zip');
      await dialog.getByLabel('Files to upload').setInputFiles([wheel, sdist]);
      await dialog.getByRole('button', { name: 'Upload 2 files' }).click();
      await expectMidUpload(rows(dialog).nth(0), whl);
      await expect(rows(dialog).nth(1)).toHaveAttribute('data-status', 'queued');
      await expectUploaded(rows(dialog).nth(0), whl, `${n} 1.0 · ${n}/${whl}`);
      await expectUploaded(rows(dialog).nth(1), tgz, `${n} 1.0 · ${n}/${tgz}`);

      // a .whl that is no zip archive (dropped), and the sdist again: the server's reasons
      await dropFiles(page, [bad]);
      await dialog.getByLabel('Files to upload').setInputFiles(sdist);
      await dialog.getByRole('button', { name: 'Upload 2 files' }).click();
      await expectRefused(rows(dialog).nth(2), /malformed/i);
      await expectRefused(rows(dialog).nth(3), /exists/i);
      await closeButton(dialog).click();

      await expect(fileRow(page, `${n}/${whl}`)).toBeVisible();
      await expect(fileRow(page, `${n}/${tgz}`)).toBeVisible();
      expect(await storedPaths(api, w)).toEqual([`${n}/${tgz}`, `${n}/${whl}`].sort());

      // Packages: the project, its version and both files
      const pkgs = await api.get<{ items: { name: string; displayName: string }[] }>(`/api/v1/orgs/${w.org}/repos/${w.repo}/packages`, { cookie: w.owner.cookie });
      expect(pkgs.json.items.map((p) => p.name)).toEqual([n]);
      const versions = await openPackage(page, pkgs.json.items[0]!.displayName);
      await expect(page.getByRole('list', { name: 'Packages' })).toContainText('latest 1.0');
      const v1 = versions.getByRole('row').filter({ hasText: tgz });
      await expect(v1.getByRole('cell').first()).toHaveText('1.0');
      await expect(v1).toContainText(whl);

      // Set me up: the pip line, turned into a download, and pip.conf as PIP_CONFIG_FILE
      await createSetupToken(page, context, api, w);
      const pip = await copySnippet(page, 'pip');
      expect(pip).toMatch(new RegExp(`^pip install --index-url http://token:tgp_[0-9A-Za-z]{38}@127\\.0\\.0\\.1:\\d+/pypi/${w.org}/${w.repo}/simple/ <package>$`));
      const dest = mkdtempSync(path.join(w.dir, 'pip-'));
      await bash(pip.replace(/^pip install /, `python3 -m pip download --no-deps --no-cache-dir --only-binary :all: -d ${dest} `).replace('<package>', name), w.dir);
      expect(readdirSync(dest)).toEqual([whl]);
      expect(sha256(readFileSync(path.join(dest, whl)))).toBe(sha256(readFileSync(wheel)));

      const conf = await copySnippet(page, 'pip.conf');
      expect(conf.split('\n')[0]).toBe('[global]');
      const confFile = path.join(w.dir, 'pip.conf');
      writeFileSync(confFile, `${conf}\n`);
      const dest2 = mkdtempSync(path.join(w.dir, 'pip-'));
      await bash(`python3 -m pip download --no-deps --no-cache-dir --no-binary :all: -d ${dest2} '${name}==1.0'`, w.dir, toolEnv({ PIP_CONFIG_FILE: confFile }));
      expect(readdirSync(dest2)).toEqual([tgz]);
      expect(sha256(readFileSync(path.join(dest2, tgz)))).toBe(sha256(readFileSync(sdist)));
      watch.expectClean();
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('npm: a dropped npm pack tarball with progress; Packages with its dist-tag; copied .npmrc and npm install', async ({ page, context, api }) => {
    const watch = watchConsole(page);
    const w = await setUp(page, context, api, 'npm');
    try {
      const name = `console-${uid()}`;
      const { tarball, data } = await npmPack(w.dir, name, '1.0.0', 'from the console', 1024 * 1024);
      const file = path.basename(tarball);
      await throttleUploads(context, page, 256 * 1024);

      const dialog = await openUploadDialog(page, w);
      await expect(dialog.getByLabel('Files to upload')).toHaveAttribute('accept', '.tgz');
      await dropFiles(page, [tarball]);
      await expect(rows(dialog).nth(0)).toContainText(file);
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectMidUpload(rows(dialog).nth(0), file);
      await expectUploaded(rows(dialog).nth(0), file, `${name} 1.0.0 · ${name}/-/${name}-1.0.0.tgz`);
      // the same version again: versions are immutable
      await dialog.getByLabel('Files to upload').setInputFiles(tarball);
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectRefused(rows(dialog).nth(1), new RegExp(`${name}@1\\.0\\.0 exists`));
      await closeButton(dialog).click();
      await expect(fileRow(page, `${name}/-/${name}-1.0.0.tgz`)).toBeVisible();

      const versions = await openPackage(page, name);
      await expect(page.getByText(`latest → 1.0.0`)).toBeVisible();
      const v1 = versions.getByRole('row').filter({ hasText: `${name}-1.0.0.tgz` });
      await expect(v1.getByRole('cell').first()).toHaveText('1.0.0');

      // Set me up: .npmrc into a fresh project, then the install line
      await createSetupToken(page, context, api, w);
      const npmrc = await copySnippet(page, '.npmrc-read');
      expect(npmrc).toMatch(new RegExp(`^registry=${api.url}/npm/${w.org}/${w.repo}/\\n//127\\.0\\.0\\.1:\\d+/npm/${w.org}/${w.repo}/:_authToken=tgp_[0-9A-Za-z]{38}$`));
      const install = await copySnippet(page, 'npm-install');
      expect(install).toBe('npm install <package>');
      const project = mkdtempSync(path.join(w.dir, 'project-'));
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
      writeFileSync(path.join(project, '.npmrc'), `${npmrc}\n`);
      const userconfig = path.join(w.dir, 'empty-npmrc');
      writeFileSync(userconfig, '');
      const env = toolEnv({ npm_config_userconfig: userconfig, npm_config_cache: path.join(w.dir, 'cache'), npm_config_audit: 'false', npm_config_fund: 'false' });
      await bash(install.replace('<package>', name), project, env);
      expect(readFileSync(path.join(project, 'node_modules', name, 'index.js'), 'utf8')).toContain('from the console');
      expect(sha256(readFileSync(path.join(project, 'node_modules', name, 'data.bin')))).toBe(sha256(data));
      watch.expectClean();
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('conda: into a chosen subdir and the package’s own, another subdir refused; Packages; copied curl upload and channel URL', async ({ page, context, api }) => {
    const watch = watchConsole(page);
    const w = await setUp(page, context, api, 'conda');
    try {
      const name = `console-${uid()}`;
      const linux = await condaPackage(w.dir, { name, version: '1.0', subdir: 'linux-64', ext: '.conda', pad: 1024 * 1024 });
      const noarch = await condaPackage(w.dir, { name, version: '1.1', subdir: 'noarch', ext: '.tar.bz2', pad: 4096 });
      const elsewhere = await condaPackage(w.dir, { name, version: '1.2', subdir: 'linux-64', ext: '.tar.bz2', pad: 4096 });
      await throttleUploads(context, page, 256 * 1024);

      const dialog = await openUploadDialog(page, w);
      await expect(dialog.getByLabel('Files to upload')).toHaveAttribute('accept', '.conda,.tar.bz2');
      const subdir = dialog.getByLabel('Platform subdirectory');
      await subdir.selectOption('linux-64');
      await dialog.getByLabel('Files to upload').setInputFiles(linux);
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectMidUpload(rows(dialog).nth(0), path.basename(linux));
      await expectUploaded(rows(dialog).nth(0), path.basename(linux), `${name} 1.0 · linux-64/${path.basename(linux)}`);
      // automatic: the subdir the package names
      await subdir.selectOption('');
      await dropFiles(page, [noarch]);
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectUploaded(rows(dialog).nth(1), path.basename(noarch), `${name} 1.1 · noarch/${path.basename(noarch)}`);
      // a linux-64 package into osx-arm64: the server's reason
      await subdir.selectOption('osx-arm64');
      await dialog.getByLabel('Files to upload').setInputFiles(elsewhere);
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expectRefused(rows(dialog).nth(2), /built for subdir "linux-64".*"osx-arm64"/);
      await closeButton(dialog).click();
      await expect(fileRow(page, `linux-64/${path.basename(linux)}`)).toBeVisible();
      await expect(fileRow(page, `noarch/${path.basename(noarch)}`)).toBeVisible();
      expect(await storedPaths(api, w)).toEqual([`linux-64/${path.basename(linux)}`, `noarch/${path.basename(noarch)}`]);

      const versions = await openPackage(page, name);
      await expect(versions.getByRole('row').filter({ hasText: path.basename(linux) }).getByRole('cell').first()).toHaveText('1.0');
      await expect(versions.getByRole('row').filter({ hasText: path.basename(noarch) }).getByRole('cell').first()).toHaveText('1.1');

      // Set me up: curl's upload with a real package, then the channel URL conda would use
      await createSetupToken(page, context, api, w);
      const upload = await copySnippet(page, 'conda-upload');
      expect(upload).toMatch(new RegExp(`^curl -fT pkg-1\\.0-0\\.conda -H "Authorization: Bearer tgp_[0-9A-Za-z]{38}" ${api.url}/conda/${w.org}/${w.repo}/linux-64/pkg-1\\.0-0\\.conda$`));
      const answer = await bash(upload.replaceAll('pkg-1.0-0.conda', path.basename(elsewhere)), path.dirname(elsewhere));
      expect(JSON.parse(answer)).toMatchObject({ path: `linux-64/${path.basename(elsewhere)}`, sha256: sha256(readFileSync(elsewhere)) });

      const channelLine = await copySnippet(page, 'conda-channel');
      const channel = /^conda config --add channels (\S+)$/.exec(channelLine)?.[1];
      expect(channel, 'conda keeps only [A-Za-z0-9-] of a path token: tgp-…').toMatch(new RegExp(`^${api.url}/t/tgp-[0-9A-Za-z]{38}/conda/${w.org}/${w.repo}$`));
      const repodata = (await (await fetch(`${channel}/linux-64/repodata.json`)).json()) as { packages: Record<string, unknown>; 'packages.conda': Record<string, unknown> };
      expect(Object.keys(repodata['packages.conda'])).toEqual([path.basename(linux)]);
      expect(Object.keys(repodata.packages)).toEqual([path.basename(elsewhere)]);
      const got = await fetch(`${channel}/noarch/${path.basename(noarch)}`);
      expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(readFileSync(noarch)));

      // the upload from outside shows in the Files tab
      await tab(page, 'Files').click();
      await expect(fileRow(page, `linux-64/${path.basename(elsewhere)}`)).toBeVisible();
      watch.expectClean();
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });
});
