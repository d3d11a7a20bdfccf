'use client';

// Times and dates as every console page shows them, in the viewer's locale
// and time zone. Locale-dependent text must not be part of the server's HTML:
// lists render it once their data has arrived in the browser, and pages that
// render on the server read the clock through useNow(), which is null during
// server rendering and hydration, so the server's HTML and the first client
// render always agree.
import { useSyncExternalStore } from 'react';

const TICK_MS = 30_000;
let current = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    // The first subscriber renews a value left over from an earlier page;
    // React sees the changed snapshot and renders again.
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot() {
  // Stable between calls (React compares them); only subscribe() and the timer move it.
  if (!current) current = Date.now();
  return current;
}

const getServerSnapshot = () => null;

/** The current time in ms, updated every 30 s; null while rendering on the server or hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

let formats: { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; relative: Intl.RelativeTimeFormat } | null = null;
const fmt = () =>
  (formats ??= {
    date: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }),
    dateTime: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    relative: new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }),
  });

export const formatDate = (at: string | number) => fmt().date.format(new Date(at));
export const formatDateTime = (at: string | number) => fmt().dateTime.format(new Date(at));

/** "in 3 days", "5 minutes ago", "yesterday"; from `now` (default: the clock, for client-only renders). */
export function formatRelative(at: string | number, now: number = Date.now()): string {
  const seconds = Math.round((new Date(at).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const r = fmt().relative;
  if (abs >= 86_400 * 365) return r.format(Math.round(seconds / (86_400 * 365)), 'year');
  if (abs >= 86_400 * 45) return r.format(Math.round(seconds / (86_400 * 30)), 'month');
  if (abs >= 86_400) return r.format(Math.round(seconds / 86_400), 'day');
  if (abs >= 3_600) return r.format(Math.round(seconds / 3_600), 'hour');
  if (abs >= 60) return r.format(Math.round(seconds / 60), 'minute');
  return abs < 10 ? 'just now' : r.format(seconds, 'second');
}
