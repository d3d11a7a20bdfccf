/**
 * The conda channel (docs/http.md "Package-tool routes") against a real server. There is no conda client
 * in Debian, so packages are built with Debian's conda-package-handling (`cph`, what conda-build
 * uses), uploaded and fetched with the real `curl`, unpacked again with `cph`, and the index
 * documents are checked field by field against the channel format conda reads: repodata.json per
 * subdir (.tar.bz2 under "packages", .conda under "packages.conda", index.json plus md5, sha256 and
 * size), an empty index for an empty subdir (conda asks for noarch every time), channeldata.json,
 * ETags, and the 404s conda falls back from. Also the upload checks (409 duplicate; 400 for a name
 * or subdir that disagrees with info/index.json and for non-archives, with nothing listed) and the
 * status rules (401 with the challenge for anonymous callers of a private channel).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect, type Api } from '../support/fixtures';
import { signup, uid, type Account } from './helpers';
import {
  createRepo,
  curlGet,
  curlHead,
  curlPut,
  errorCode,
  expectChallenge,
  listFiles,
  resourceToken,
  sha256,
  shown,
  type Cred,
  type CurlResult,
} from './pat-helpers';

const run = promisify(execFile);

/** `base`: the server's URL; `channel`: the channel's path, as conda's channel URL has it. */
type World = { base: string; owner: Account; org: string; repo: string; token: string; dir: string; channel: string };

async function world(api: Api, visibility = 'private'): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const repo = 'forge';
  await createRepo(api, { cookie: owner.cookie }, org, { name: repo, format: 'conda', visibility });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  return { base: api.url, owner, org, repo, token: secret, dir: mkdtempSync(path.join(os.tmpdir(), 'tg-conda-')), channel: `/conda/${org}/${repo}` };
}

type Index = {
  name: string;
  version: string;
  build: string;
  build_number: number;
  depends: string[];
  subdir: string;
  timestamp: number;
  license: string;
  noarch?: string;
  arch?: string | null;
  platform?: string | null;
};

type Built = { file: string; bytes: Buffer; index: Index };

/** A package directory as conda-build leaves it (info/index.json, files, about.json, a payload), packed by cph. */
async function build(w: World, index: Index, ext: '.tar.bz2' | '.conda', fileName?: string): Promise<Built> {
  const src = mkdtempSync(path.join(w.dir, 'src-'));
  const payload = index.noarch ? `site-packages/${index.name.replace(/-/g, '_')}/__init__.py` : `lib/${index.name}/data.txt`;
  mkdirSync(path.join(src, 'info'));
  mkdirSync(path.dirname(path.join(src, payload)), { recursive: true });
  writeFileSync(path.join(src, payload), `# ${index.name} ${index.version}\nVALUE = ${JSON.stringify(uid())}\n`);
  writeFileSync(path.join(src, 'info', 'index.json'), JSON.stringify(index, null, 2));
  writeFileSync(path.join(src, 'info', 'files'), `${payload}\n`);
  writeFileSync(path.join(src, 'info', 'about.json'), JSON.stringify({ summary: `${index.name} for tests`, home: `https://example.com/${index.name}`, license: index.license }));
  const file = fileName ?? `${index.name}-${index.version}-${index.build}${ext}`;
  const out = mkdtempSync(path.join(w.dir, 'out-'));
  await run('cph', ['create', src, `${index.name}-${index.version}-${index.build}${ext}`, '--out-folder', out], { timeout: 60_000 });
  return { file, bytes: readFileSync(path.join(out, `${index.name}-${index.version}-${index.build}${ext}`)), index };
}

const linuxIndex = (name: string, version: string, build = 'h1a2b3c4_0'): Index => ({
  name,
  version,
  build,
  build_number: 0,
  depends: ['libgcc-ng >=12', 'python >=3.8,<4.0a0'],
  subdir: 'linux-64',
  timestamp: 1_700_000_000_123,
  license: 'MIT',
  arch: 'x86_64',
  platform: 'linux',
});

