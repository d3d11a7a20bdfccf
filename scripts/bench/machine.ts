// What the machine does meanwhile, for `npm run bench`: CPU accounting (to tell a slow server
// from a busy machine: the checkout is shared, other test runs, builds and servers may be using
// the same CPUs) and the server's resident memory sampled over a step (Linux /proc).
import { readFileSync } from 'node:fs';
import { memoryMiB } from '../../e2e/support/process-memory';

/** Every descendant pid of `pid` (from /proc/<pid>/task/<pid>/children, no procps needed). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    let kids: number[] = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      /* gone meanwhile */
    }
    out.push(...kids);
    queue.push(...kids);
  }
  return out;
}

/** The fields of /proc/<pid>/stat after the command name (index 0 is field 3, the state). */
function statFields(pid: number | 'self'): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  } catch {
    return [];
  }
}

/** A point in time, in clock ticks: the machine's busy, total and steal time, and ours. */
export type CpuMark = { busy: number; total: number; steal: number; ours: number };

/**
 * `pids`: the processes of the bench that are not its children (the server, nginx's master;
 * their descendants are added). This process and its reaped children (wrk, curl, the seeders)
 * count as ours too.
 */
export function cpuMark(pids: number[]): CpuMark {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('cpu '))!.trim().split(/\s+/).slice(1).map(Number);
  const at = (i: number) => cpu[i] ?? 0;
  const all = [...new Set(pids.flatMap((p) => [p, ...descendants(p)]))];
  const ticks = (f: number[], from: number) => (f[from] ?? 0) + (f[from + 1] ?? 0);
  const self = statFields('self');
  const ours = all.reduce((sum, p) => sum + ticks(statFields(p), 11), 0) + ticks(self, 11) + ticks(self, 13);
  return {
    busy: at(0) + at(1) + at(2),
    total: at(0) + at(1) + at(2) + at(3) + at(4) + at(5) + at(6) + at(7),
    steal: at(7),
    ours,
  };
}

/** Shares of the machine (percent, one decimal) between two marks. */
export function cpuShares(a: CpuMark, b: CpuMark): { ours: number; other: number; steal: number } {
  const total = b.total - a.total;
  if (total <= 0) return { ours: 0, other: 0, steal: 0 };
  const pct = (v: number) => Math.round((1000 * v) / total) / 10;
  return { ours: pct(b.ours - a.ours), other: pct(Math.max(0, b.busy - a.busy - (b.ours - a.ours))), steal: pct(b.steal - a.steal) };
}

/** VmRSS of `pid` every 100 ms until stop(), which returns the peak (MiB) and the sample count. */
export function sampleRss(pid: number): { stop(): { peakMiB: number; samples: number } } {
  let peakMiB = 0;
  let samples = 0;
  const sample = () => {
    try {
      peakMiB = Math.max(peakMiB, memoryMiB(pid).rss);
      samples++;
    } catch {
      /* the server is gone: the step fails on its answer */
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      return { peakMiB, samples };
    },
  };
}

export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
