/**
 * The raw native route as a file server (docs/http.md "Package-tool routes"), driven by the real `curl`
 * binary against a real server: HTTP semantics (Range, ETag / If-None-Match, HEAD, raw repositories
 * only), immutability (409), and names, sizes and concurrency (percent-encoded and unicode names, empty
 * files, chunked and parallel uploads, identical bytes in two repositories).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import {
  CRED_FORMS,
  createRepo,
  curlGet,
  curlHead,
  curlPut,
  expectChallenge,
  listFiles,
  payload,
  rawPath,
  resourceToken,
  runCurl,
  sha256,
  shown,
  upload,
} from './pat-helpers';
import { expectNativeError, rawExchange, world } from './raw-helpers';

test.describe('HTTP semantics', () => {
  test('Range requests: 206 with Content-Range and the exact bytes; 416 when unsatisfiable', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('ranges', 5000);
    const size = bytes.length;
    await upload(api.url, w.org, 'files', 'r/range.bin', bytes, w.cred);
    const p = rawPath(w.org, 'files', 'r/range.bin');

    const cases: [string[], number, number][] = [
      [['--range', '10-19'], 10, 19],
      [['--range', '0-0'], 0, 0],
      [['--header', 'Range: bytes=4990-'], 4990, size - 1],
      [['--header', 'Range: bytes=-7'], size - 7, size - 1],
      [['--header', `Range: bytes=4000-${size + 1000}`], 4000, size - 1],
    ];
    for (const [args, start, end] of cases) {
      for (const form of CRED_FORMS) {
        const r = await curlGet(api.url, p, { form, token: w.token }, args);
        expect(r.status, `${args.join(' ')}: ${shown(r)}`).toBe(206);
        expect(r.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
        expect(r.headers['content-length']).toBe(String(end - start + 1));
        expect(r.body.equals(bytes.subarray(start, end + 1)), `bytes of ${args.join(' ')}`).toBe(true);
      }
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=99999999-']) {
      const r = await curlGet(api.url, p, w.cred, ['--header', `Range: ${range}`]);
      expect(r.status, `${range}: ${shown(r)}`).toBe(416);
      expect(r.headers['content-range']).toBe(`bytes */${size}`);
      expect(r.body.length).toBe(0);
    }
    // curl -C - resumes a partial download with a Range request
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-resume-'));
    try {
      const part = path.join(dir, 'range.bin');
      writeFileSync(part, bytes.subarray(0, 1234));
      const resumed = await runCurl(['-fsS', '-C', '-', '-o', part, '--user', `x:${w.token}`, api.url + p]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readFileSync(part).equals(bytes)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('ETag and If-None-Match: 304 without a body; another tag gets the file', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('cached', 1500);
    await upload(api.url, w.org, 'files', 'c.json', bytes, w.cred);
    const p = rawPath(w.org, 'files', 'c.json');
    const first = await curlGet(api.url, p, w.cred);
    const etag = first.headers['etag']!;
    expect(etag).toBe(`"${sha256(bytes)}"`);
    for (const form of CRED_FORMS) {
      const again = await curlGet(api.url, p, { form, token: w.token }, ['--header', `If-None-Match: ${etag}`]);
      expect(again.status, shown(again)).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['etag']).toBe(etag);
    }
    const head = await curlHead(api.url, p, w.cred, ['--header', `If-None-Match: ${etag}`]);
    expect(head.status, shown(head)).toBe(304);
    const list = await curlGet(api.url, p, w.cred, ['--header', `If-None-Match: "nope", ${etag}`]);
    expect(list.status).toBe(304);
    const other = await curlGet(api.url, p, w.cred, ['--header', `If-None-Match: "${'0'.repeat(64)}"`]);
    expect(other.status).toBe(200);
    expect(other.body.equals(bytes)).toBe(true);
    // conditional requests do not bypass authorization
    expectChallenge(await curlGet(api.url, p, null, ['--header', `If-None-Match: ${etag}`]), 'anonymous conditional GET');
    const uploadOnly = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'files', access: 'upload' }]);
    const refused = await curlGet(api.url, p, { form: 'bearer', token: uploadOnly.secret }, ['--header', `If-None-Match: ${etag}`]);
    expect(refused.status, shown(refused)).toBe(403);
  });

  test('HEAD answers the headers of GET without a body', async ({ api }) => {
    const w = await world(api);
    const bytes = payload('head me', 7777);
    await upload(api.url, w.org, 'files', 'h/head.txt', bytes, w.cred);
    const p = rawPath(w.org, 'files', 'h/head.txt');
    const get = await curlGet(api.url, p, w.cred);
    for (const form of CRED_FORMS) {
      const head = await curlHead(api.url, p, { form, token: w.token });
      expect(head.status, shown(head)).toBe(200);
      for (const h of ['content-length', 'content-type', 'etag', 'last-modified', 'accept-ranges']) {
        expect(head.headers[h], h).toBe(get.headers[h]);
      }
      expect(head.headers['content-length']).toBe(String(bytes.length));
    }
    // and a raw socket proves no body bytes follow the HEAD response
    const rawHead = await rawExchange(api.url, `HEAD ${p} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.token}\r\nConnection: close\r\n\r\n`);
    const [head, ...rest] = rawHead.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(rest.join('\r\n\r\n')).toBe('');
    expect((await curlHead(api.url, rawPath(w.org, 'files', 'h/none.txt'), w.cred)).status).toBe(404);
    // a "directory" is not a file
    expectNativeError(await curlGet(api.url, rawPath(w.org, 'files', 'h'), w.cred), 404);
  });

  test('the raw route serves raw repositories only', async ({ api }) => {
    const w = await world(api);
    for (const format of ['pypi', 'npm', 'conda']) {
      await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: `${format}-repo`, format, visibility: 'private' });
      const put = await curlPut(api.url, rawPath(w.org, `${format}-repo`, 'file.bin'), payload(format), w.cred);
      expect(put.status, shown(put)).toBeGreaterThanOrEqual(400);
      expect(put.status, shown(put)).toBeLessThan(500);
      const get = await curlGet(api.url, rawPath(w.org, `${format}-repo`, 'file.bin'), w.cred);
      expect(get.status, shown(get)).toBeGreaterThanOrEqual(400);
      expect(get.status, shown(get)).toBeLessThan(500);
      expect(await listFiles(api, { cookie: w.owner.cookie }, w.org, `${format}-repo`)).toEqual([]);
    }
  });

  test('artifacts are immutable: a second PUT to the same path is 409 and changes nothing', async ({ api }) => {
    const w = await world(api);
    const original = payload('original', 2222);
    await upload(api.url, w.org, 'files', 'v/1.0.txt', original, w.cred);
    for (const [form, bytes] of [
      ['bearer', payload('replacement', 3333)],
      ['basic', original], // same bytes: still a conflict
      ['path', payload('another', 10)],
    ] as const) {
      const again = await curlPut(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), bytes, { form, token: w.token });
      expectNativeError(again, 409, 'conflict');
    }
    const got = await curlGet(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), w.cred);
    expect(got.body.equals(original)).toBe(true);
    const files = await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: 'v/1.0.txt', size: original.length, sha256: sha256(original) });
    // delete first, then the path is free again
    const del = await api.delete(`/api/v1/orgs/${w.org}/repos/files/files/v/1.0.txt`, { cookie: w.owner.cookie });
    expect(del.status, del.text).toBe(204);
    expectNativeError(await curlGet(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), w.cred), 404);
    const replacement = payload('second life', 500);
    await upload(api.url, w.org, 'files', 'v/1.0.txt', replacement, w.cred);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'v/1.0.txt'), w.cred)).body.equals(replacement)).toBe(true);
  });
});

test.describe('names, sizes and concurrency', () => {
  test('percent-encoded and unicode names, empty files and chunked uploads round-trip', async ({ api }) => {
    const w = await world(api);
    const names = ['dir/app 1.0.txt', 'été/naïve.txt', 'a+b=c.txt', '100%.txt', 'semi;colon,comma.bin', "it's (1).zip", '日本語.txt'];
    for (const name of names) {
      const bytes = payload(`name ${name}`, 300);
      await upload(api.url, w.org, 'files', name, bytes, w.cred);
      const got = await curlGet(api.url, rawPath(w.org, 'files', name), w.cred);
      expect(got.status, shown(got)).toBe(200);
      expect(got.body.equals(bytes), name).toBe(true);
    }
    expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files')).map((f) => f.path).sort()).toEqual([...names].sort());

    // an empty file
    const empty = await curlPut(api.url, rawPath(w.org, 'files', 'empty.txt'), Buffer.alloc(0), w.cred);
    expect(empty.status, shown(empty)).toBe(201);
    expect(empty.json).toEqual({ path: 'empty.txt', size: 0, sha256: sha256(Buffer.alloc(0)) });
    const gotEmpty = await curlGet(api.url, rawPath(w.org, 'files', 'empty.txt'), w.cred);
    expect(gotEmpty.status).toBe(200);
    expect(gotEmpty.headers['content-length']).toBe('0');
    expect(gotEmpty.body.length).toBe(0);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'empty.txt'), w.cred, ['--range', '0-0'])).status).toBe(416);

    // chunked transfer encoding, no Content-Length (what streaming clients send)
    const chunked = payload('chunked upload', 300_000);
    const put = await curlPut(api.url, rawPath(w.org, 'files', 'chunked.bin'), chunked, w.cred, ['--header', 'Transfer-Encoding: chunked']);
    expect(put.status, shown(put)).toBe(201);
    expect(put.json).toEqual({ path: 'chunked.bin', size: chunked.length, sha256: sha256(chunked) });
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'chunked.bin'), w.cred)).body.equals(chunked)).toBe(true);
  });

  test('parallel uploads: distinct paths all succeed; the same path succeeds exactly once', async ({ api }) => {
    const w = await world(api);
    const distinct = Array.from({ length: 8 }, (_, i) => ({ name: `par/${i}.bin`, bytes: payload(`parallel ${i}`, 50_000 + i) }));
    const results = await Promise.all(distinct.map((f, i) => curlPut(api.url, rawPath(w.org, 'files', f.name), f.bytes, { form: CRED_FORMS[i % 3]!, token: w.token })));
    for (const r of results) expect(r.status, shown(r)).toBe(201);
    for (const f of distinct) {
      expect((await curlGet(api.url, rawPath(w.org, 'files', f.name), w.cred)).body.equals(f.bytes)).toBe(true);
    }

    const contenders = Array.from({ length: 6 }, (_, i) => payload(`contender ${i}`, 80_000));
    const race = await Promise.all(contenders.map((bytes) => curlPut(api.url, rawPath(w.org, 'files', 'race.bin'), bytes, w.cred)));
    const statuses = race.map((r) => r.status).sort();
    expect(statuses, race.map(shown).join('\n')).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = race.findIndex((r) => r.status === 201);
    const got = await curlGet(api.url, rawPath(w.org, 'files', 'race.bin'), w.cred);
    expect(got.body.equals(contenders[winner]!)).toBe(true);
    const listed = (await listFiles(api, { cookie: w.owner.cookie }, w.org, 'files')).filter((f) => f.path === 'race.bin');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.sha256).toBe(sha256(contenders[winner]!));

    // parallel downloads of one file all get the same bytes
    const downloads = await Promise.all(Array.from({ length: 8 }, (_, i) => curlGet(api.url, rawPath(w.org, 'files', 'par/0.bin'), { form: CRED_FORMS[i % 3]!, token: w.token })));
    for (const d of downloads) expect(d.body.equals(distinct[0]!.bytes)).toBe(true);
  });

  test('identical bytes in two repositories: deleting one copy leaves the other', async ({ api }) => {
    const w = await world(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'twin', format: 'raw', visibility: 'private' });
    const bytes = payload('shared content', 20_000);
    await upload(api.url, w.org, 'files', 'same.bin', bytes, w.cred);
    await upload(api.url, w.org, 'twin', 'same.bin', bytes, w.cred);
    await upload(api.url, w.org, 'files', 'same-again.bin', bytes, w.cred);
    expect((await api.delete(`/api/v1/orgs/${w.org}/repos/files/files/same.bin`, { cookie: w.owner.cookie })).status).toBe(204);
    expect((await curlGet(api.url, rawPath(w.org, 'files', 'same-again.bin'), w.cred)).body.equals(bytes)).toBe(true);
    expect((await api.delete(`/api/v1/orgs/${w.org}/repos/files`, { cookie: w.owner.cookie })).status).toBe(204);
    const twin = await curlGet(api.url, rawPath(w.org, 'twin', 'same.bin'), w.cred);
    expect(twin.status, shown(twin)).toBe(200);
    expect(twin.body.equals(bytes)).toBe(true);
  });
});
