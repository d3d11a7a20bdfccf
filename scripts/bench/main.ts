// THE benchmark (`npm run bench`). Prints figures; never fails on a threshold (it exits non-zero
// only when it could not measure: missing tools, server that does not start, a set-up request
// that fails). In one run:
//   1 packages   wrk and nginx (Debian's wrk and nginx-light, apt-get only when missing)
//   2 server     a throwaway Tollgate (e2e/support/server.ts startServer: `tsx server.ts`, which
//                builds itself when its build is stale) with its own DATA_DIR in a temp dir; an
//                account, a private raw repository, a resource token and a 4 KiB file, all
//                through the real API
//   3 nginx      its own config in the temp dir, loopback port, serving the same 4 KiB file
//   4 4 KiB      wrk, Bearer token: Tollgate with 1,000 tokens in the database, the same file through
//                an entitlement token with every limit set high (validity window, download, client
//                and byte limits, a network and a path pattern: the one atomic counter update per
//                download included), nginx, Tollgate
//                with 1,000,000 tokens (rows bulk-inserted by scripts/bench/seed-tokens.mjs),
//                Tollgate with 1,000 again (the filler rows deleted): the 1,000,000-token figure
//                is compared with the mean of the two 1,000-token runs around it
//   5 indexes    wrk, Bearer token: PyPI simple page of a project with 1,000 files, npm packument of
//                a package with 1,000 versions (rows seeded by scripts/bench/seed-packages.mjs)
//   6 1 GiB      curl MB/s from Tollgate and nginx; the Tollgate server process's RSS sampled
//                every 100 ms (e2e/support/process-memory.ts memoryMiB of serverNodePid)
//   7 summary    table with nginx shares and the (informational) targets, then any problem seen
//                (non-2xx responses or socket errors in wrk, incomplete downloads, a busy machine)
// Each measured run also reports how much of the machine's CPU other processes took meanwhile
// (/proc/stat minus the server, nginx, wrk and curl): on a shared machine, read figures taken
// with more than ~10 % as depressed and noisy.
// Everything it starts (server, nginx, wrk, curl) is stopped by pid and the temp dirs removed on
// exit, failure or Ctrl-C. The server builds into the checkout's usual dist dir (.next, or
// TOLLGATE_DIST_DIR when set in the environment) like `npm start` does.
//
// Environment (all optional):
//   BENCH_DATABASE_URL=postgresql://…  run the server on this PostgreSQL database instead of a
//                                      temp SQLite file (a throwaway database: the bench adds an
//                                      account and up to 1,000,000 token rows, and deletes its
//                                      org and user again at the end)
//   TOLLGATE_TEST_DB=postgresql with TEST_PG_URL   a fresh database on that cluster instead,
//                                      dropped at the end (as for the e2e tests)
//   BENCH_DURATION=15s  BENCH_WARMUP=5s  BENCH_THREADS=2  BENCH_CONNECTIONS=64   wrk parameters
//   BENCH_TOKENS_SMALL=1000  BENCH_TOKENS_LARGE=1000000   token rows for the two 4 KiB runs
//   BENCH_INDEX_ENTRIES=1000                files of the PyPI project, versions of the npm package
//   BENCH_BIG_SIZE=1G  BENCH_BIG_RUNS=3     size of the big file (head -c syntax), timed downloads
//   BENCH_TMPDIR=/tmp                       where the temp dirs (~2x BENCH_BIG_SIZE) go
//   BENCH_START_TIMEOUT=600                 seconds to wait for the server (first start builds)
//   BENCH_RESULTS_DIR=path                  keep results, wrk outputs and logs there
//   BENCH_QUICK=1                           a check that every 4 KiB case runs (3 s runs, 1 s warm-up,
//                                           no 1,000,000-token run, no index pages, no big file):
//                                           figures not to be quoted
import { randomBytes, randomFillSync } from 'node:crypto';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApi, type Api, type ApiResponse } from '../../e2e/support/api';
import { memoryMiB } from '../../e2e/support/process-memory';
import { PROJECT_ROOT, freePort, serverNodePid, startServer, type RunningServer } from '../../e2e/support/server';
import { cpuMark, cpuShares, loadAverage, sampleRss } from './machine';
import { mibToMb, median, parseWrk, rounded, summary, type Results } from './report';
import { BenchError, curlWriteOut, ensurePackages, nginxBin, run, startNginx, stopChildren, versionLine, wrk, type Nginx, type Wrk } from './tools';

