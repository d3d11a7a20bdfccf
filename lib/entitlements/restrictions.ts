// The restrictions of an entitlement token, as pure functions (unit-tested in
// restrictions.test.ts): which 403 reason code applies, in one fixed order,
// and which files the path patterns allow. The native path
// (lib/native/entitlement.ts) feeds them the facts of one request.
import crypto from 'node:crypto';
import ipaddr from 'ipaddr.js';
import picomatch from 'picomatch';
import type { RestrictionCode } from '@/lib/http/errors';

/**
 * The order the checks run in, first match wins. The window and the switch
 * come first (they say "this key is not usable now", whatever the request),
 * then where the request comes from, then what it asks for, then the limits,
 * which are checked last because only a request that passes everything else
 * may consume quota.
 */
export const REASON_ORDER = [
  'entitlement_disabled',
  'entitlement_not_yet_valid',
  'entitlement_expired',
  'network_not_allowed',
  'path_not_allowed',
  'download_limit_reached',
  'client_limit_reached',
  'bandwidth_limit_reached',
] as const satisfies readonly RestrictionCode[];
export type ReasonCode = (typeof REASON_ORDER)[number];

export const REASON_MESSAGES: Record<ReasonCode, string> = {
  entitlement_disabled: 'This entitlement token is disabled.',
  entitlement_not_yet_valid: 'This entitlement token is not valid yet.',
  entitlement_expired: 'This entitlement token has expired.',
  network_not_allowed: 'This entitlement token may not be used from your network.',
  path_not_allowed: 'This entitlement token does not cover this file.',
  download_limit_reached: 'This entitlement token has reached its download limit.',
  client_limit_reached: 'This entitlement token has reached its limit of distinct clients.',
  bandwidth_limit_reached: 'This entitlement token has reached its bandwidth limit.',
};

/** A file as the patterns see it: its path under the format's download root, and its package when it has one. */
export type FileFacts = { path: string; name?: string | null; version?: string | null };

export type PathFilter = {
  /** Names the pattern set, for cache keys of filtered index pages. */
  key: string;
  allows(file: FileFacts): boolean;
};

const filters = new Map<string, PathFilter>();

/**
 * The filter of a pattern set (null: no patterns, everything allowed). A
 * pattern matches the file path, the file name, `package` or
 * `package@version`, ignoring case (package names are case-insensitive in
 * PyPI and conda; npm's are lower-case). Compiled once per set.
 */
export function pathFilter(patterns: readonly string[]): PathFilter | null {
  if (patterns.length === 0) return null;
  const sorted = [...new Set(patterns)].sort();
  const id = sorted.join('\u0000');
  const known = filters.get(id);
  if (known) return known;
  const isMatch = picomatch(sorted, { nocase: true, dot: true, strictBrackets: true });
  const filter: PathFilter = {
    key: crypto.createHash('sha1').update(id).digest('base64url').slice(0, 16),
    allows(file) {
      const slash = file.path.lastIndexOf('/');
      const candidates = [file.path, slash >= 0 ? file.path.slice(slash + 1) : null, file.name ?? null, file.name && file.version ? `${file.name}@${file.version}` : null];
      return candidates.some((c) => c !== null && c !== '' && isMatch(c));
    },
  };
  if (filters.size > 1000) filters.clear();
  filters.set(id, filter);
  return filter;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const cidrCache = new Map<string, Cidr[]>();

function parsedCidrs(list: readonly string[]): Cidr[] {
  const id = list.join(',');
  let parsed = cidrCache.get(id);
  if (!parsed) {
    parsed = [];
    for (const c of list) {
      try {
        parsed.push(ipaddr.parseCIDR(c));
      } catch {
        // stored values were validated on the way in; anything else allows nothing
      }
    }
    if (cidrCache.size > 1000) cidrCache.clear();
    cidrCache.set(id, parsed);
  }
  return parsed;
}

/** Is `address` in one of the networks? An IPv4-mapped IPv6 address (::ffff:a.b.c.d) counts as IPv4. Empty list: everywhere. */
export function addressAllowed(address: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(address);
  } catch {
    return false;
  }
  return parsedCidrs(cidrs).some(([net, bits]) => net.kind() === addr.kind() && addr.match([net, bits] as never));
}

/** The facts of an entitlement that the checks before the limits read. */
export type Gate = {
  enabled: boolean;
  validFrom: Date | null;
  validUntil: Date | null;
  allowedCidrs: readonly string[];
  pathPatterns: readonly string[];
};

/**
 * The first reason, in REASON_ORDER up to the path check, that stops this
 * request; null when none does. `file` is the file asked for (null for an
 * index page: those are filtered by the patterns instead of refused).
 */
export function gateReason(e: Gate, request: { address: string; file: FileFacts | null; now: number }): ReasonCode | null {
  if (!e.enabled) return 'entitlement_disabled';
  if (e.validFrom && request.now < e.validFrom.getTime()) return 'entitlement_not_yet_valid';
  if (e.validUntil && request.now >= e.validUntil.getTime()) return 'entitlement_expired';
  if (!addressAllowed(request.address, e.allowedCidrs)) return 'network_not_allowed';
  if (request.file) {
    const filter = pathFilter(e.pathPatterns);
    if (filter && !filter.allows(request.file)) return 'path_not_allowed';
  }
  return null;
}

export type Limits = { maxDownloads: number | null; maxClients: number | null; maxBytes: number | null };
export type Counters = { downloadCount: number; bytesCount: number };

export const hasLimits = (l: Limits) => l.maxDownloads !== null || l.maxClients !== null || l.maxBytes !== null;
/** Downloads and bytes are counted (one atomic statement per download) only when one of their limits is set. */
export const countsDownloads = (l: Limits) => l.maxDownloads !== null || l.maxBytes !== null;

/** Which of the download and byte limits a download of `bytes` would pass (clients are admitted separately). */
export function counterReason(l: Limits, c: Counters, bytes: number): 'download_limit_reached' | 'bandwidth_limit_reached' | null {
  if (l.maxDownloads !== null && c.downloadCount >= l.maxDownloads) return 'download_limit_reached';
  if (l.maxBytes !== null && c.bytesCount + bytes > l.maxBytes) return 'bandwidth_limit_reached';
  return null;
}
