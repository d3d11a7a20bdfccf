// Number crunching for `npm run bench` (scripts/bench/main.ts): wrk's --latency output, RSS
// samples, medians, and the summary table. Targets are printed beside the figures for
// information; nothing here fails on them.

/** The results of one run, as the results.env file holds them (key=value lines). */
export type Results = Record<string, number | string>;

export type WrkFigures = {
  rps: number;
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  sockerr: number;
};

const TIME_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
function ms(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text ?? '');
  return m?.[1] && m[2] ? Number(m[1]) * (TIME_UNITS[m[2]] ?? NaN) : NaN;
}

export function parseWrk(text: string): WrkFigures {
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    rps: num(/^Requests\/sec:\s+([\d.]+)/m),
    p50: ms(/^\s+50%\s+(\S+)/m.exec(text)?.[1]),
    p75: ms(/^\s+75%\s+(\S+)/m.exec(text)?.[1]),
    p90: ms(/^\s+90%\s+(\S+)/m.exec(text)?.[1]),
    p99: ms(/^\s+99%\s+(\S+)/m.exec(text)?.[1]),
    max: ms(/^\s+Latency\s+\S+\s+\S+\s+(\S+)/m.exec(text)?.[1]),
    requests: num(/^\s+(\d+) requests in/m),
    non2xx: num(/Non-2xx or 3xx responses:\s+(\d+)/) || 0,
    sockerr: se ? se.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
  };
}

/** A figure as the results file records it: three decimals at most. */
export const rounded = (v: number): number | string => (Number.isFinite(v) ? +v.toFixed(3) : String(v));

export function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Megabytes (10^6 bytes) of a MiB figure, to one decimal: the unit every RSS line prints. */
export const mibToMb = (mib: number): number => Math.round((mib * 1024 * 1024) / 1e5) / 10;

