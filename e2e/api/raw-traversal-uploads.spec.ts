/**
 * The raw native route under attack and failure (docs/http.md "Package-tool routes"), driven by the real
 * `curl` binary and raw sockets against a real server: path traversal, and an upload that dies
 * halfway — including across a server restart on the same DATA_DIR.
 */
import { test, expect, createApi } from '../support/fixtures';
import { expectErrorShape, signIn, signup, uid } from './helpers';
import {
  createRepo,
  curl,
  curlGet,
  curlPut,
  errorCode,
  listFiles,
  payload,
  persistentStore,
  poll,
  rawPath,
  resourceToken,
  shown,
  startPartialPut,
  tmpUploads,
  upload,
  type Cred,
} from './pat-helpers';
import { expectNativeError, rawExchange, world } from './raw-helpers';

test.describe('path traversal', () => {
  test('every traversal attempt is refused with 400 and never returns file bytes', async ({ api }) => {
    const w = await world(api);
    const SECRET = `VAULT-SECRET-${uid()}`;
    const NESTED = `NESTED-SECRET-${uid()}`;
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'vault', format: 'raw', visibility: 'private' });
    await upload(api.url, w.org, 'vault', 'secret.txt', payload(SECRET), w.cred);
    await upload(api.url, w.org, 'vault', 'sub/secret.txt', payload(NESTED), w.cred);
    await upload(api.url, w.org, 'pub', 'a/inner.txt', payload('inner'), w.cred);
    const o = w.org;
    const long = (n: number, c = 'a') => c.repeat(n);

    const attempts = [
      `/raw/${o}/pub/../vault/secret.txt`,
      `/raw/${o}/pub/a/../../vault/secret.txt`,
      `/raw/${o}/vault/../../../../etc/passwd`,
      `/raw/${o}/vault/sub/../secret.txt`,
      `/raw/${o}/vault/./secret.txt`,
      `/raw/${o}/vault/%2e%2e/vault/secret.txt`,
      `/raw/${o}/pub/%2E%2E/%2e%2e/${o}/vault/secret.txt`,
      `/raw/${o}/pub/.%2e/vault/secret.txt`,
      `/raw/${o}/pub/%2e/a/inner.txt`,
      `/raw/${o}/vault/sub%2fsecret.txt`,
      `/raw/${o}/vault/sub%2Fsecret.txt`,
      `/raw/${o}/pub/..%2f..%2f${o}%2fvault%2fsecret.txt`,
      `/raw/${o}/pub/%2e%2e%2fvault%2fsecret.txt`,
      `/raw/${o}/vault/sub%5csecret.txt`,
      `/raw/${o}/pub/..%5c..%5cvault%5csecret.txt`,
      `/raw/${o}/vault/secret.txt%00`,
      `/raw/${o}/vault/secret.txt%00.png`,
      `/raw/${o}/vault/%00/secret.txt`,
      `/raw/${o}/vault/secret%0a.txt`,
      `/raw/${o}/vault/secret.txt%0d%0aX-Injected:%20yes`,
      `/raw/${o}/vault/%09secret.txt`,
      `/raw/${o}/vault/secret%1f.txt`,
      `/raw/${o}/vault/secret%7f.txt`,
      `/raw/%2e%2e/${o}/vault/secret.txt`,
      `/raw/${o}/%2e%2e/vault/secret.txt`,
      `/raw/${o}/../${o}/vault/secret.txt`,
      `/raw/../raw/${o}/vault/secret.txt`,
      `/raw/${o}/vault/${long(256)}`,
      `/raw/${o}/vault/${'%C3%A9'.repeat(128)}`, // 128 characters, 256 bytes
      `/raw/${o}/vault/${Array.from({ length: 5 }, () => long(250, 'b')).join('/')}`, // 1254 characters
      `/raw/${o}/vault/${Array.from({ length: 12 }, () => long(100, 'c')).join('/')}`, // 1211 characters
      `/raw/${o}/vault/%E0%A4%A`, // not valid percent-encoding
    ];
    const leaks = (body: Buffer) => body.includes(Buffer.from(SECRET)) || body.includes(Buffer.from(NESTED)) || body.includes(Buffer.from('root:'));

    for (const attempt of attempts) {
      for (const [label, prefix, cred] of [
        ['bearer', '', w.cred],
        ['path token', `/t/${w.token}`, null],
        ['anonymous', '', null],
      ] as const) {
        const get = await curl(api.url, prefix + attempt, { cred, args: ['--path-as-is'] });
        expect(get.status, `${label} GET ${attempt}: ${shown(get)}`).toBe(400);
        expect(leaks(get.body), `${label} GET ${attempt} leaked file bytes`).toBe(false);
        expectNativeError(get, 400);
        expect(get.headers['etag'], `${label} GET ${attempt} served a file`).toBeUndefined();
      }
      const put = await curl(api.url, attempt, { cred: w.cred, args: ['--path-as-is'], method: 'PUT', upload: payload(`EVIL-${uid()}`) });
      expect(put.status, `PUT ${attempt}: ${shown(put)}`).toBe(400);
      const head = await curl(api.url, attempt, { cred: w.cred, args: ['--path-as-is'], method: 'HEAD' });
      expect(head.status, `HEAD ${attempt}`).toBe(400);
    }

    // A literal control character in the request line never reaches a file either.
    for (const ch of ['\x01', '\x7f', '\t']) {
      const answer = await rawExchange(
        api.url,
        Buffer.from(`GET /raw/${o}/vault/secret${ch}.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.token}\r\nConnection: close\r\n\r\n`, 'latin1'),
      );
      expect(answer, `literal ${JSON.stringify(ch)}`).toMatch(/^HTTP\/1\.[01] 400 /);
      expect(answer).not.toContain(SECRET);
    }

    // Boundaries that are allowed: a 255-byte segment is a valid name.
    const name255 = long(255, 'z');
    await upload(api.url, w.org, 'vault', name255, payload('long name'), w.cred);
    expect((await curlGet(api.url, rawPath(w.org, 'vault', name255), w.cred)).status).toBe(200);

    // Nothing was written by the refused PUTs.
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'vault')).map((f) => f.path).sort()).toEqual([name255, 'secret.txt', 'sub/secret.txt'].sort());
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'pub')).map((f) => f.path)).toEqual(['a/inner.txt']);
    // and the legitimate paths still work
    const ok = await curlGet(api.url, rawPath(w.org, 'vault', 'sub/secret.txt'), w.cred);
    expect(ok.status).toBe(200);
    expect(ok.body.includes(Buffer.from(NESTED))).toBe(true);
  });
});