const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const DURATION = env.BENCH_DURATION || (QUICK ? '3s' : '15s');
const WARMUP = env.BENCH_WARMUP || (QUICK ? '1s' : '5s');
const THREADS = Number(env.BENCH_THREADS || 2);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS || 64);
const TOKENS_SMALL = Number(env.BENCH_TOKENS_SMALL || 1000);
const TOKENS_LARGE = Number(env.BENCH_TOKENS_LARGE || 1_000_000);
const INDEX_ENTRIES = Number(env.BENCH_INDEX_ENTRIES || 1000);
const BIG_SIZE = env.BENCH_BIG_SIZE || '1G';
const BIG_RUNS = Number(env.BENCH_BIG_RUNS || 3);
const START_TIMEOUT = Number(env.BENCH_START_TIMEOUT || 600);
const BENCH_DATABASE_URL = env.BENCH_DATABASE_URL || '';
const TMP_PARENT = env.BENCH_TMPDIR || os.tmpdir();

/** head -c syntax: K, M, G, T (powers of 1024), KB, MB, GB, TB (powers of 1000), or bytes. */
function sizeOf(text: string): { bytes: number; label: string } {
  const m = /^(\d+)(K|M|G|T|KB|MB|GB|TB)?$/.exec(text);
  if (!m?.[1]) throw new BenchError(`BENCH_BIG_SIZE=${text}: expected a number with K, M, G, KB, MB or GB`);
  const unit = m[2] ?? '';
  const power = ' KMGT'.indexOf(unit[0] ?? ' ');
  const bytes = Number(m[1]) * (unit.length === 2 ? 1000 : 1024) ** Math.max(power, 0);
  const label = unit.length === 1 ? `${m[1]} ${unit}iB` : `${unit === '' ? m[1] : bytes} bytes`;
  return { bytes, label };
}

const startedAt = Date.now();
const log = (msg: string) => console.log(`[bench ${String(Math.floor((Date.now() - startedAt) / 1000)).padStart(4)}s] ${msg}`);
const section = (title: string) => console.log(`\n== ${title} ==`);
const indent = (text: string) => text.replace(/\n$/, '').replace(/^/gm, '    ');
const problems: string[] = [];
const problem = (msg: string) => {
  problems.push(msg);
  log(`PROBLEM: ${msg}`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Everything the run started, for cleanup().
let benchTmp: string | undefined;
let server: RunningServer | undefined;
let nginx: Nginx | undefined;
let tokenId: string | undefined;
const results: Results = {};

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    stopChildren();
    await nginx?.stop().catch(() => undefined);
    if (BENCH_DATABASE_URL && tokenId) {
      const r = await runNode('seed-tokens.mjs', ['cleanup', '--token-id', tokenId, '--url', BENCH_DATABASE_URL], true).catch(() => undefined);
      if (r?.code !== 0) log('could not delete the bench org/user from the PostgreSQL database');
    }
    if (env.BENCH_RESULTS_DIR && benchTmp) {
      const out = env.BENCH_RESULTS_DIR;
      mkdirSync(out, { recursive: true });
      for (const f of readdirSync(benchTmp)) if (/^(results\.env|wrk-.*\.txt|.*\.log)$/.test(f)) cpSync(path.join(benchTmp, f), path.join(out, f));
      for (const [from, to] of [['error.log', 'nginx-error.log'], ['nginx.log', 'nginx.log']] as const) {
        try {
          cpSync(path.join(benchTmp, 'nginx', from), path.join(out, to));
        } catch {
          /* nginx never started */
        }
      }
      if (server) writeFileSync(path.join(out, 'server.log'), server.logs());
    }
    await server?.stop().catch(() => undefined);
    if (benchTmp) rmSync(benchTmp, { recursive: true, force: true });
  })());
}

