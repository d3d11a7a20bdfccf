/**
 * The attack of security review H1, end to end in Chromium: anyone can sign up, create a public raw
 * repository and upload an HTML page whose script, opened by a signed-in owner of another org,
 * reads /api/v1/user, mints a `manage *` token in the victim's org and uploads the secret to the
 * attacker's repository. The file must arrive as a download that never runs: no token is minted,
 * nothing is sent out. An SVG (which browsers also run as a document) is tried the same way.
 */
import { test, expect } from '../support/fixtures';
import { signup } from '../api/helpers';
import { createRepo, rawPath, resourceToken, sleep, upload } from '../api/pat-helpers';
import { useSessionCookie } from './helpers';

function payloadPage(attackerOrg: string, attackerToken: string): string {
  const loot = rawPath(attackerOrg, 'pub', 'loot.txt');
  return `<!doctype html><title>notes</title><script>
(async () => {
  const me = await (await fetch('/api/v1/user')).json();
  const org = me.orgs.find((o) => o.slug !== ${JSON.stringify(attackerOrg)}).slug;
  const res = await fetch('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ org, name: 'pwned', type: 'resource', resources: [{ repo: '*', access: 'manage' }] }) });
  const created = await res.json();
  await fetch(${JSON.stringify(loot)}, { method: 'PUT', headers: { authorization: 'Bearer ${attackerToken}' }, body: JSON.stringify({ org, secret: created.secret }) });
  document.title = 'done ' + res.status;
})();
</script>`;
}

const svg = (attackerOrg: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg"><script>fetch('/api/v1/user').then(r=>r.text()).then(t=>fetch(${JSON.stringify(rawPath(attackerOrg, 'pub', 'svg-loot.txt'))},{method:'PUT',body:t}))</script></svg>`;

test('an uploaded HTML page or SVG opened by a signed-in owner of another org does not run', async ({ api, browser, baseURL }) => {
  const attacker = await signup(api);
  const attackerOrg = attacker.org.slug;
  await createRepo(api, { cookie: attacker.cookie }, attackerOrg, { name: 'pub', format: 'raw', visibility: 'public' });
  const { secret } = await resourceToken(api, attacker.cookie, attackerOrg, [{ repo: 'pub', access: 'write' }]);
  const cred = { form: 'bearer' as const, token: secret };
  await upload(api.url, attackerOrg, 'pub', 'notes.html', Buffer.from(payloadPage(attackerOrg, secret)), cred);
  await upload(api.url, attackerOrg, 'pub', 'logo.svg', Buffer.from(svg(attackerOrg)), cred);

  const victim = await signup(api);
  const context = await browser.newContext({ acceptDownloads: true });
  await useSessionCookie(context, baseURL!, victim.cookie);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).not.toHaveURL(/signin/); // the victim is signed in

  for (const file of ['notes.html', 'logo.svg']) {
    // a download starts instead of a page: Chromium aborts the navigation
    const download = page.waitForEvent('download');
    await page.goto(`${baseURL}${rawPath(attackerOrg, 'pub', file)}`).catch((err: Error) => {
      expect(err.message).toMatch(/net::ERR_ABORTED|Download is starting/);
    });
    expect((await download).suggestedFilename()).toBe(file);
  }
  await sleep(1500); // what the script would have needed to run

  const tokens = await api.get<{ items: { name: string }[] }>(`/api/v1/tokens?org=${victim.org.slug}`, { cookie: victim.cookie });
  expect(tokens.status).toBe(200);
  expect(tokens.json.items.map((t) => t.name)).not.toContain('pwned');
  for (const loot of ['loot.txt', 'svg-loot.txt']) {
    const r = await fetch(`${baseURL}${rawPath(attackerOrg, 'pub', loot)}`);
    expect(r.status, `${loot} was never written`).toBe(404);
  }
  await context.close();
});
