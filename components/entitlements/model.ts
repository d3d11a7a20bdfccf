// Entitlement tokens as the console shows them: the API's views (types from
// lib/entitlements/schema.ts), what a status, a limit and a warning look like,
// and the checks the form runs as you type (the API's own CIDR and glob checks).
// Client-safe: no server imports.
import { globProblem as schemaGlobProblem, normalizeCidr, WARN_FRACTION } from '@/lib/entitlements/schema';
import type { Entitlement, EntitlementStatus, Quota, Warning } from './types';

export type { Entitlement, EntitlementStatus, Quota, Warning } from './types';

export const STATUS_LABEL: Record<EntitlementStatus, string> = {
  active: 'Active',
  scheduled: 'Scheduled',
  disabled: 'Disabled',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const STATUS_VARIANT = {
  active: 'success',
  scheduled: 'brand',
  disabled: 'neutral',
  expired: 'warning',
  revoked: 'danger',
} as const satisfies Record<EntitlementStatus, 'success' | 'brand' | 'neutral' | 'warning' | 'danger'>;

// ── limits ────────────────────────────────────────────────────────────────────────────────

export type LimitKind = Quota['limit'];

export const LIMIT_LABEL: Record<LimitKind, string> = { downloads: 'Downloads', clients: 'Distinct clients', bytes: 'Bytes' };

/** Amber from 80 % of a limit (the API's WARN_FRACTION), red once it is reached. */
export type LimitLevel = 'ok' | 'warning' | 'reached';
export const limitLevel = (fraction: number): LimitLevel => (fraction >= 1 ? 'reached' : fraction >= WARN_FRACTION ? 'warning' : 'ok');

/** Every limit the entitlement sets, nearest first (the API's `quota`). */
export const limitsOf = (e: Pick<Entitlement, 'quota'>): Quota[] => [...e.quota].sort((a, b) => b.fraction - a.fraction);

/** The limit closest to being reached, or null when none is set. */
export const nearestLimit = (e: Pick<Entitlement, 'quota'>): Quota | null => limitsOf(e)[0] ?? null;

// ── warnings ──────────────────────────────────────────────────────────────────────────────

/** A short badge text for a warning: "Expires soon", "80 % of downloads", "Download limit reached". */
export function warningBadge(w: Warning): string {
  const what = w.limit ? LIMIT_LABEL[w.limit].toLowerCase() : 'a limit';
  if (w.code === 'expires_soon') return 'Expires soon';
  if (w.code === 'limit_reached') return `Limit reached: ${what}`;
  return `≥ 80 % of ${what}`;
}

// ── input checks, as you type ─────────────────────────────────────────────────────────────

/** The non-empty lines of a textarea, trimmed. */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Why a network (IPv4 or IPv6 CIDR, or a single address) is not one, or null: the API's own parser. */
export const cidrProblem = (entry: string): string | null =>
  normalizeCidr(entry) ? null : `${entry} is not an IPv4 or IPv6 network (e.g. 203.0.113.0/24, 2001:db8::/32, ::1).`;

/** Why a path pattern is not a usable glob, or null: the API's own check (picomatch). */
export const globProblem = (pattern: string): string | null => {
  const p = schemaGlobProblem(pattern);
  return p ? `${pattern}: ${p}` : null;
};

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

/** Tags from "enterprise, eu west": split on commas, trimmed, without repeats. */
export const parseTags = (text: string): string[] => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
