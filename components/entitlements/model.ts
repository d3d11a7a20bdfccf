// Entitlement tokens as the console shows them: the API's views (types from
// lib/entitlements/schema.ts), what a status, a limit and a warning look like,
// and the checks the form runs as you type (CIDRs with ipaddr.js, globs).
// Client-safe: no server imports.
import ipaddr from 'ipaddr.js';
import type { Entitlement, EntitlementStatus } from './types';

export type { Entitlement, EntitlementStatus } from './types';

export const STATUS_LABEL: Record<EntitlementStatus, string> = {
  active: 'Active',
  disabled: 'Disabled',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const STATUS_VARIANT = {
  active: 'success',
  disabled: 'neutral',
  expired: 'warning',
  revoked: 'danger',
} as const satisfies Record<EntitlementStatus, 'success' | 'neutral' | 'warning' | 'danger'>;

// ── limits ────────────────────────────────────────────────────────────────────────────────

export type LimitKind = 'downloads' | 'clients' | 'bytes';

export type Limit = { kind: LimitKind; label: string; used: number; max: number; ratio: number };

export const LIMIT_LABEL: Record<LimitKind, string> = { downloads: 'Downloads', clients: 'Distinct clients', bytes: 'Bytes' };

/** Amber from 80 % of a limit, red once it is reached. */
export const WARN_RATIO = 0.8;
export type LimitLevel = 'ok' | 'warning' | 'reached';
export const limitLevel = (ratio: number): LimitLevel => (ratio >= 1 ? 'reached' : ratio >= WARN_RATIO ? 'warning' : 'ok');

/** Every limit the entitlement sets, with its use so far. */
export function limitsOf(e: Pick<Entitlement, 'maxDownloads' | 'maxClients' | 'maxBytes' | 'usage'>): Limit[] {
  const out: Limit[] = [];
  const add = (kind: LimitKind, max: number | null | undefined, used: number) => {
    if (max === null || max === undefined) return;
    out.push({ kind, label: LIMIT_LABEL[kind], used, max, ratio: max > 0 ? used / max : 1 });
  };
  add('downloads', e.maxDownloads, e.usage.downloads);
  add('clients', e.maxClients, e.usage.clients);
  add('bytes', e.maxBytes, e.usage.bytes);
  return out;
}

/** The limit closest to being reached, or null when none is set. */
export function nearestLimit(e: Parameters<typeof limitsOf>[0]): Limit | null {
  return limitsOf(e).reduce<Limit | null>((best, l) => (best === null || l.ratio > best.ratio ? l : best), null);
}

// ── warnings ──────────────────────────────────────────────────────────────────────────────

export type Warning = { code: string; message: string };

/** The API's `warnings` as {code, message}, whether it sends codes or objects. */
export function warningsOf(e: { warnings?: readonly unknown[] }): Warning[] {
  return (e.warnings ?? []).flatMap((w): Warning[] => {
    if (typeof w === 'string') return [{ code: w, message: w }];
    if (w && typeof w === 'object' && 'code' in w) {
      const o = w as { code: unknown; message?: unknown };
      return [{ code: String(o.code), message: typeof o.message === 'string' ? o.message : String(o.code) }];
    }
    return [];
  });
}

/** A short badge text for a warning: "Expires soon", "80 % of downloads". */
export function warningBadge(w: Warning): string {
  const code = w.code.toLowerCase();
  if (code.includes('expir')) return 'Expires soon';
  if (code.includes('download')) return '≥ 80 % of downloads';
  if (code.includes('client')) return '≥ 80 % of clients';
  if (code.includes('byte')) return '≥ 80 % of bytes';
  return w.message;
}

// ── input checks, as you type ─────────────────────────────────────────────────────────────

/** The non-empty lines of a textarea, trimmed. */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Why a CIDR range (IPv4 or IPv6, `a.b.c.d/n` or a single address) is not one, or null. */
export function cidrProblem(entry: string): string | null {
  try {
    if (entry.includes('/')) {
      ipaddr.parseCIDR(entry);
      return null;
    }
  } catch {
    return `${entry} is not a CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32).`;
  }
  return ipaddr.isValid(entry) ? null : `${entry} is not an IPv4 or IPv6 address or range.`;
}

const GLOB_CHARS = /^[^\s\u0000-\u001f\u007f]+$/;

/** Why a path pattern is not a usable glob, or null: printable, no leading "/", balanced [] and {}. */
export function globProblem(pattern: string): string | null {
  if (pattern.length > 200) return 'A pattern has at most 200 characters.';
  if (!GLOB_CHARS.test(pattern)) return `${pattern}: no spaces or control characters.`;
  if (pattern.startsWith('/')) return `${pattern}: patterns are relative to the repository (no leading "/").`;
  let square = 0;
  let curly = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') square++;
    else if (c === ']') square = Math.max(0, square - 1);
    else if (c === '{') curly++;
    else if (c === '}') {
      if (curly === 0) return `${pattern}: a "}" without its "{".`;
      curly--;
    }
  }
  if (square > 0) return `${pattern}: a "[" without its "]".`;
  if (curly > 0) return `${pattern}: a "{" without its "}".`;
  return null;
}

/** The first problem of a list of lines, as "Line n: …", or null. */
export function firstLineProblem(text: string, problem: (entry: string) => string | null): string | null {
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const entry = all[i]!.trim();
    if (!entry) continue;
    const p = problem(entry);
    if (p) return `Line ${i + 1}: ${p}`;
  }
  return null;
}

export const CUSTOM_TOKEN = /^[A-Za-z0-9._-]{24,}$/;

/** Tags from "a, b c": split on commas and whitespace, without repeats. */
export const parseTags = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];
