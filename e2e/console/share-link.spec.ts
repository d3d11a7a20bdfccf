/**
 * Share links in a real browser: "Share link" on a file row of the Files tab (expiry picker, the
 * link with its copy button and expiry), the link downloaded in a fresh browser context with no
 * session and with curl; "Rotate signing key" in org settings behind its confirmation, after which
 * the old link is refused and a new one works; the Audit page lists those steps and filters them
 * by action.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { signup, uid } from '../api/helpers';
import { createRepo, payload, resourceToken, upload } from '../api/pat-helpers';
import { curlUrl } from '../api/signed-helpers';
import { useSessionCookie, watchConsole } from './helpers';

/** Opens `url` in a new browser context with no cookies: the download's bytes, or the refusal's status and text. */
async function fetchAnonymously(browser: Browser, url: string): Promise<{ bytes: Buffer | null; status: number; text: string }> {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    expect(await context.cookies()).toEqual([]);
    const page = await context.newPage();
    const downloading = page.waitForEvent('download', { timeout: 15_000 }).catch(() => null);
    const response = await page.goto(url).catch(() => null);
    if (response && response.status() !== 200) return { bytes: null, status: response.status(), text: await response.text() };
    const download = await downloading;
    expect(download, `a download of ${url}`).toBeTruthy();
    const file = await download!.path();
    return { bytes: readFileSync(file), status: 200, text: '' };
  } finally {
    await context.close();
  }
}

test('share a file link from the Files tab, download it with no session, rotate the key, see the old link refused and the steps in the Audit page', async ({ page, context, browser, api, server }) => {
  test.setTimeout(180_000);
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'dist', visibility: 'private' });
  const writer = await resourceToken(api, owner.cookie, org, [{ repo: 'dist', access: 'write' }]);
  const file = `app-${uid()}.tar.gz`;
  const bytes = payload(`share ${file}`, 32 * 1024);
  await upload(api.url, org, 'dist', file, bytes, { form: 'bearer', token: writer.secret });

  const watch = watchConsole(page);
  await useSessionCookie(context, server.url, owner.cookie);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

  // ── Share link on the file's row ─────────────────────────────────────────────────────────
  await page.goto(`/${org}/repositories/dist`);
  const files = page.getByRole('table', { name: 'Files' });
  const row = files.getByRole('row').filter({ hasText: file });
  await row.getByRole('button', { name: 'Share link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share a download link' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(file);
  const expiry = dialog.getByLabel('Valid for');
  await expect(expiry).toHaveValue('1h');
  await expect(expiry).toBeFocused();
  await expect(expiry.locator('option')).toHaveText(['1 hour', '12 hours', '1 day', '7 days', '30 days']);
  await expiry.selectOption('7d');
  const before = Date.now();
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const linkField = dialog.getByLabel('Download link');
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link.startsWith(`${server.url}/raw/${org}/dist/${file}?expires=`), link).toBe(true);
  const expires = Number(new URL(link).searchParams.get('expires')) * 1000;
  expect(expires - before).toBeGreaterThan(7 * 24 * 3600_000 - 120_000);
  expect(expires - before).toBeLessThanOrEqual(7 * 24 * 3600_000 + 60_000);
  await expect(dialog.getByTestId('share-link-expiry')).toContainText(/Expires .*\(in 7 days\)/);
  await expect(dialog.locator('time')).toHaveAttribute('datetime', new Date(expires).toISOString());
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copy link' })).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  // ── the link in a browser with no session, and with curl ────────────────────────────────
  const got = await fetchAnonymously(browser, link);
  expect(got.status).toBe(200);
  expect(got.bytes!.equals(bytes)).toBe(true);
  const curled = await curlUrl(link);
  expect(curled.status).toBe(200);
  expect(curled.body.equals(bytes)).toBe(true);

  // ── rotate in settings ──────────────────────────────────────────────────────────────────
  await page.goto(`/${org}/settings`);
  await expect(page.getByTestId('signing-key-version')).toContainText('Version 1');
  await page.getByRole('button', { name: 'Rotate signing key' }).click();
  const confirm = page.getByRole('dialog', { name: 'Rotate the signing key?' });
  await expect(confirm).toContainText('stops working at once');
  // A dangerous confirmation focuses Cancel first; Cancel changes nothing.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect((await curlUrl(link)).status, 'cancel rotated nothing').toBe(200);
  await page.getByRole('button', { name: 'Rotate signing key' }).click();
  await confirm.getByRole('button', { name: 'Rotate key' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText('Signing key rotated')).toBeVisible();
  await expect(page.getByTestId('signing-key-version')).toContainText('Version 2');

  const refused = await fetchAnonymously(browser, link);
  expect(refused.status).toBe(401);
  expect(refused.text).toContain('rotated');
  expect((await curlUrl(link)).status).toBe(401);

  // A new link works.
  await page.goto(`/${org}/repositories/dist`);
  await page.getByRole('table', { name: 'Files' }).getByRole('row').filter({ hasText: file }).getByRole('button', { name: 'Share link' }).click();
  await page.getByRole('dialog', { name: 'Share a download link' }).getByRole('button', { name: 'Create link' }).click();
  const fresh = await page.getByRole('dialog', { name: 'Share a download link' }).getByLabel('Download link').inputValue();
  expect(fresh).not.toBe(link);
  const again = await fetchAnonymously(browser, fresh);
  expect(again.status).toBe(200);
  expect(again.bytes!.equals(bytes)).toBe(true);
  await page.keyboard.press('Escape');

  // ── the Audit page ──────────────────────────────────────────────────────────────────────
  await page.goto(`/${org}/audit`);
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasText: `${owner.email} shared a signed link to dist/${file}` })).toHaveCount(2);
  await expect(log.getByRole('row').filter({ hasText: `${owner.email} rotated the signing key (now version 2)` })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: `${owner.email} uploaded dist/${file}` })).toHaveCount(1);
  await page.getByLabel('Action', { exact: true }).selectOption('signing_key.rotated');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(log.getByRole('row')).toHaveCount(2); // the header and the rotation
  await expect(log).toContainText('rotated the signing key');
  await page.getByLabel('Action', { exact: true }).selectOption('signed_url');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log).not.toContainText('rotated the signing key');
  watch.expectClean();
});