function record(values: Results): void {
  Object.assign(results, values);
  if (benchTmp) writeFileSync(path.join(benchTmp, 'results.env'), Object.entries(results).map(([k, v]) => `${k}=${v}\n`).join(''));
}

/** `node scripts/bench/<script> …args` (the seeders); fails the run on a non-zero exit, except during cleanup. */
async function runNode(script: string, args: string[], duringCleanup = false) {
  const r = await run(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'bench', script), ...args], { duringCleanup });
  if (r.code !== 0 && !duringCleanup) throw new BenchError(`${script} ${args[0]}: exit ${r.code}: ${r.stderr.trim()}`);
  return r;
}

async function main() {
  const big = sizeOf(BIG_SIZE);
  // ---------------------------------------------------------------------------------------
  section('1 packages');
  ensurePackages(log);
  const nginxPath = nginxBin()!;
  const wrkVersion = versionLine('wrk', '-v').split(' ').slice(0, 2).join(' ');
  log(`${wrkVersion}, ${versionLine(nginxPath, '-v')}, node ${process.version}, ${os.availableParallelism()} CPUs, load average ${loadAverage()}`);

  benchTmp = mkdtempSync(path.join(TMP_PARENT, 'tollgate-bench.'));
  const tmp = benchTmp;
  record({ tokens_small: TOKENS_SMALL, tokens_large: TOKENS_LARGE, big_label: big.label, index_entries: INDEX_ENTRIES });

  // ---------------------------------------------------------------------------------------
  section('2 server');
  const pgKind = BENCH_DATABASE_URL ? 'postgresql (BENCH_DATABASE_URL)' : env.TOLLGATE_TEST_DB === 'postgresql' ? 'postgresql (a fresh database on TEST_PG_URL)' : '';
  log(`starting the server, database ${pgKind || 'sqlite (in its DATA_DIR)'}`);
  // startServer makes its DATA_DIR under os.tmpdir(): under BENCH_TMPDIR, beside the big file.
  process.env.TMPDIR = TMP_PARENT;
  const note = setInterval(() => log('still starting (the first start builds the app)…'), 20_000);
  try {
    server = await startServer({
      readyTimeoutMs: START_TIMEOUT * 1000,
      env: BENCH_DATABASE_URL ? { DATABASE_URL: BENCH_DATABASE_URL } : {},
    });
  } catch (err) {
    throw new BenchError(indent(err instanceof Error ? err.message : String(err)));
  } finally {
    clearInterval(note);
  }
  const srv = server;
  const databaseUrl = BENCH_DATABASE_URL || srv.databaseUrl;
  const dbArgs = databaseUrl ? ['--url', databaseUrl] : ['--sqlite', path.join(srv.dataDir, 'tollgate.db')];
  const dbLabel = pgKind || `sqlite (${path.join(srv.dataDir, 'tollgate.db')})`;
  if (srv.logs().includes('running `next build`')) log('(the server built the app first: its build was stale)');
  log(`healthy: ${/^.*listening on.*$/m.exec(srv.logs())?.[0] ?? 'listening'}`);
  const nodePid = serverNodePid(srv.pid);
  const cmdline = readFileSync(`/proc/${nodePid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 120);
  log(`server: tsx pid ${srv.pid}, node server pid ${nodePid} (${cmdline})`);
  const serverAlive = () => {
    try {
      process.kill(nodePid, 0);
    } catch {
      throw new BenchError('the server died during the run');
    }
  };

  const api: Api = createApi(srv.url);
  const expect = async <T>(res: Promise<ApiResponse<T>>, status: number, what: string) => {
    const r = await res;
    if (r.status !== status) throw new BenchError(`${what} -> HTTP ${r.status} (expected ${status}): ${r.text.slice(0, 600)}`);
    return r;
  };
  const suffix = randomBytes(4).toString('hex');
  const org = `bench-${suffix}`;
  const signup = await expect(api.post('/api/v1/signup', {
    email: `bench-${suffix}@example.com`, name: 'Bench', password: `bench-password-${suffix}`, orgName: `Bench ${suffix}`, orgSlug: org,
  }), 201, 'POST /api/v1/signup');
  const cookie = signup.cookie;
  await expect(api.post(`/api/v1/orgs/${org}/repos`, { name: 'files', format: 'raw', visibility: 'private' }, { cookie }), 201, `POST /api/v1/orgs/${org}/repos`);
  const created = await expect(api.post<{ secret?: string; token?: { id?: string } }>('/api/v1/tokens',
    { org, name: 'bench', type: 'resource', resources: [{ repo: '*', access: 'write' }] }, { cookie }), 201, 'POST /api/v1/tokens');
  const secret = created.json?.secret;
  tokenId = created.json?.token?.id;
  if (!secret || !tokenId) throw new BenchError(`no secret/id in the token response: ${created.text}`);
  log(`org ${org}, repository files (raw, private), token ${secret.slice(0, 8)}… (id ${tokenId})`);
  const bearer = { authorization: `Bearer ${secret}` };
  const w: Wrk = { threads: THREADS, connections: CONNECTIONS, header: `Authorization: Bearer ${secret}` };

  const www = path.join(tmp, 'www');
  mkdirSync(www);
  const small = randomBytes(4096);
  writeFileSync(path.join(www, '4k.bin'), small);
  const tg4k = `${srv.url}/raw/${org}/files/4k.bin`;
  const put = await fetch(tg4k, { method: 'PUT', body: small, headers: { ...bearer, 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new BenchError(`upload of 4k.bin -> HTTP ${put.status}: ${(await put.text()).slice(0, 600)}`);
  const back = await fetch(tg4k, { headers: bearer });
  if (!Buffer.from(await back.arrayBuffer()).equals(small)) throw new BenchError(`GET ${tg4k} does not return the uploaded bytes`);
  const shown = ['cache-control', 'content-type', 'content-length'].filter((h) => back.headers.has(h)).map((h) => `${h}: ${back.headers.get(h)}`);
  log(`4 KiB file uploaded and read back: HTTP/1.1 ${back.status} ${back.statusText} ${shown.join(' ')}`);
  const anonymous = (await fetch(tg4k)).status;
  if (anonymous !== 401 && anonymous !== 404) problem(`GET without a token answered ${anonymous} (expected 401/404): the run may not measure the token check`);

  // ---------------------------------------------------------------------------------------
  section('3 nginx');
  nginx = await startNginx(nginxPath, path.join(tmp, 'nginx'), www, await freePort());
  const ngx = nginx;
  const ng4k = `http://127.0.0.1:${ngx.port}/4k.bin`;
  let served: Buffer | undefined;
  for (let i = 0; i < 50 && !served; i++) {
    served = await fetch(ng4k, { headers: bearer }).then(async (r) => (r.ok ? Buffer.from(await r.arrayBuffer()) : undefined), () => undefined);
    if (!served) await sleep(100);
  }
  if (!served) {
    const logs = ['error.log', 'nginx.log'].map((f) => { try { return readFileSync(path.join(ngx.dir, f), 'utf8'); } catch { return ''; } }).join('');
    throw new BenchError(`nginx does not serve ${ng4k}\n${indent(logs)}`);
  }
  if (!served.equals(small)) throw new BenchError('nginx does not return the 4 KiB file');
  log(`nginx pid ${ngx.pid} on port ${ngx.port} (${ngx.configLines} config lines in ${ngx.dir}/nginx.conf)`);

  // ---------------------------------------------------------------------------------------
  const ourPids = () => [nodePid, ngx.pid];
  const cpuNote = (name: string, a: ReturnType<typeof cpuMark>, b: ReturnType<typeof cpuMark>) => {
    const s = cpuShares(a, b);
    log(`${name}: CPU during the run: bench processes ${s.ours.toFixed(1)} %, other processes ${s.other.toFixed(1)} %, steal ${s.steal.toFixed(1)} % of the machine`);
    record({ [`${name}_other_cpu`]: s.other.toFixed(1), [`${name}_steal`]: s.steal.toFixed(1) });
    if (s.other > 10 || s.steal > 5) {
      problem(`${name}: other processes used ${s.other.toFixed(1)} % of the machine's CPU (steal ${s.steal.toFixed(1)} %) during the run: its figures are depressed and noisy`);
    }
  };

  const seedTokens = async (total: number) => {
    const r = await runNode('seed-tokens.mjs', ['fill', '--token-id', tokenId!, '--total', String(total), ...dbArgs]);
    const j = JSON.parse(r.stdout) as { after: number; inserted: number; deleted: number; seconds: number };
    log(`tokens in the database: ${j.after} (inserted ${j.inserted}, deleted ${j.deleted} in ${j.seconds}s)`);
  };

  /** Warm-up, measured run (output shown), figures into the results. */
  const runWrk = async (name: string, url: string, as: Wrk = w) => {
    log(`${name}: warm-up ${WARMUP}, then wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency ${url}`);
    const warm = parseWrk(await wrk(as, WARMUP, url, path.join(tmp, `wrk-${name}-warmup.txt`), false));
    log(`load average before the run: ${loadAverage()}`);
    const mark = cpuMark(ourPids());
    const out = await wrk(as, DURATION, url, path.join(tmp, `wrk-${name}.txt`), true);
    cpuNote(name, mark, cpuMark(ourPids()));
    console.log(indent(out));
    const f = parseWrk(out);
    record(Object.fromEntries(Object.entries(f).map(([k, v]) => [`${name}_${k}`, rounded(v)])));
    if (f.non2xx) problem(`${name}: wrk reports ${f.non2xx} non-2xx/3xx responses (figures include failed requests)`);
    if (f.sockerr) problem(`${name}: wrk reports ${f.sockerr} socket errors (connect/read/write/timeout)`);
    if (warm.non2xx) problem(`${name} warm-up: ${warm.non2xx} non-2xx/3xx responses`);
  };

  // The same 4 KiB file in a distribution repository, through an entitlement token with every
  // restriction set and every limit far from reached.
  await expect(api.post(`/api/v1/orgs/${org}/repos`, { name: 'dist', format: 'raw', visibility: 'distribution' }, { cookie }), 201, `POST /api/v1/orgs/${org}/repos (distribution)`);
  const ent4k = `${srv.url}/raw/${org}/dist/4k.bin`;
  const putDist = await fetch(ent4k, { method: 'PUT', body: small, headers: { ...bearer, 'content-type': 'application/octet-stream' } });
  if (putDist.status !== 201) throw new BenchError(`upload of dist/4k.bin -> HTTP ${putDist.status}: ${(await putDist.text()).slice(0, 600)}`);
  const entitlement = await expect(api.post<{ secret?: string }>(`/api/v1/orgs/${org}/entitlements`, {
    name: 'bench', customer: 'Bench customer', repositories: ['dist'],
    validFrom: new Date(Date.now() - 86_400_000).toISOString(), validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    maxDownloads: 2_000_000_000, maxClients: 1_000_000, maxBytes: 1e15,
    allowedCidrs: ['127.0.0.0/8', '::1/128'], pathPatterns: ['*.bin'],
  }, { cookie }), 201, `POST /api/v1/orgs/${org}/entitlements`);
  const entSecret = entitlement.json?.secret;
  if (!entSecret) throw new BenchError(`no secret in the entitlement response: ${entitlement.text}`);
  const entBack = await fetch(ent4k, { headers: { authorization: `Bearer ${entSecret}` } });
  if (!Buffer.from(await entBack.arrayBuffer()).equals(small)) throw new BenchError(`GET ${ent4k} with the entitlement does not return the file (HTTP ${entBack.status})`);
  log(`entitlement ${entSecret.slice(0, 8)}… over ${org}/dist (distribution), every limit set high`);
  const wEnt: Wrk = { ...w, header: `Authorization: Bearer ${entSecret}` };

  section(`4 4 KiB download, ${CONNECTIONS} connections`);
  await seedTokens(TOKENS_SMALL);
  await runWrk('tg1k', tg4k);
  serverAlive();
  await runWrk('ent1k', ent4k, wEnt);
  serverAlive();
  await runWrk('nginx', ng4k);
  if (QUICK) {
    section('7 summary (BENCH_QUICK: 4 KiB cases only, short runs; not figures to quote)');
    for (const line of summary(results)) console.log(line);
    if (problems.length) for (const p of problems) console.log(`  - ${p}`);
    log('done');
    return;
  }
  await seedTokens(TOKENS_LARGE);
  await runWrk('tg1m', tg4k);
  serverAlive();
  // Back to the small table and once more: the two small-table runs bracket the large one, so a
  // drift of the machine (other load, thermal) shows, and the comparison uses their mean.
  await seedTokens(TOKENS_SMALL);
  await runWrk('tg1k2', tg4k);
  const bogus = (await fetch(tg4k, { headers: { authorization: 'Bearer tgp_not_a_real_token' } })).status;
  if (bogus !== 401) problem(`a bogus token answered ${bogus} (expected 401)`);

  // ---------------------------------------------------------------------------------------
  section(`5 index pages, ${INDEX_ENTRIES} entries, ${CONNECTIONS} connections`);
  for (const [name, format] of [['py', 'pypi'], ['js', 'npm']]) {
    await expect(api.post(`/api/v1/orgs/${org}/repos`, { name, format, visibility: 'private' }, { cookie }), 201, `POST /api/v1/orgs/${org}/repos (${format})`);
  }
  const seeded = (await runNode('seed-packages.mjs', ['--base', srv.url, '--token', secret, '--org', org, '--count', String(INDEX_ENTRIES), ...dbArgs]).catch((err: unknown) => {
    throw new BenchError(`could not seed the index pages: ${err instanceof Error ? err.message : String(err)}`);
  })).stdout.trim().split('\n');
  record(Object.fromEntries(seeded.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
  log(`seeded, pages checked: ${seeded.join(' ')}`);
  await runWrk('pypi1k', `${srv.url}/pypi/${org}/py/simple/bench-pkg/`);
  await runWrk('npm1k', `${srv.url}/npm/${org}/js/bench-pkg`);
  serverAlive();

  // ---------------------------------------------------------------------------------------
  section(`6 ${big.label} download`);
  const bigFile = path.join(www, 'big.bin');
  log(`writing ${big.label} of random bytes`);
  await writeRandom(bigFile, big.bytes);
  const bigBytes = statSync(bigFile).size;
  const tgBig = `${srv.url}/raw/${org}/files/big.bin`;
  const ngBig = `http://127.0.0.1:${ngx.port}/big.bin`;
  const auth = ['-H', `Authorization: Bearer ${secret}`];
  const mb = (mib: number) => mibToMb(mib).toFixed(1);

  const rssBeforeUpload = memoryMiB(nodePid).rss;
  record({ rss_before_upload_mb: mb(rssBeforeUpload) });
  let sampler = sampleRss(nodePid);
  const answer = path.join(tmp, 'api.out');
  const [code, speed, took] = await curlWriteOut(['-o', answer, '-T', bigFile, '-H', 'Expect:', ...auth, tgBig], '%{http_code} %{speed_upload} %{time_total}');
  const upload = sampler.stop();
  if (code !== '201') throw new BenchError(`upload of ${big.label} -> HTTP ${code}: ${readFileSync(answer, 'utf8').slice(0, 600)}`);
  record({ tg_1g_upload_mbs: (Number(speed) / 1e6).toFixed(1), rss_upload_peak_mb: mibToMb(upload.peakMiB) });
  log(`uploaded to Tollgate in ${took}s; server RSS ${mb(rssBeforeUpload)} MB before, peak ${mibToMb(upload.peakMiB)} MB during the upload`);

  /** One download: its MB/s, with a problem noted when it is not a complete 200. */
  const download = async (what: string, url: string) => {
    const [status, size, bps] = await curlWriteOut(['-o', '/dev/null', ...auth, url], '%{http_code} %{size_download} %{speed_download}');
    if (status !== '200' || Number(size) !== bigBytes) problem(`${what}: HTTP ${status}, ${size} bytes (expected 200, ${bigBytes} bytes)`);
    return Number((Number(bps) / 1e6).toFixed(1));
  };
  const timedRuns = async (who: string, url: string) => {
    await download(`${who} big warm-up`, url);
    const speeds: number[] = [];
    for (let i = 1; i <= BIG_RUNS; i++) speeds.push(await download(`${who} big run ${i}`, url));
    return speeds;
  };

  log(`nginx: one unmeasured download (page cache), then ${BIG_RUNS} timed`);
  let mark = cpuMark(ourPids());
  const ngSpeeds = await timedRuns('nginx', ngBig);
  cpuNote('nginx_big', mark, cpuMark(ourPids()));
  log(`nginx MB/s: ${ngSpeeds.join(' ')}`);

  await sleep(2000); // let the server settle (GC, last-use write) before taking its "before" RSS
  const before = memoryMiB(nodePid);
  log(`Tollgate: server RSS before ${mb(before.rss)} MB (VmHWM ${mb(before.peak)} MB); one unmeasured download, then ${BIG_RUNS} timed, RSS sampled every 100 ms throughout`);
  sampler = sampleRss(nodePid);
  mark = cpuMark(ourPids());
  const tgSpeeds = await timedRuns('Tollgate', tgBig);
  await sleep(300);
  const downloads = sampler.stop();
  cpuNote('tg_big', mark, cpuMark(ourPids()));
  const after = memoryMiB(nodePid);
  log(`Tollgate MB/s: ${tgSpeeds.join(' ')}`);
  log(`server RSS: before ${mb(before.rss)} MB, peak ${mibToMb(downloads.peakMiB)} MB (${downloads.samples} samples), after ${mb(after.rss)} MB; VmHWM ${mb(before.peak)} -> ${mb(after.peak)} MB`);
  record({
    nginx_1g_mbs: rounded(median(ngSpeeds)),
    tg_1g_mbs: rounded(median(tgSpeeds)),
    rss_before_mb: mb(before.rss),
    rss_peak_mb: mibToMb(downloads.peakMiB),
    hwm_before_mb: mb(before.peak),
    hwm_after_mb: mb(after.peak),
  });
  rmSync(bigFile);

  // ---------------------------------------------------------------------------------------
  section('7 summary');
  console.log(`database: ${dbLabel}; 4 KiB and index pages: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} (after ${WARMUP} warm-up), Bearer token;`);
  console.log(`big file: ${big.label}, median of ${BIG_RUNS} curl runs; ${os.availableParallelism()} CPUs shared by wrk/curl and the server; load average now ${loadAverage()}`);
  console.log('targets are informational: nothing here fails on them');
  console.log();
  for (const line of summary(results)) console.log(line);
  console.log();
  if (problems.length) {
    console.log('Problems seen during the run (figures above may not be trustworthy):');
    for (const p of problems) console.log(`  - ${p}`);
  } else {
    console.log('No problems seen: every measured response was 2xx, no socket errors, downloads complete.');
  }
  log('done');
}

/** `bytes` random bytes into `file`, 1 MiB at a time. */
async function writeRandom(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  for (let left = bytes; left > 0; left -= 1024 * 1024) {
    if (!out.write(randomFillSync(Buffer.allocUnsafe(Math.min(left, 1024 * 1024))))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

const stopOn = (signal: NodeJS.Signals, code: number, word: string) =>
  process.on(signal, () => {
    log(word);
    void cleanup().finally(() => process.exit(code));
  });
stopOn('SIGINT', 130, 'interrupted');
stopOn('SIGTERM', 143, 'terminated');

main().then(
  () => cleanup(),
  async (err: unknown) => {
    if (cleaning) return; // stopped by a signal: its handler ends the run
    log(`error: ${err instanceof BenchError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanup();
    process.exit(1);
  },
);