test.describe('interrupted uploads', () => {
  test('a PUT cut off halfway leaves no file and no temporary file, also across a restart', async () => {
    test.setTimeout(300_000);
    const store = await persistentStore();
    let first: Awaited<ReturnType<typeof store.start>> | undefined;
    let second: Awaited<ReturnType<typeof store.start>> | undefined;
    try {
      first = await store.start();
      const api = createApi(first.url);
      const owner = await signup(api);
      const org = owner.org.slug;
      await createRepo(api, { cookie: owner.cookie }, org, { name: 'files', format: 'raw', visibility: 'private' });
      const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
      const cred: Cred = { form: 'bearer', token: secret };
      const good = payload('survives the restart', 100_000);
      await upload(first.url, org, 'files', 'good.bin', good, cred);
      expect(tmpUploads(store.dataDir)).toEqual([]);

      // 1. The client goes away after ~1 MB of an announced 8 MB.
      const cut = await startPartialPut(first.url, rawPath(org, 'files', 'cut.bin'), secret, { declared: 8 * 1024 * 1024, sent: 1024 * 1024 });
      expect(await poll(async () => tmpUploads(store.dataDir).length > 0, 10_000), 'the upload streams into blobs/tmp').toBe(true);
      cut.abort();
      const answered = await cut.response;
      expect(answered === 'no response' || answered >= 400, `a cut upload is not a success (${answered})`).toBe(true);
      // cleaned on failure
      const cleaned = await poll(async () => tmpUploads(store.dataDir).length === 0, 15_000);
      expect(cleaned, `blobs/tmp after the aborted upload: ${tmpUploads(store.dataDir).join(', ')}`).toBe(true);
      expect((await listFiles(api, { cookie: owner.cookie }, org, 'files')).map((f) => f.path)).toEqual(['good.bin']);
      expectNativeError(await curlGet(first.url, rawPath(org, 'files', 'cut.bin'), cred), 404);

      // 2. The server goes away in the middle of an upload (the client keeps the socket open).
      const hanging = await startPartialPut(first.url, rawPath(org, 'files', 'hanging.bin'), secret, { declared: 8 * 1024 * 1024, sent: 1024 * 1024 });
      expect(await poll(async () => tmpUploads(store.dataDir).length > 0, 10_000), 'the second upload streams into blobs/tmp').toBe(true);
      await first.stop();
      first = undefined;
      hanging.abort();
      const leftovers = tmpUploads(store.dataDir);
      test.info().annotations.push({ type: 'leftovers after the stop', description: leftovers.join(', ') || '(none)' });

      // Started again on the same DATA_DIR (and database): blobs/tmp is empty, the data is intact.
      second = await store.start();
      expect(tmpUploads(store.dataDir), 'blobs/tmp right after the restart').toEqual([]);
      const api2 = createApi(second.url);
      const cookie = await signIn(api2, owner.email, owner.password);
      expect((await listFiles(api2, { cookie }, org, 'files')).map((f) => f.path)).toEqual(['good.bin']);
      const got = await curlGet(second.url, rawPath(org, 'files', 'good.bin'), cred);
      expect(got.status, shown(got)).toBe(200);
      expect(got.body.equals(good)).toBe(true);
      expectNativeError(await curlGet(second.url, rawPath(org, 'files', 'hanging.bin'), cred), 404);
      // the paths that died are free: uploading them now works
      await upload(second.url, org, 'files', 'hanging.bin', payload('complete now'), cred);
      expect(errorCode(await curlPut(second.url, rawPath(org, 'files', 'hanging.bin'), payload('again'), cred))).toBe('conflict');
      expect(tmpUploads(store.dataDir)).toEqual([]);
      expectErrorShape(await api2.get(`/api/v1/orgs/${org}/repos/nope`, { cookie }));
    } finally {
      await first?.stop();
      await second?.stop();
      await store.dispose();
    }
  });
});
