/**
 * Stored files never run as pages on the console's origin (security review H1: an uploaded
 * `notes.html` opened by a signed-in owner of another org minted a `manage *` token there). Every
 * file goes as an attachment with its name, under `Content-Security-Policy: default-src 'none';
 * sandbox`, never sniffed, with active types (HTML, XHTML, SVG, XML, JavaScript) sent as opaque
 * bytes; every native answer (index pages and errors too) keeps `/t/<token>/` URLs out of Referer.
 * The browser half (the page does not run for a signed-in victim) is e2e/console/artifact-xss.spec.ts.
 */
import { test, expect } from '../support/fixtures';
import { sql } from './helpers';
import { CRED_FORMS, curlGet, curlHead, rawPath, shown, upload } from './pat-helpers';
import { world } from './raw-helpers';

const SANDBOX = "default-src 'none'; sandbox";

const ACTIVE: [string, string][] = [
  ['notes.html', '<!doctype html><script>document.title="owned"</script>'],
  ['page.htm', '<script>alert(1)</script>'],
  ['doc.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
  ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
  ['feed.xml', '<?xml version="1.0"?><?xml-stylesheet href="x.xsl" type="text/xsl"?><a/>'],
  ['style.xsl', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'],
  ['app.js', 'fetch("/api/v1/user")'],
  ['mod.mjs', 'export default 1'],
];

test.describe('stored files are downloads, never pages', () => {
  test('active types go as opaque attachments under a sandbox CSP, with every credential form', async ({ api }) => {
    const w = await world(api);
    for (const [name, text] of ACTIVE) {
      await upload(api.url, w.org, 'pub', `site/${name}`, Buffer.from(text), w.cred);
      // public repository: anonymous, and with each credential form
      for (const cred of [null, ...CRED_FORMS.map((form) => ({ form, token: w.token }))]) {
        for (const get of [curlGet, curlHead]) {
          const r = await get(api.url, rawPath(w.org, 'pub', `site/${name}`), cred);
          const what = `${name} (${cred?.form ?? 'anonymous'}, ${get === curlHead ? 'HEAD' : 'GET'}): ${shown(r)}`;
          expect(r.status, what).toBe(200);
          expect(r.headers['content-type'], what).toBe('application/octet-stream');
          expect(r.headers['content-disposition'], what).toBe(`attachment; filename="${name}"`);
          expect(r.headers['content-security-policy'], what).toBe(SANDBOX);
          expect(r.headers['x-content-type-options'], what).toBe('nosniff');
          expect(r.headers['referrer-policy'], what).toBe('no-referrer');
          if (get === curlGet) expect(r.body.toString(), what).toBe(text);
        }
      }
    }
  });

  test('harmless types keep their type; names outside ASCII are given exactly (RFC 6266)', async ({ api }) => {
    const w = await world(api);
    await upload(api.url, w.org, 'files', 'readme.txt', Buffer.from('hello'), w.cred);
    await upload(api.url, w.org, 'files', 'app-1.0.tar.gz', Buffer.from('not really gzip'), w.cred);
    await upload(api.url, w.org, 'files', 'résumé.pdf', Buffer.from('%PDF-1.4'), w.cred);
    const txt = await curlGet(api.url, rawPath(w.org, 'files', 'readme.txt'), w.cred);
    expect(txt.headers['content-type']).toMatch(/^text\/plain/);
    expect(txt.headers['content-disposition']).toBe('attachment; filename="readme.txt"');
    const tgz = await curlGet(api.url, rawPath(w.org, 'files', 'app-1.0.tar.gz'), w.cred);
    expect(tgz.headers['content-type']).toBe('application/gzip');
    const pdf = await curlGet(api.url, rawPath(w.org, 'files', 'résumé.pdf'), w.cred);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`);
    expect(pdf.headers['content-security-policy']).toBe(SANDBOX);
  });

  test('a file stored with an active type by an earlier version is still served safely', async ({ api, server }) => {
    const w = await world(api);
    await upload(api.url, w.org, 'pub', 'old.html', Buffer.from('<script>1</script>'), w.cred);
    // what 6a07a83 stored: the extension's own type
    await sql(server, `UPDATE "Artifact" SET "contentType" = 'text/html' WHERE "path" = 'old.html'`);
    const r = await curlGet(api.url, rawPath(w.org, 'pub', 'old.html'), null);
    expect(r.headers['content-type'], shown(r)).toBe('application/octet-stream');
    expect(r.headers['content-security-policy']).toBe(SANDBOX);
  });

  test('every native answer is sandboxed and sends no Referer: index pages, errors, 401s, path tokens', async ({ api }) => {
    const w = await world(api);
    await api.post(`/api/v1/orgs/${w.org}/repos`, { name: 'py', format: 'pypi', visibility: 'private' }, { cookie: w.owner.cookie });
    const answers = [
      await curlGet(api.url, `/pypi/${w.org}/py/simple/`, w.cred), // an HTML index page
      await curlGet(api.url, rawPath(w.org, 'files', 'missing.txt'), w.cred), // 404
      await curlGet(api.url, rawPath(w.org, 'files', 'missing.txt'), null), // 401
      await curlGet(api.url, rawPath(w.org, 'files', 'missing.txt'), { form: 'path', token: w.token }),
    ];
    for (const r of answers) {
      expect(r.headers['content-security-policy'], shown(r)).toBe(SANDBOX);
      expect(r.headers['referrer-policy'], shown(r)).toBe('no-referrer');
      expect(r.headers['x-content-type-options'], shown(r)).toBe('nosniff');
    }
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.headers['content-type']).toMatch(/text\/html/); // pip reads it; the sandbox keeps it inert
  });
});