/** The summary table, one string per line. */
export function summary(r: Results): string[] {
  const n = (k: string) => (r[k] === undefined || r[k] === '' ? NaN : Number(r[k]));
  const fmt = (v: number, digits = 0) =>
    Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
  const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : 'n/a');
  const verdict = (ok: boolean | string | null) => (typeof ok === 'string' ? ok : ok === null ? '' : ok ? 'met' : 'MISSED');
  const rows: string[][] = [];
  const row = (metric: string, tollgate: string, nginx: string, share: string, target: string, ok: boolean | string | null) =>
    rows.push([metric, tollgate, nginx, share, target, verdict(ok)]);
  const finiteOr = (v: number, ok: boolean) => (Number.isFinite(v) ? ok : null);

  const tokens = (k: string, fallback: number) => `${fmt(Number.isFinite(n(k)) ? n(k) : fallback)} tokens`;
  const small = tokens('tokens_small', 1000);
  const large = tokens('tokens_large', 1_000_000);
  const big = String(r.big_label || '1 GiB');
  const nginxRps = n('nginx_rps');
  for (const [key, label] of [['tg1k', small], ['tg1m', large]] as const) {
    const rps = n(`${key}_rps`);
    const share = rps / nginxRps;
    row(`4 KiB GET, ${label}: requests/s`, fmt(rps), fmt(nginxRps), pct(share), '>= 25 % of nginx', finiteOr(share, share >= 0.25));
    row(`4 KiB GET, ${label}: p50 latency`, `${fmt(n(`${key}_p50`), 2)} ms`, `${fmt(n('nginx_p50'), 2)} ms`, '', '', null);
    const p99 = n(`${key}_p99`);
    row(`4 KiB GET, ${label}: p99 latency`, `${fmt(p99, 2)} ms`, `${fmt(n('nginx_p99'), 2)} ms`, '', '<= 10 ms', finiteOr(p99, p99 <= 10));
    row(`4 KiB GET, ${label}: non-2xx / socket errors`, `${fmt(n(`${key}_non2xx`))} / ${fmt(n(`${key}_sockerr`))}`,
      key === 'tg1k' ? `${fmt(n('nginx_non2xx'))} / ${fmt(n('nginx_sockerr'))}` : '', '', '0 / 0',
      finiteOr(n(`${key}_non2xx`), n(`${key}_non2xx`) === 0 && n(`${key}_sockerr`) === 0));
  }
  // The same file through an entitlement with every limit set high, beside the PAT run.
  if (Number.isFinite(n('ent1k_rps'))) {
    const ent = n('ent1k_rps');
    const share = ent / n('tg1k_rps');
    row('4 KiB GET, entitlement, every limit set high: requests/s', fmt(ent), fmt(nginxRps), pct(ent / nginxRps), '>= 50 % of the PAT run', finiteOr(share, share >= 0.5));
    row('    entitlement vs PAT (same run), requests/s', pct(share), '', '', '', null);
    row('4 KiB GET, entitlement: p50 / p99', `${fmt(n('ent1k_p50'), 2)} / ${fmt(n('ent1k_p99'), 2)} ms`, '', '', '', null);
    row('4 KiB GET, entitlement: non-2xx / socket errors', `${fmt(n('ent1k_non2xx'))} / ${fmt(n('ent1k_sockerr'))}`, '', '', '0 / 0',
      n('ent1k_non2xx') === 0 && n('ent1k_sockerr') === 0);
  }
  const signed = (v: number) => `${v >= 0 ? '+' : ''}${pct(v)}`;
  // The small-table runs before and after the large one: their mean is the baseline.
  const mean = (k: string) => (Number.isFinite(n(`tg1k2_${k}`)) ? (n(`tg1k_${k}`) + n(`tg1k2_${k}`)) / 2 : n(`tg1k_${k}`));
  if (Number.isFinite(n('tg1k2_rps'))) {
    row(`4 KiB GET, ${small} again: requests/s`, fmt(n('tg1k2_rps')), '', pct(n('tg1k2_rps') / nginxRps), '', null);
    row(`4 KiB GET, ${small} again: p50 / p99`, `${fmt(n('tg1k2_p50'), 2)} / ${fmt(n('tg1k2_p99'), 2)} ms`, '', '', '', null);
    row(`4 KiB GET, ${small} again: non-2xx / socket errors`, `${fmt(n('tg1k2_non2xx'))} / ${fmt(n('tg1k2_sockerr'))}`, '', '', '0 / 0',
      n('tg1k2_non2xx') === 0 && n('tg1k2_sockerr') === 0);
    row(`    run-to-run spread, ${small} (again vs first)`, signed(n('tg1k2_rps') / n('tg1k_rps') - 1), '', '', '', null);
  }
  const drift = n('tg1m_rps') / mean('rps') - 1;
  row(`4 KiB GET: ${large} vs ${small} (mean), req/s`, signed(drift), '', '', 'within 10 %', finiteOr(drift, Math.abs(drift) <= 0.1));
  row(`4 KiB GET: ${large} vs ${small} (mean), p99`, signed(n('tg1m_p99') / mean('p99') - 1), '', '', '', null);

  // Index pages: the PyPI simple page of one project and the npm packument of one package.
  const entries = fmt(Number.isFinite(n('index_entries')) ? n('index_entries') : 1000);
  const pages = [['pypi1k', `PyPI simple page, ${entries} files`, 'pypi_bytes'], ['npm1k', `npm packument, ${entries} versions`, 'npm_bytes']] as const;
  for (const [key, label, size] of pages) {
    if (!Number.isFinite(n(`${key}_rps`))) continue;
    row(`${label}: requests/s`, fmt(n(`${key}_rps`)), '', '', '', null);
    row(`${label}: p50 / p99`, `${fmt(n(`${key}_p50`), 2)} / ${fmt(n(`${key}_p99`), 2)} ms`, '', '', '', null);
    row(`${label}: non-2xx / socket errors`, `${fmt(n(`${key}_non2xx`))} / ${fmt(n(`${key}_sockerr`))}`, '', '', '0 / 0',
      n(`${key}_non2xx`) === 0 && n(`${key}_sockerr`) === 0);
    row('    page size, throughput', `${fmt(n(size) / 1024)} KiB, ${fmt((n(size) * n(`${key}_rps`)) / 1e6)} MB/s`, '', '', '', null);
  }

  const tgMBs = n('tg_1g_mbs');
  const ngMBs = n('nginx_1g_mbs');
  row(`${big} GET: MB/s (median of runs)`, fmt(tgMBs), fmt(ngMBs), pct(tgMBs / ngMBs), '>= 50 % of nginx', finiteOr(tgMBs / ngMBs, tgMBs / ngMBs >= 0.5));
  const growth = n('rss_peak_mb') - n('rss_before_mb');
  row(`${big} GET: server RSS growth (peak - before)`, `${growth >= 0 ? '+' : ''}${fmt(growth, 1)} MB`, '', '', '< 50 MB', finiteOr(growth, growth < 50));
  row('    RSS before -> peak during downloads', `${fmt(n('rss_before_mb'), 1)} -> ${fmt(n('rss_peak_mb'), 1)} MB`, '', '', '', null);
  row('    VmHWM before -> after downloads', `${fmt(n('hwm_before_mb'), 1)} -> ${fmt(n('hwm_after_mb'), 1)} MB`, '', '', '', null);
  if (Number.isFinite(n('tg_1g_upload_mbs'))) {
    row(`${big} PUT (set-up upload): MB/s`, fmt(n('tg_1g_upload_mbs')), '', '', '', null);
    row('    RSS before -> peak during upload', `${fmt(n('rss_before_upload_mb'), 1)} -> ${fmt(n('rss_upload_peak_mb'), 1)} MB`, '', '', '', null);
  }

  const busy = ([
    ['tg1k', small], ['ent1k', 'entitlement 4 KiB'], ['nginx', 'nginx 4 KiB'], ['tg1m', large], ['tg1k2', `${small} again`], ['pypi1k', 'PyPI simple page'],
    ['npm1k', 'npm packument'], ['nginx_big', `nginx ${big}`], ['tg_big', `Tollgate ${big}`],
  ] as const).filter(([k]) => Number.isFinite(n(`${k}_other_cpu`)));
  if (busy.length) {
    const quiet = busy.every(([k]) => n(`${k}_other_cpu`) <= 10 && n(`${k}_steal`) <= 5);
    row('Other processes\' share of the CPUs (steal) during:', '', '', '', '<= 10 % (5 %)', quiet ? 'quiet' : 'BUSY');
    for (const [k, label] of busy) row(`    ${label}`, `${fmt(n(`${k}_other_cpu`), 1)} % (${fmt(n(`${k}_steal`), 1)} %)`, '', '', '', null);
  }

  const head = ['metric', 'Tollgate', 'nginx', 'share', 'target', 'status'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= 4 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ').trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
