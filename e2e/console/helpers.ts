/**
 * Helpers for the console (real browser) specs: console-error watching, sessions made through the
 * API and handed to a browser context, and the session cookie of a browser context for API checks.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from '../support/fixtures';

// ── browser console ───────────────────────────────────────────────────────────────────────

/**
 * Chrome logs one "Failed to load resource: the server responded with a status of 4xx (…)" line for
 * every API answer in the 4xx range (a wrong password, a 404 lookup…). Those are expected answers,
 * not bugs; everything else logged as an error, and every uncaught page error, is.
 */
const EXPECTED_4XX = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

export type ConsoleWatch = {
  /** Unexpected console errors and uncaught exceptions seen so far, with the page URL. */
  errors: string[];
  /** Asserts that nothing unexpected was logged. */
  expectClean(label?: string): void;
};

/** Starts collecting console errors and uncaught exceptions of `page`. */
export function watchConsole(page: Page): ConsoleWatch {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (EXPECTED_4XX.test(text)) return;
    const loc = msg.location();
    errors.push(`console.error on ${page.url()}: ${text}${loc.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (err) => {
    errors.push(`uncaught exception on ${page.url()}: ${err.name}: ${err.message}`);
  });
  return {
    errors,
    expectClean(label = 'browser') {
      expect(errors, `no console errors in the ${label} page`).toEqual([]);
    },
  };
}

// ── sessions ──────────────────────────────────────────────────────────────────────────────

/** Puts the cookies of a `name=value; name2=value2` Cookie header into a browser context. */
export async function useSessionCookie(context: BrowserContext, baseURL: string, cookieHeader: string): Promise<void> {
  const cookies = cookieHeader
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const eq = c.indexOf('=');
      return { name: c.slice(0, eq), value: c.slice(eq + 1), url: baseURL };
    });
  expect(cookies.length, 'a session cookie to hand to the browser').toBeGreaterThan(0);
  await context.addCookies(cookies);
}

/** The Cookie header the browser context sends to `baseURL` (for `api` calls as the same session). */
export async function cookieHeaderOf(context: BrowserContext, baseURL: string): Promise<string> {
  const cookies = await context.cookies(baseURL);
  const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  expect(header, 'the browser holds a session cookie').toContain('next-auth.session-token=');
  return header;
}

// ── pages ─────────────────────────────────────────────────────────────────────────────────

/** Escapes a string for use inside a RegExp. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The org switcher button of the console shell. */
export const orgSwitcher = (page: Page): Locator => page.getByRole('button', { name: /switch organization/i });

/** Signs in on /signin through the form (mouse and keyboard as a user would). */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Presses Tab until `target` has the focus (at most `max` presses) and returns how many it took.
 * Fails if it never does: the element is not reachable by keyboard.
 */
export async function tabTo(page: Page, target: Locator, max = 15): Promise<number> {
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    if (i < max) await page.keyboard.press('Tab');
  }
  const active = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `<${el.tagName.toLowerCase()}> ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60) ?? ''}` : 'none';
  });
  throw new Error(`${target} was not reached with ${max} Tab presses (focus is on ${active})`);
}