const bearer = (token: string): Cred => ({ form: 'bearer', token });
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** The repodata record conda expects for a built package: its index.json plus md5, sha256 and size. */
const record = (p: Built) => ({ ...p.index, md5: md5(p.bytes), sha256: sha256(p.bytes), size: p.bytes.length });

/** PUT {subdir}/{file} with curl (Bearer by default; null: anonymous). */
async function put(w: World, subdir: string, p: Built, cred: Cred | null = bearer(w.token)): Promise<CurlResult> {
  return curlPut(w.base, `${w.channel}/${subdir}/${encodeURIComponent(p.file)}`, p.bytes, cred);
}

/**
 * The URLs conda derives from a channel URL: conda.common.url.split_anaconda_token takes the token
 * out (only [A-Za-z0-9-] of it), Channel.urls() puts it back right after the host.
 */
function condaUrls(channelUrl: string, subdir: string, file: string) {
  const token = /\/t\/([a-zA-Z0-9-]*)/.exec(channelUrl)?.[1];
  const u = new URL(token === undefined ? channelUrl : channelUrl.replace(`/t/${token}`, ''));
  const base = `${u.protocol}//${u.host}${token ? `/t/${token}` : ''}${u.pathname.replace(/\/$/, '')}`;
  return { repodata: `${base}/${subdir}/repodata.json`, file: `${base}/${subdir}/${file}` };
}

type Repodata = { info: { subdir: string }; packages: Record<string, unknown>; 'packages.conda': Record<string, unknown>; removed: string[]; repodata_version: number };

