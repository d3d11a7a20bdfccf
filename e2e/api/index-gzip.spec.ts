/**
 * Index pages go gzipped to clients that ask for it (pip, npm and conda all do), identical once
 * unpacked to what other clients get, each form with its own ETag; a revalidation with either tag
 * of the current version is a 304. Shown on a PyPI project page of 20 files.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { test, expect } from '../support/fixtures';
import { signup } from './helpers';
import { createRepo, resourceToken } from './pat-helpers';
import { pypiDists } from '../support/python-dists';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function get(base: string, p: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: p, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

test('a PyPI project page is gzipped for clients that accept it, and the same page unpacked', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'py', format: 'pypi', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: 'py', access: 'read' }]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-gzip-'));
  for (let i = 0; i < 20; i++) {
    const { wheel } = await pypiDists(dir, 'gz-me', `1.${i}`);
    const res = await fetch(`${api.url}/api/v1/orgs/${org}/repos/py/files/${path.basename(wheel)}`, {
      method: 'PUT',
      headers: { cookie: owner.cookie, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(readFileSync(wheel)),
    });
    expect(res.status, await res.text()).toBe(201);
  }
  const page = `/pypi/${org}/py/simple/gz-me/`;
  const auth = { authorization: `Bearer ${secret}` };
  const plain = await get(api.url, page, auth);
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  const zipped = await get(api.url, page, { ...auth, 'accept-encoding': 'gzip, deflate' });
  expect(zipped.status).toBe(200);
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
  expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
  expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
  expect(zlib.gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  expect(plain.body.toString()).toContain('gz_me-1.19-py3-none-any.whl');
  expect(zipped.headers.etag).not.toBe(plain.headers.etag);

  for (const etag of [plain.headers.etag!, zipped.headers.etag!]) {
    expect((await get(api.url, page, { ...auth, 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(304);
  }
});
