// Number crunching for `npm run bench` (scripts/bench.sh); no dependencies.
//
//   node scripts/bench/report.mjs wrk FILE        wrk --latency output -> one line of key=value pairs
//   node scripts/bench/report.mjs rss FILE        VmRSS/VmHWM samples ("rss hwm" in kB per line) -> key=value
//   node scripts/bench/report.mjs median A B …    median of numbers
//   node scripts/bench/report.mjs summary FILE    the results file (key=value lines) -> summary table
//
// Targets are printed beside the figures for information; nothing here fails on them.
import fs from 'node:fs';

const [command, ...args] = process.argv.slice(2);

const TIME_UNITS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
function ms(text) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text ?? '');
  return m ? Number(m[1]) * TIME_UNITS[m[2]] : NaN;
}

function parseWrk(text) {
  const num = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const out = {
    rps: num(/^Requests\/sec:\s+([\d.]+)/m),
    p50: ms(/^\s+50%\s+(\S+)/m.exec(text)?.[1]),
    p75: ms(/^\s+75%\s+(\S+)/m.exec(text)?.[1]),
    p90: ms(/^\s+90%\s+(\S+)/m.exec(text)?.[1]),
    p99: ms(/^\s+99%\s+(\S+)/m.exec(text)?.[1]),
    max: ms(/^\s+Latency\s+\S+\s+\S+\s+(\S+)/m.exec(text)?.[1]),
    requests: num(/^\s+(\d+) requests in/m),
    non2xx: num(/Non-2xx or 3xx responses:\s+(\d+)/) || 0,
    sockerr: 0,
  };
  const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  if (se) out.sockerr = se.slice(1).reduce((a, b) => a + Number(b), 0);
  return out;
}

const kv = (o) => Object.entries(o).map(([k, v]) => `${k}=${Number.isFinite(v) ? +v.toFixed(3) : v}`).join(' ');

function readResults(file) {
  const r = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) r[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return r;
}

