/**
 * Archive bombs from the security review (H2, H3, M2, I5) against a real server, through the
 * native routes (conda PUT, npm publish, twine's upload) and the console's upload API (PUT
 * /api/v1/orgs/{org}/repos/{repo}/files/{name}, which runs inside Next's bundle). Each bomb must
 * be refused with the API's error shape and a message that says why (or, for the README bomb on
 * the console, accepted at bounded cost), leave nothing stored, and, while it is processed,
 * the server must go on answering GET /api/v1/health within HEALTH_BOUND_MS and its resident
 * memory must not grow by more than RSS_GROWTH_BOUND_MIB: the regressions the review measured
 * (72 s without a health answer, 4.2 GB of RSS for a 977-byte upload).
 */
import crypto from 'node:crypto';
import * as bombs from '../support/archive-bombs';
import { test, expect, type Api, type RunningServer } from '../support/fixtures';
import { watchServer, type Watched } from '../support/process-memory';
import { expectErrorShape, signup, uid, type Account } from './helpers';
import { createRepo, listFiles, resourceToken } from './pat-helpers';

const HEALTH_BOUND_MS = 1_000;
const RSS_GROWTH_BOUND_MIB = 512;

type World = { owner: Account; org: string; token: string; conda: string; npm: string; pypi: string };

async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const names = { conda: `conda-${uid()}`, npm: `npm-${uid()}`, pypi: `pypi-${uid()}` };
  for (const [format, name] of Object.entries(names)) await createRepo(api, { cookie: owner.cookie }, org, { name, format, visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  return { owner, org, token: secret, ...names };
}

type Outcome = { status: number; headers: Headers; text: string; message: string | undefined; elapsedMs: number; worstHealthMs: number; rssGrowthMiB: number };

/**
 * Sends one request while health is polled (one request at a time, 50 ms apart) and the server's
 * RSS sampled every 25 ms; the peak also comes from VmHWM, reset first through clear_refs.
 */
async function watched(server: RunningServer, label: string, send: () => Promise<Response>): Promise<Outcome> {
  const watch = watchServer(server);
  const started = Date.now();
  let status = 0;
  let headers = new Headers();
  let text = '';
  let seen: Watched;
  try {
    const res = await send();
    status = res.status;
    headers = res.headers;
    text = await res.text();
  } finally {
    seen = await watch.stop();
  }
  const elapsedMs = Date.now() - started;
  let message: string | undefined;
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
  } catch {
    /* not JSON */
  }
  const { worstHealthMs, peakGrowthMiB: rssGrowthMiB, baselineMiB } = seen;
  const w = { status, headers, text, message, elapsedMs, worstHealthMs, rssGrowthMiB };
  const figures = `${label}: ${status} in ${elapsedMs} ms; health worst ${worstHealthMs} ms; RSS ${baselineMiB} MiB, peak +${w.rssGrowthMiB} MiB`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(`[archive-bombs] ${figures}`);
  return w;
}

/** The review's regression bounds: health kept answering, memory bounded. */
function expectBounded(w: Outcome, label: string) {
  expect(w.worstHealthMs, `${label}: worst /api/v1/health latency`).toBeLessThan(HEALTH_BOUND_MS);
  expect(w.rssGrowthMiB, `${label}: peak RSS growth (MiB)`).toBeLessThan(RSS_GROWTH_BOUND_MIB);
}

function expectRefused(w: Outcome, status: number, message: RegExp, label: string) {
  expect(w.status, `${label}: ${w.text.slice(0, 300)}`).toBe(status);
  expectErrorShape({ status: w.status, headers: w.headers, json: JSON.parse(w.text) as unknown, text: w.text, cookie: '' }, label);
  expect(w.message, label).toMatch(message);
}

const nativePut = (server: RunningServer, w: World, path: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(body) });

