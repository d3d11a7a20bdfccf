/**
 * How a running test server holds up while a hostile request is processed: its resident memory
 * (Linux /proc VmRSS, sampled, plus VmHWM after a reset through clear_refs) and the worst latency
 * of /api/v1/health polled meanwhile. For regression tests that no request can make the server
 * hold memory in proportion to what it claims, or stall everyone else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { serverNodePid, type RunningServer } from './server';

/** Resident memory of `pid` in MiB: now (VmRSS) and the peak since start or reset (VmHWM). */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export type Watched = { peakGrowthMiB: number; worstHealthMs: number; baselineMiB: number };

/** Starts watching `server`; stop() ends it and says how it went. */
export function watchServer(server: Pick<RunningServer, 'url' | 'pid'>): { stop(): Promise<Watched> } {
  const pid = serverNodePid(server.pid);
  const baselineMiB = memoryMiB(pid).rss;
  let hwmReset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    hwmReset = true;
  } catch {
    /* not permitted: the samples alone */
  }
  let peak = baselineMiB;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMiB(pid).rss);
    } catch {
      /* the server is gone: the test fails on its answer */
    }
  }, 25);
  let done = false;
  let worstHealthMs = 0;
  const poller = (async () => {
    while (!done) {
      const started = Date.now();
      const res = await fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(120_000) }).catch(() => null);
      await res?.text();
      worstHealthMs = Math.max(worstHealthMs, Date.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      done = true;
      await poller;
      clearInterval(sampler);
      try {
        if (hwmReset) peak = Math.max(peak, memoryMiB(pid).peak);
      } catch {
        /* gone */
      }
      return { peakGrowthMiB: Math.round(peak - baselineMiB), worstHealthMs, baselineMiB: Math.round(baselineMiB) };
    },
  };
}
