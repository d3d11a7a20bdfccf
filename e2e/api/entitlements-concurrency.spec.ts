/**
 * Entitlement limits hold exactly under concurrent requests (docs/permissions.md: N parallel downloads
 * against a limit of M succeed exactly min(N, M) times), on whichever database the run uses
 * (TOLLGATE_TEST_DB=sqlite|postgresql): 50 parallel downloads against a download limit of 10, a
 * byte budget, and a client limit with requests from three source addresses at once.
 */
import { test, expect } from '../support/fixtures';
import { sql } from './helpers';
import { createEnt, entWorld, getEnt, native, rawFile, type Counters, type NativeResult } from './entitlements-helpers';
import { poll } from './pat-helpers';

const N = 50;

function tally(results: NativeResult[]) {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.status === 200 ? '200' : `${r.status} ${r.code}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

test.describe('entitlement limits under concurrency', () => {
  test.setTimeout(120_000);

  test(`${N} parallel downloads against a limit of 10: exactly 10 succeed and the counter reads 10`, async ({ api, server }) => {
    const w = await entWorld(api);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxDownloads: 10 });
    const results = await Promise.all(Array.from({ length: N }, () => native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret)));
    expect(tally(results)).toEqual({ '200': 10, '403 download_limit_reached': N - 10 });
    for (const r of results.filter((x) => x.status === 200)) expect(r.body.equals(w.files['app-1.0.tar.gz']!)).toBe(true);
    const [c] = await sql<Counters>(server, 'SELECT "downloadCount", "bytesCount", "clientCount" FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(Number(c!.downloadCount)).toBe(10);
    expect(Number(c!.bytesCount)).toBe(10_000);
    // the log holds the ten downloads, not the refusals
    const logged = await poll(async () => ((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).usage.downloads === 10 ? true : null));
    expect(logged).toBe(true);
    expect((await getEnt(api, w.owner.cookie, w.org, entitlement.id)).remaining.downloads).toBe(0);
  });

  test(`${N} parallel downloads of 1000 bytes against a budget of 7500 bytes: exactly 7 succeed`, async ({ api, server }) => {
    const w = await entWorld(api);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxBytes: 7500, maxDownloads: 1000 });
    const results = await Promise.all(Array.from({ length: N }, () => native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret)));
    expect(tally(results)).toEqual({ '200': 7, '403 bandwidth_limit_reached': N - 7 });
    const [c] = await sql<Counters>(server, 'SELECT "downloadCount", "bytesCount", "clientCount" FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(Number(c!.bytesCount)).toBe(7000);
    expect(Number(c!.downloadCount)).toBe(7);
  });

  test('parallel downloads from three addresses against a client limit of 2: two addresses get in, the counter reads 2', async ({ api, server }) => {
    const w = await entWorld(api);
    const { entitlement, secret } = await createEnt(api, w.owner.cookie, w.org, { maxClients: 2 });
    const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => native(w.base, rawFile(w.org, 'app-1.0.tar.gz'), secret, { localAddress: addresses[i % 3] }).then((r) => ({ r, from: addresses[i % 3]! }))),
    );
    const admitted = new Set(results.filter((x) => x.r.status === 200).map((x) => x.from));
    const refused = new Set(results.filter((x) => x.r.status !== 200).map((x) => x.from));
    expect(admitted.size).toBe(2);
    expect(refused.size).toBe(1);
    for (const x of results.filter((y) => y.r.status !== 200)) expect(x.r.code).toBe('client_limit_reached');
    expect([...refused].some((a) => admitted.has(a)), 'an address is either in or out').toBe(false);
    const [c] = await sql<Counters>(server, 'SELECT "downloadCount", "bytesCount", "clientCount" FROM "EntitlementToken" WHERE "id" = $1', [entitlement.id]);
    expect(Number(c!.clientCount)).toBe(2);
    const rows = await sql<{ address: string }>(server, 'SELECT "address" FROM "EntitlementClient" WHERE "entitlementId" = $1', [entitlement.id]);
    expect(rows.map((r) => r.address).sort()).toEqual([...admitted].sort());
  });
});
