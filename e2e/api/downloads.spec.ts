// Download events: every artifact download is recorded (time, credential,
// file, bytes, address, user agent) off the request path, and a clean
// shutdown writes what is still queued.
import { test, expect, createApi } from '../support/fixtures';
import { signup, sql } from './helpers';
import { createRepo, curl, curlGet, curlHead, payload, persistentStore, rawPath, resourceToken, upload, type Cred } from './pat-helpers';

test('downloads are recorded with credential, bytes, address and user agent; HEAD and 304 are not; a clean stop loses none', async () => {
  test.setTimeout(240_000);
  const store = await persistentStore();
  let server: Awaited<ReturnType<typeof store.start>> | undefined;
  try {
    server = await store.start();
    const api = createApi(server.url);
    const owner = await signup(api);
    const org = owner.org.slug;
    await createRepo(api, { cookie: owner.cookie }, org, { name: 'files', visibility: 'public' });
    const { token, secret } = await resourceToken(api, owner.cookie, org, [{ repo: 'files', access: 'write' }]);
    const cred: Cred = { form: 'bearer', token: secret };
    const bytes = payload('download events', 10_000);
    await upload(server.url, org, 'files', 'app.bin', bytes, cred);

    const file = rawPath(org, 'files', 'app.bin');
    for (let i = 0; i < 3; i++) expect((await curlGet(server.url, file, cred, ['--user-agent', 'tollgate-test/1'])).status).toBe(200);
    expect((await curlGet(server.url, file, null, ['--user-agent', 'anon-test'])).status).toBe(200);
    expect((await curlGet(server.url, file, cred, ['--range', '0-99'])).status).toBe(206);
    expect((await curlHead(server.url, file, cred)).status).toBe(200);
    const etag = `"${(await curlHead(server.url, file, cred)).headers.etag?.replace(/"/g, '')}"`;
    expect((await curl(server.url, file, { cred, args: ['--header', `If-None-Match: ${etag}`] })).status).toBe(304);

    // A clean stop drains the queue: the rows are there right after it.
    await server.stop();
    server = undefined;
    const s = await store.start();
    server = s;
    const rows = await sql<{ path: string; bytes: unknown; credentialType: string; credentialId: string | null; userId: string | null; clientAddress: string; userAgent: string }>(
      { ...s, dataDir: store.dataDir, databaseUrl: store.databaseUrl },
      'SELECT "path", "bytes", "credentialType", "credentialId", "userId", "clientAddress", "userAgent" FROM "DownloadEvent" ORDER BY "at"',
    );
    expect(rows).toHaveLength(5);
    const withToken = rows.filter((r) => r.credentialType === 'pat');
    expect(withToken).toHaveLength(4);
    expect(withToken.every((r) => r.credentialId === token.id && r.userId === owner.user.id && r.path === 'app.bin')).toBe(true);
    expect(withToken.filter((r) => r.userAgent === 'tollgate-test/1')).toHaveLength(3);
    expect(withToken.map((r) => Number(r.bytes)).sort((a, b) => a - b)).toEqual([100, 10_000, 10_000, 10_000]);
    const anon = rows.find((r) => r.credentialType === 'anonymous')!;
    expect(anon).toMatchObject({ credentialId: null, userId: null, userAgent: 'anon-test' });
    expect(rows.every((r) => r.clientAddress === '127.0.0.1')).toBe(true);
  } finally {
    await server?.stop();
    await store.dispose();
  }
});