test.describe('conda', () => {
  test.setTimeout(120_000);

  test('cph-built .tar.bz2, .conda and noarch packages: upload, repodata.json, channeldata.json, downloads with /t/ and Basic', async ({ api }) => {
    const w = await world(api);
    try {
      const name = `tg-demo-${uid()}`;
      const tool = `tg-tool-${uid()}`;
      const bz2 = await build(w, linuxIndex(name, '1.2.0'), '.tar.bz2');
      const conda = await build(w, linuxIndex(name, '1.2.0'), '.conda');
      const noarch = await build(w, { name: tool, version: '0.3.0', build: 'pyh4616a5c_0', build_number: 0, depends: ['python >=3.8'], subdir: 'noarch', timestamp: 1_700_000_100_000, license: 'BSD-3-Clause', noarch: 'python' }, '.conda');

      for (const [subdir, p] of [['linux-64', bz2], ['linux-64', conda], ['noarch', noarch]] as const) {
        const res = await put(w, subdir, p);
        expect(res.status, shown(res)).toBe(201);
        expect(res.json).toEqual({ path: `${subdir}/${p.file}`, size: p.bytes.length, sha256: sha256(p.bytes), package: { name: p.index.name, version: p.index.version } });
      }
      const files = await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo);
      expect(files.map((f) => f.path).sort()).toEqual([`linux-64/${bz2.file}`, `linux-64/${conda.file}`, `noarch/${noarch.file}`].sort());

      // repodata.json of linux-64, as conda fetches it: through the /t/<token>/ channel URL
      const path64 = `${w.channel}/linux-64/repodata.json`;
      const linux = await curlGet(api.url, path64, { form: 'path', token: w.token });
      expect(linux.status, shown(linux)).toBe(200);
      expect(linux.headers['content-type']).toMatch(/^application\/json/);
      const doc = JSON.parse(linux.text) as Repodata;
      expect(doc.info).toEqual({ subdir: 'linux-64' });
      expect(doc.repodata_version).toBe(1);
      expect(doc.removed).toEqual([]);
      expect(doc.packages).toEqual({ [bz2.file]: record(bz2) });
      expect(doc['packages.conda']).toEqual({ [conda.file]: record(conda) });
      const rec = doc.packages[bz2.file] as Record<string, unknown>;
      expect(rec.depends).toEqual(['libgcc-ng >=12', 'python >=3.8,<4.0a0']);
      expect([rec.build, rec.build_number, rec.timestamp, rec.subdir]).toEqual(['h1a2b3c4_0', 0, 1_700_000_000_123, 'linux-64']);
      // the record does not name the file's URL: conda builds it from the channel URL, token included
      expect(linux.text).not.toContain(w.token);

      // noarch: its own subdir, with noarch: python
      const na = (await curlGet(api.url, `${w.channel}/noarch/repodata.json`, { form: 'basic', token: w.token })).json as Repodata;
      expect(na.info.subdir).toBe('noarch');
      expect(na.packages).toEqual({});
      expect(na['packages.conda']).toEqual({ [noarch.file]: record(noarch) });
      expect((na['packages.conda'][noarch.file] as { noarch: string }).noarch).toBe('python');

      // an empty platform is a valid, empty index; a bad subdir and the files conda falls back from are 404s
      const osx = await curlGet(api.url, `${w.channel}/osx-arm64/repodata.json`, bearer(w.token));
      expect(osx.status, shown(osx)).toBe(200);
      expect(osx.json).toEqual({ info: { subdir: 'osx-arm64' }, packages: {}, 'packages.conda': {}, removed: [], repodata_version: 1 });
      for (const p of ['Linux_64/repodata.json', 'linux-64/current_repodata.json', 'linux-64/repodata.json.zst', 'linux-64/repodata.json.bz2', 'linux-64/repodata_shards.msgpack.zst', `linux-64/${name}-9.9-h0_0.conda`, 'linux-64']) {
        const res = await curlGet(api.url, `${w.channel}/${p}`, bearer(w.token));
        expect(res.status, shown(res)).toBe(404);
        expect(errorCode(res)).toBe('not_found');
      }

      // HEAD and conditional GET: an ETag, and 304 while the channel is unchanged
      const head = await curlHead(api.url, path64, bearer(w.token));
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String(linux.body.length));
      const etag = linux.headers.etag!;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect(head.headers.etag).toBe(etag);
      const again = await curlGet(api.url, path64, bearer(w.token), ['--header', `If-None-Match: ${etag}`]);
      expect(again.status, shown(again)).toBe(304);

      // every file downloads byte for byte, with the token in the path and as the Basic password
      for (const [subdir, p] of [['linux-64', bz2], ['linux-64', conda], ['noarch', noarch]] as const) {
        for (const cred of [{ form: 'path', token: w.token }, { form: 'basic', token: w.token }] as Cred[]) {
          const res = await curlGet(api.url, `${w.channel}/${subdir}/${p.file}`, cred);
          expect(res.status, shown(res)).toBe(200);
          expect(sha256(res.body), `${p.file} via ${cred.form}`).toBe(sha256(p.bytes));
        }
      }
      const fileHead = await curlHead(api.url, `${w.channel}/linux-64/${conda.file}`, { form: 'path', token: w.token });
      expect([fileHead.status, fileHead.headers['content-length'], fileHead.headers.etag]).toEqual([200, String(conda.bytes.length), `"${sha256(conda.bytes)}"`]);

      // what was downloaded is a package cph unpacks, with the metadata the index shows
      const downloaded = path.join(w.dir, conda.file);
      writeFileSync(downloaded, (await curlGet(api.url, `${w.channel}/linux-64/${conda.file}`, { form: 'path', token: w.token })).body);
      const unpacked = path.join(w.dir, 'unpacked');
      await run('cph', ['extract', downloaded, '--dest', unpacked], { timeout: 60_000 });
      expect(JSON.parse(readFileSync(path.join(unpacked, 'info', 'index.json'), 'utf8'))).toEqual(conda.index);
      expect(readFileSync(path.join(unpacked, 'lib', name, 'data.txt'), 'utf8')).toContain(`# ${name} 1.2.0`);

      // conda's own reading of the channel URL: the token survives it only written with "-" for "_"
      // (tgp-…), which the channel accepts; the "_" form loses all but "tgp" to the host part
      const dashed = w.token.replace(/^tgp_/, 'tgp-');
      expect(() => condaUrls(`${api.url}/t/${w.token}${w.channel}`, 'linux-64', conda.file)).toThrow();
      const urls = condaUrls(`${api.url}/t/${dashed}${w.channel}`, 'linux-64', conda.file);
      expect(urls.repodata).toBe(`${api.url}/t/${dashed}${w.channel}/linux-64/repodata.json`);
      const viaConda = await curlGet('', urls.repodata, null);
      expect(viaConda.status, shown(viaConda)).toBe(200);
      expect(viaConda.text).toBe(linux.text);
      expect(sha256((await curlGet('', urls.file, null)).body)).toBe(sha256(conda.bytes));
      const { secret: other } = await resourceToken(api, w.owner.cookie, w.org, [{ repo: w.repo, access: 'read' }]);
      expect((await curlGet('', condaUrls(`${api.url}/t/${other.replace('_', '-')}${w.channel}`, 'noarch', noarch.file).file, null)).status).toBe(200);

      // channeldata.json at the channel root
      const channeldata = await curlGet(api.url, `${w.channel}/channeldata.json`, { form: 'path', token: w.token });
      expect(channeldata.status, shown(channeldata)).toBe(200);
      expect(channeldata.json).toEqual({
        channeldata_version: 1,
        packages: {
          [name]: { home: `https://example.com/${name}`, license: 'MIT', subdirs: ['linux-64'], summary: `${name} for tests`, timestamp: 1_700_000_000, version: '1.2.0' },
          [tool]: { home: `https://example.com/${tool}`, license: 'BSD-3-Clause', subdirs: ['noarch'], summary: `${tool} for tests`, timestamp: 1_700_000_100, version: '0.3.0' },
        },
        subdirs: ['linux-64', 'noarch'],
      });

      // a new version shows at once (the cached index is keyed by the channel's content version)
      const newer = await build(w, linuxIndex(name, '1.10.0'), '.conda');
      expect((await put(w, 'linux-64', newer)).status).toBe(201);
      const after = await curlGet(api.url, path64, bearer(w.token), ['--header', `If-None-Match: ${etag}`]);
      expect(after.status, shown(after)).toBe(200);
      expect(Object.keys((after.json as Repodata)['packages.conda']).sort()).toEqual([conda.file, newer.file].sort());
      const latest = (await curlGet(api.url, `${w.channel}/channeldata.json`, bearer(w.token))).json as { packages: Record<string, { version: string }> };
      expect(latest.packages[name]!.version).toBe('1.10.0'); // conda's order, not the text's
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('a duplicate is a 409; a misnamed file, a wrong subdir and a non-archive are 400s that list nothing', async ({ api }) => {
    const w = await world(api);
    try {
      const name = `tg-check-${uid()}`;
      const good = await build(w, linuxIndex(name, '2.0'), '.tar.bz2');
      expect((await put(w, 'linux-64', good)).status).toBe(201);
      const dup = await put(w, 'linux-64', good);
      expect(dup.status, shown(dup)).toBe(409);
      expect(errorCode(dup)).toBe('conflict');

      const refusals: [string, Built, RegExp][] = [
        // the bytes of 2.0 under the name of 2.1: index.json says otherwise
        ['linux-64', { ...good, file: `${name}-2.1-h1a2b3c4_0.tar.bz2` }, /version "2.1" but info\/index.json says "2.0"/],
        ['linux-64', { ...(await build(w, linuxIndex(name, '2.0'), '.conda')), file: `${name}x-2.0-h1a2b3c4_0.conda` }, /no info-.* member|name "/],
        // built for linux-64, uploaded to noarch
        ['noarch', { ...(await build(w, linuxIndex(name, '2.2'), '.conda')) }, /built for subdir "linux-64" .* uploaded to "noarch"/],
        // not archives at all
        ['linux-64', { file: `${name}-3.0-h0_0.tar.bz2`, bytes: Buffer.from('plain text, not bzip2\n'.repeat(50)), index: linuxIndex(name, '3.0') }, /not a valid conda package/],
        ['linux-64', { file: `${name}-3.0-h0_0.conda`, bytes: Buffer.from('plain text, not a zip\n'.repeat(50)), index: linuxIndex(name, '3.0') }, /not a valid conda package/],
        // names conda would not accept
        ['linux-64', { ...good, file: `${name}-2.0.zip` }, /only \.tar\.bz2 and \.conda/],
        ['linux-64', { ...good, file: `${name}-2.0.tar.bz2` }, /\{name\}-\{version\}-\{build\}/],
        ['Linux_64', good, /not a conda subdir/],
      ];
      for (const [subdir, p, message] of refusals) {
        const res = await put(w, subdir, p);
        expect(res.status, shown(res)).toBe(400);
        expect(errorCode(res)).toBe('invalid_request');
        expect((res.json as { error: { message: string } }).error.message, shown(res)).toMatch(message);
      }

      // only the first upload is there
      expect((await listFiles(api, { cookie: w.owner.cookie }, w.org, w.repo)).map((f) => f.path)).toEqual([`linux-64/${good.file}`]);
      for (const subdir of ['linux-64', 'noarch']) {
        const doc = (await curlGet(api.url, `${w.channel}/${subdir}/repodata.json`, bearer(w.token))).json as Repodata;
        expect(Object.keys({ ...doc.packages, ...doc['packages.conda'] }), subdir).toEqual(subdir === 'linux-64' ? [good.file] : []);
      }
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });

  test('anonymous callers of a private channel get 401 with the challenge; a read token cannot upload; a public channel is open to read', async ({ api }) => {
    const w = await world(api);
    try {
      const p = await build(w, linuxIndex(`tg-anon-${uid()}`, '1.0'), '.conda');
      expect((await put(w, 'linux-64', p)).status).toBe(201);
      for (const route of ['channeldata.json', 'linux-64/repodata.json', 'noarch/repodata.json', `linux-64/${p.file}`]) {
        expectChallenge(await curlGet(api.url, `${w.channel}/${route}`, null), route);
        expectChallenge(await curlHead(api.url, `${w.channel}/${route}`, null), `HEAD ${route}`);
      }
      expectChallenge(await curlGet(api.url, `/conda/${w.org}/no-such-repo/noarch/repodata.json`, null), 'missing repo');
      expectChallenge(await put(w, 'linux-64', { ...p, file: p.file.replace('1.0', '1.1') }, null), 'anonymous PUT');
      // a token without access sees nothing; a token with read access cannot upload
      const missing = await curlGet(api.url, `/conda/${w.org}/no-such-repo/noarch/repodata.json`, bearer(w.token));
      expect(missing.status, shown(missing)).toBe(404);
      const { secret: reader } = await resourceToken(api, w.owner.cookie, w.org, [{ repo: w.repo, access: 'read' }]);
      expect((await curlGet(api.url, `${w.channel}/linux-64/repodata.json`, { form: 'path', token: reader })).status).toBe(200);
      const denied = await put(w, 'linux-64', p, bearer(reader));
      expect(denied.status, shown(denied)).toBe(403);

      // a public channel: conda with no token at all reads it
      const open = await world(api, 'public');
      expect((await put(open, 'linux-64', p)).status).toBe(201);
      const anon = await curlGet(api.url, `${open.channel}/linux-64/repodata.json`, null);
      expect(anon.status, shown(anon)).toBe(200);
      expect(Object.keys((anon.json as Repodata)['packages.conda'])).toEqual([p.file]);
      const bytes = await curlGet(api.url, `${open.channel}/linux-64/${p.file}`, null);
      expect(sha256(bytes.body)).toBe(sha256(p.bytes));
      expectChallenge(await put(open, 'linux-64', { ...p, file: p.file.replace('1.0', '1.1') }, null), 'anonymous PUT to a public channel');
      rmSync(open.dir, { recursive: true, force: true });
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  });
});
