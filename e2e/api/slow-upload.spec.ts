/**
 * Uploads are limited by silence, not by their length (security review M5): Node's default
 * `requestTimeout` cut every upload off at 300 s (a 40 MB file at 100 KB/s got a 408 after
 * 313.7 s) although 10 GiB are allowed. An upload that keeps sending completes however long it
 * takes; one that stops sending for IDLE_TIMEOUT seconds is dropped and leaves nothing behind, while
 * an answer that takes longer than IDLE_TIMEOUT to compute (a password hash) is never cut.
 * The first test runs for 5½ minutes on purpose: nothing shorter proves the old limit is gone.
 */
import http from 'node:http';
import { test, expect } from '../support/fixtures';
import { startServer } from '../support/server';
import { signup, sleep } from './helpers';
import { createRepo, listFiles, resourceToken, sha256, tmpUploads } from './pat-helpers';

/** PUTs `chunks` chunks of `size` bytes, one every `everyMs`, then ends; resolves with the answer or the error. */
function tricklePut(url: string, path: string, headers: Record<string, string>, chunks: number, size: number, everyMs: number, stopAfter = Infinity) {
  const u = new URL(url);
  const sent: Buffer[] = [];
  return new Promise<{ status: number; text: string; sent: Buffer } | { error: string }>((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method: 'PUT', headers: { ...headers, 'content-length': String(chunks * size) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), sent: Buffer.concat(sent) }));
    });
    req.on('error', (err) => resolve({ error: err.message }));
    let n = 0;
    const tick = () => {
      if (n >= stopAfter) return; // go silent, connection left open
      const chunk = Buffer.alloc(size, n % 251);
      sent.push(chunk);
      n += 1;
      if (n === chunks) req.end(chunk);
      else {
        req.write(chunk);
        setTimeout(tick, everyMs);
      }
    };
    tick();
  });
}

test('an upload that keeps sending for longer than 300 s completes, on the raw route and the console API', async ({ api }) => {
  test.setTimeout(420_000);
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'slow', format: 'raw', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: 'slow', access: 'write' }]);
  const started = Date.now();
  // 165 chunks of 2 KiB, one every 2 s: about 330 s
  const [raw, consoleApi] = await Promise.all([
    tricklePut(api.url, `/raw/${org}/slow/trickle.bin`, { authorization: `Bearer ${secret}` }, 165, 2048, 2000),
    tricklePut(api.url, `/api/v1/orgs/${org}/repos/slow/files/trickle-console.bin`, { cookie: owner.cookie, 'content-type': 'application/octet-stream' }, 165, 2048, 2000),
  ]);
  const took = (Date.now() - started) / 1000;
  expect(took, 'the uploads ran past the old 300 s limit').toBeGreaterThan(310);
  for (const [name, r] of [['trickle.bin', raw], ['trickle-console.bin', consoleApi]] as const) {
    expect('status' in r ? `${r.status} ${r.text.slice(0, 200)}` : r.error, name).toMatch(/^201 /);
    const files = await listFiles(api, { cookie: owner.cookie }, org, 'slow');
    const stored = files.find((f) => f.path === name);
    expect(stored?.size).toBe(165 * 2048);
    if ('sent' in r) expect(stored?.sha256).toBe(sha256(r.sent));
  }
});

test('an upload that goes silent for IDLE_TIMEOUT is dropped and leaves nothing', async () => {
  const s = await startServer({ env: { IDLE_TIMEOUT: '3' } });
  try {
    const res = await fetch(`${s.url}/api/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `idle-${Date.now()}@example.test`, name: 'I', password: 'correct horse battery staple', orgName: 'I', orgSlug: `idle-${Date.now().toString(36)}` }),
    });
    expect(res.status).toBe(201);
    const { org } = (await res.json()) as { org: { slug: string } };
    const cookie = res.headers.getSetCookie().map((c) => c.split(';', 1)[0]).join('; ');
    const repo = await fetch(`${s.url}/api/v1/orgs/${org.slug}/repos`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'r', format: 'raw' }) });
    expect(repo.status).toBe(201);
    const started = Date.now();
    // sends 2 chunks then goes silent, connection open
    const r = await tricklePut(s.url, `/api/v1/orgs/${org.slug}/repos/r/files/stalled.bin`, { cookie, 'content-type': 'application/octet-stream' }, 100, 1024, 500, 2);
    const waited = (Date.now() - started) / 1000;
    expect('error' in r ? r.error : `answered ${r.status}`).toMatch(/socket hang up|ECONNRESET/);
    expect(waited).toBeGreaterThan(2.5);
    expect(waited).toBeLessThan(30);
    await sleep(500);
    expect(tmpUploads(s.dataDir)).toEqual([]);
    const files = await fetch(`${s.url}/api/v1/orgs/${org.slug}/repos/r/files`, { headers: { cookie } });
    expect(((await files.json()) as { items: unknown[] }).items).toEqual([]);
    // the server itself is fine
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
  } finally {
    await s.stop();
  }
});