const consolePut = (server: RunningServer, w: World, repo: string, name: string, body: Buffer) =>
  fetch(`${server.url}/api/v1/orgs/${w.org}/repos/${repo}/files/${name}`, {
    method: 'PUT',
    headers: { cookie: w.owner.cookie, accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });

/** The body npm publish sends for `tgz`. */
function publishBody(name: string, tgz: Buffer): Buffer {
  const shasum = crypto.createHash('sha1').update(tgz).digest('hex');
  return Buffer.from(
    JSON.stringify({
      name,
      versions: { '1.0.0': { name, version: '1.0.0', dist: { shasum } } },
      'dist-tags': { latest: '1.0.0' },
      _attachments: { [`${name}-1.0.0.tgz`]: { content_type: 'application/octet-stream', data: tgz.toString('base64'), length: tgz.length } },
    }),
  );
}

async function stored(api: Api, w: World, repo: string): Promise<string[]> {
  return (await listFiles(api, { cookie: w.owner.cookie }, w.org, repo)).map((f) => f.path);
}

test.describe('archive bombs', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });
  let w: World;
  test.beforeAll(async ({ server }) => {
    const { createApi } = await import('../support/fixtures');
    w = await world(createApi(server.url));
  });

  test('H2: the 977-byte conda .tar.bz2 bomb is refused at its 32 MiB scan cap, health answering, memory bounded', async ({ server, api }) => {
    const bytes = bombs.bz2Bomb();
    expect(bytes.length).toBe(977);
    const why = /^bomb-1\.0-0\.tar\.bz2 is not a valid conda package: no info\/index\.json in the first 33554432 decompressed bytes\.$/;
    const native = await watched(server, 'H2 bz2 native', () => nativePut(server, w, `/conda/${w.org}/${w.conda}/linux-64/bomb-1.0-0.tar.bz2`, bytes));
    expectRefused(native, 400, why, 'native');
    expectBounded(native, 'native');
    const viaConsole = await watched(server, 'H2 bz2 console', () => consolePut(server, w, w.conda, 'linux-64/bomb-1.0-0.tar.bz2', bytes));
    expectRefused(viaConsole, 400, why, 'console');
    expectBounded(viaConsole, 'console');
    expect(await stored(api, w, w.conda)).toEqual([]);
  });

  for (const [size, blocks] of [['671-byte', 96], ['35 KB', 8_800]] as const) {
    test(`H3: a ${size} .conda declaring a 1.875 GiB zstd window is refused by its frame header`, async ({ server, api }) => {
      const bytes = bombs.condaWindowBomb('zbomb-1.0-0', blocks);
      const why = /^zbomb-1\.0-0\.conda is not a valid conda package: its zstd frame declares a 1920 MiB window; at most 128 MiB is accepted\.$/;
      const native = await watched(server, `H3 ${size} native`, () => nativePut(server, w, `/conda/${w.org}/${w.conda}/linux-64/zbomb-1.0-0.conda`, bytes));
      expectRefused(native, 400, why, 'native');
      expectBounded(native, 'native');
      const viaConsole = await watched(server, `H3 ${size} console`, () => consolePut(server, w, w.conda, 'zbomb-1.0-0.conda', bytes));
      expectRefused(viaConsole, 400, why, 'console');
      expectBounded(viaConsole, 'console');
      expect(await stored(api, w, w.conda)).toEqual([]);
    });
  }

  test('M2: the README bomb (120 × 8 MiB README.<n>) costs one README at most: stored from the console, refused by publish past its scan cap', async ({ server, api }) => {
    const tgz = bombs.npmReadmeBomb('rbomb');
    const native = await watched(server, 'M2 readme publish', () => nativePut(server, w, `/npm/${w.org}/${w.npm}/rbomb`, publishBody('rbomb', tgz), { 'content-type': 'application/json' }));
    expectRefused(native, 400, /^The tarball cannot be checked: the tarball unpacks to more than the 268435456 bytes publish reads$/, 'publish');
    expectBounded(native, 'publish');
    expect(await stored(api, w, w.npm)).toEqual([]);
    const viaConsole = await watched(server, 'M2 readme console', () => consolePut(server, w, w.npm, 'rbomb-1.0.0.tgz', tgz));
    expect(viaConsole.status, viaConsole.text).toBe(201);
    expectBounded(viaConsole, 'console');
    // README.<n> is a README npm never picks: nothing of the 960 MiB is kept (npm's placeholder text instead)
    const doc = (await (await fetch(`${server.url}/npm/${w.org}/${w.npm}/rbomb`, { headers: { authorization: `Bearer ${w.token}` } })).json()) as { versions: Record<string, { readme?: string }> };
    expect(doc.versions['1.0.0']!.readme ?? '').toBe('ERROR: No README data found!');
  });

  test('M2: the GNU long-names bomb (240 names of ~4 MiB) is refused at the first long name', async ({ server, api }) => {
    const tgz = bombs.npmLongNamesBomb('nbomb');
    const why = /member name of 4190\d{3} bytes; at most 4096 are accepted/;
    const native = await watched(server, 'M2 names publish', () => nativePut(server, w, `/npm/${w.org}/${w.npm}/nbomb`, publishBody('nbomb', tgz), { 'content-type': 'application/json' }));
    expectRefused(native, 400, new RegExp(`^The tarball cannot be checked: it has a ${why.source}$`), 'publish');
    expectBounded(native, 'publish');
    const viaConsole = await watched(server, 'M2 names console', () => consolePut(server, w, w.npm, 'nbomb-1.0.0.tgz', tgz));
    expectRefused(viaConsole, 400, new RegExp(`^This is not a package made by npm pack \\(a gzipped tar\\): it has a ${why.source}$`), 'console');
    expectBounded(viaConsole, 'console');
    expect(await stored(api, w, w.npm)).toEqual(['rbomb/-/rbomb-1.0.0.tgz']);
  });

  test('M2: an npm publish body over 64 MiB is a 413, by Content-Length and while streaming', async ({ server, api }) => {
    const body = bombs.bigPublishBody('pbomb', 70 * 1024 * 1024);
    const why = /^The request body is limited to 67108864 bytes\.$/;
    const declared = await watched(server, 'M2 publish 70 MiB', () => nativePut(server, w, `/npm/${w.org}/${w.npm}/pbomb`, body, { 'content-type': 'application/json' }));
    expectRefused(declared, 413, why, 'Content-Length');
    expectBounded(declared, 'Content-Length');
    const chunks = (function* () {
      for (let at = 0; at < body.length; at += 1024 * 1024) yield new Uint8Array(body.subarray(at, at + 1024 * 1024));
    })();
    const streamed = await watched(server, 'M2 publish 70 MiB chunked', () =>
      fetch(`${server.url}/npm/${w.org}/${w.npm}/pbomb`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
        body: new ReadableStream({ pull: (c) => { const n = chunks.next(); if (n.done) c.close(); else c.enqueue(n.value); } }),
        duplex: 'half',
      } as RequestInit).catch(() => new Response(null, { status: 599 })),
    );
    // The server stops reading at the cap and drops the connection: the client may see the 413 or a reset.
    if (streamed.status !== 599) expectRefused(streamed, 413, why, 'chunked');
    expectBounded(streamed, 'chunked');
    expect(await stored(api, w, w.npm)).toEqual(['rbomb/-/rbomb-1.0.0.tgz']);
  });

  test('I5: twine form fields over 4 MiB together, or 1 MiB each, are a 413 before the file', async ({ server, api }) => {
    const post = (form: { body: Buffer; contentType: string }) => () =>
      fetch(`${server.url}/pypi/${w.org}/${w.pypi}/`, { method: 'POST', headers: { authorization: `Bearer ${w.token}`, 'content-type': form.contentType }, body: new Uint8Array(form.body) });
    const why = /form fields are limited to 1048576 bytes each and 4194304 bytes together\.$/;
    const many = await watched(server, 'I5 twine 5 × 1 MiB', post(bombs.bigTwineForm('tbomb', 5, 1024 * 1024 - 1024)));
    expectRefused(many, 413, new RegExp(`^The form fields are too large: ${why.source}`), 'total');
    expectBounded(many, 'total');
    const one = await watched(server, 'I5 twine 2 MiB field', post(bombs.bigTwineForm('tbomb', 1, 2 * 1024 * 1024)));
    expectRefused(one, 413, new RegExp(`^The field "classifiers" is too large: ${why.source}`), 'one field');
    expect(await stored(api, w, w.pypi)).toEqual([]);
  });
});