function median(values) {
  const v = values.map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

function summary(r) {
  const n = (k) => (r[k] === undefined || r[k] === '' ? NaN : Number(r[k]));
  const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');
  const pct = (v, digits = 1) => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : 'n/a');
  const verdict = (ok) => (typeof ok === 'string' ? ok : ok === undefined || ok === null ? '' : ok ? 'met' : 'MISSED');
  const rows = [];
  const row = (metric, tollgate, nginx, share, target, ok) => rows.push([metric, tollgate, nginx, share, target, verdict(ok)]);

  const tokens = (k, fallback) => `${fmt(Number.isFinite(n(k)) ? n(k) : fallback)} tokens`;
  const small = tokens('tokens_small', 1000);
  const large = tokens('tokens_large', 1_000_000);
  const big = r.big_label || '1 GiB';
  const nginxRps = n('nginx_rps');
  for (const [key, label] of [['tg1k', small], ['tg1m', large]]) {
    const rps = n(`${key}_rps`);
    const share = rps / nginxRps;
    row(`4 KiB GET, ${label}: requests/s`, fmt(rps), fmt(nginxRps), pct(share), '>= 25 % of nginx', Number.isFinite(share) ? share >= 0.25 : null);
    row(`4 KiB GET, ${label}: p50 latency`, `${fmt(n(`${key}_p50`), 2)} ms`, `${fmt(n('nginx_p50'), 2)} ms`, '', '', null);
    const p99 = n(`${key}_p99`);
    row(`4 KiB GET, ${label}: p99 latency`, `${fmt(p99, 2)} ms`, `${fmt(n('nginx_p99'), 2)} ms`, '', '<= 10 ms', Number.isFinite(p99) ? p99 <= 10 : null);
    row(`4 KiB GET, ${label}: non-2xx / socket errors`, `${fmt(n(`${key}_non2xx`))} / ${fmt(n(`${key}_sockerr`))}`,
      key === 'tg1k' ? `${fmt(n('nginx_non2xx'))} / ${fmt(n('nginx_sockerr'))}` : '', '', '0 / 0',
      Number.isFinite(n(`${key}_non2xx`)) ? n(`${key}_non2xx`) === 0 && n(`${key}_sockerr`) === 0 : null);
  }
  const signed = (v) => `${v >= 0 ? '+' : ''}${pct(v)}`;
  // The small-table runs before and after the large one: their mean is the baseline.
  const mean = (k) => (Number.isFinite(n(`tg1k2_${k}`)) ? (n(`tg1k_${k}`) + n(`tg1k2_${k}`)) / 2 : n(`tg1k_${k}`));
  if (Number.isFinite(n('tg1k2_rps'))) {
    row(`4 KiB GET, ${small} again: requests/s`, fmt(n('tg1k2_rps')), '', pct(n('tg1k2_rps') / nginxRps), '', null);
    row(`4 KiB GET, ${small} again: p50 / p99`, `${fmt(n('tg1k2_p50'), 2)} / ${fmt(n('tg1k2_p99'), 2)} ms`, '', '', '', null);
    row(`4 KiB GET, ${small} again: non-2xx / socket errors`, `${fmt(n('tg1k2_non2xx'))} / ${fmt(n('tg1k2_sockerr'))}`, '', '', '0 / 0',
      n('tg1k2_non2xx') === 0 && n('tg1k2_sockerr') === 0);
    row(`    run-to-run spread, ${small} (again vs first)`, signed(n('tg1k2_rps') / n('tg1k_rps') - 1), '', '', '', null);
  }
  const drift = n('tg1m_rps') / mean('rps') - 1;
  row(`4 KiB GET: ${large} vs ${small} (mean), req/s`, signed(drift), '', '', 'within 10 %', Number.isFinite(drift) ? Math.abs(drift) <= 0.1 : null);
  row(`4 KiB GET: ${large} vs ${small} (mean), p99`, signed(n('tg1m_p99') / mean('p99') - 1), '', '', '', null);

  // Index pages: the PyPI simple page of one project and the npm packument of one package.
  const entries = fmt(Number.isFinite(n('index_entries')) ? n('index_entries') : 1000);
  for (const [key, label, size] of [['pypi1k', `PyPI simple page, ${entries} files`, 'pypi_bytes'], ['npm1k', `npm packument, ${entries} versions`, 'npm_bytes']]) {
    if (!Number.isFinite(n(`${key}_rps`))) continue;
    row(`${label}: requests/s`, fmt(n(`${key}_rps`)), '', '', '', null);
    row(`${label}: p50 / p99`, `${fmt(n(`${key}_p50`), 2)} / ${fmt(n(`${key}_p99`), 2)} ms`, '', '', '', null);
    row(`${label}: non-2xx / socket errors`, `${fmt(n(`${key}_non2xx`))} / ${fmt(n(`${key}_sockerr`))}`, '', '', '0 / 0', n(`${key}_non2xx`) === 0 && n(`${key}_sockerr`) === 0);
    row('    page size, throughput', `${fmt(n(size) / 1024)} KiB, ${fmt((n(size) * n(`${key}_rps`)) / 1e6)} MB/s`, '', '', '', null);
  }

  const tgMBs = n('tg_1g_mbs');
  const ngMBs = n('nginx_1g_mbs');
  row(`${big} GET: MB/s (median of runs)`, fmt(tgMBs), fmt(ngMBs), pct(tgMBs / ngMBs), '>= 50 % of nginx', Number.isFinite(tgMBs / ngMBs) ? tgMBs / ngMBs >= 0.5 : null);
  const growth = n('rss_peak_mb') - n('rss_before_mb');
  row(`${big} GET: server RSS growth (peak - before)`, `${growth >= 0 ? '+' : ''}${fmt(growth, 1)} MB`, '', '', '< 50 MB', Number.isFinite(growth) ? growth < 50 : null);
  row('    RSS before -> peak during downloads', `${fmt(n('rss_before_mb'), 1)} -> ${fmt(n('rss_peak_mb'), 1)} MB`, '', '', '', null);
  row('    VmHWM before -> after downloads', `${fmt(n('hwm_before_mb'), 1)} -> ${fmt(n('hwm_after_mb'), 1)} MB`, '', '', '', null);
  if (Number.isFinite(n('tg_1g_upload_mbs'))) {
    row(`${big} PUT (set-up upload): MB/s`, fmt(n('tg_1g_upload_mbs')), '', '', '', null);
    row('    RSS before -> peak during upload', `${fmt(n('rss_before_upload_mb'), 1)} -> ${fmt(n('rss_upload_peak_mb'), 1)} MB`, '', '', '', null);
  }

  const busy = [['tg1k', small], ['nginx', 'nginx 4 KiB'], ['tg1m', large], ['tg1k2', `${small} again`], ['pypi1k', 'PyPI simple page'], ['npm1k', 'npm packument'],
    ['nginx_big', `nginx ${big}`], ['tg_big', `Tollgate ${big}`]]
    .filter(([k]) => Number.isFinite(n(`${k}_other_cpu`)));
  if (busy.length) {
    row('Other processes\' share of the CPUs (steal) during:', '', '', '', '<= 10 % (5 %)', busy.every(([k]) => n(`${k}_other_cpu`) <= 10 && n(`${k}_steal`) <= 5) ? 'quiet' : 'BUSY');
    for (const [k, label] of busy) row(`    ${label}`, `${fmt(n(`${k}_other_cpu`), 1)} % (${fmt(n(`${k}_steal`), 1)} %)`, '', '', '', null);
  }

  const head = ['metric', 'Tollgate', 'nginx', 'share', 'target', 'status'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i >= 4 ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

switch (command) {
  case 'wrk':
    console.log(kv(parseWrk(fs.readFileSync(args[0], 'utf8'))));
    break;
  case 'rss': {
    let rss = 0;
    let hwm = 0;
    let samples = 0;
    for (const line of fs.readFileSync(args[0], 'utf8').split('\n')) {
      const [a, b] = line.trim().split(/\s+/).map(Number);
      if (!Number.isFinite(a) || !a) continue;
      samples++;
      rss = Math.max(rss, a);
      if (Number.isFinite(b)) hwm = Math.max(hwm, b);
    }
    const mb = (kb) => Math.round((kb * 1024) / 1e5) / 10;
    console.log(kv({ samples, peak_rss_mb: mb(rss), peak_hwm_mb: mb(hwm) }));
    break;
  }
  case 'median':
    console.log(+median(args).toFixed(3));
    break;
  case 'summary':
    summary(readResults(args[0]));
    break;
  default:
    console.error('usage: report.mjs wrk|rss|median|summary …');
    process.exit(2);
}
