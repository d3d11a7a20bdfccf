// Entitlement tokens (distribution keys): one schema for the console forms,
// the API and the OpenAPI document. Client-safe (zod, ipaddr.js, picomatch).
// Field names follow the HTTP contract (docs/http.md, "Entitlement tokens").
import ipaddr from 'ipaddr.js';
import picomatch from 'picomatch';
import { z } from 'zod';
import { pageQuery, pageSchema } from '@/lib/http/pagination';

/** `scheduled` is an enabled entitlement whose validFrom is still ahead. */
export const ENTITLEMENT_STATUSES = ['active', 'scheduled', 'disabled', 'revoked', 'expired'] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

export const METADATA_MAX_BYTES = 16 * 1024;
export const CUSTOM_TOKEN_MIN = 24;
export const CUSTOM_TOKEN_MAX = 128;
export const CUSTOM_TOKEN_RE = /^[A-Za-z0-9._-]+$/;
/** Strings that would be read as another credential kind (PAT, generated entitlement secret, signed URL). */
export const RESERVED_TOKEN_PREFIXES = ['tgp_', 'tgp-', 'tge_', 'tge-', 'tgs_', 'tgs-'];
/** A limit at or above this fraction of its maximum earns a warning. */
export const WARN_FRACTION = 0.8;
export const EXPIRY_WARNING_DAYS = 7;
export const MAX_INT32 = 2_147_483_647;

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address; returns the canonical CIDR or null. */
export function normalizeCidr(text: string): string | null {
  const s = text.trim();
  try {
    if (s.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(s);
      return `${addr.toString()}/${bits}`;
    }
    const addr = ipaddr.parse(s);
    return `${addr.toString()}/${addr.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return null;
  }
}

/** A glob the matcher accepts: non-empty, no control characters, no negation, compiles. */
export function globProblem(text: string): string | null {
  if (!text) return 'Enter a pattern.';
  if (text.length > 200) return 'Use at most 200 characters.';
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'Control characters are not allowed.';
  if (text.startsWith('!')) return 'Patterns allow; list what to allow instead of negating.';
  try {
    picomatch.makeRe(text, { strictBrackets: true });
  } catch {
    return 'This is not a valid glob.';
  }
  return null;
}

export function metadataBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

const entitlementName = z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');
const customer = z.string().trim().max(200, 'Use at most 200 characters.');
const description = z.string().trim().max(1000, 'Use at most 1000 characters.');
const repositories = z
  .array(z.string().trim().toLowerCase().min(1, 'Enter a repository name.').max(100), { error: 'List the repositories by name.' })
  .min(1, 'Choose at least one distribution repository.')
  .max(100, 'Use at most 100 repositories.')
  .transform((names) => [...new Set(names)]);
const tag = z
  .string()
  .trim()
  .min(1, 'Enter a tag.')
  .max(50, 'Use at most 50 characters.')
  .regex(/^[^\s,][^,]*$/u, 'A tag has no commas and does not start with a space.')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'Control characters are not allowed.');
const tags = z
  .array(tag, { error: 'Tags are a list of strings.' })
  .max(20, 'Use at most 20 tags.')
  .transform((list) => [...new Set(list)]);
const metadata = z
  .record(z.string(), z.unknown(), { error: 'Metadata is a JSON object.' })
  .refine((m) => metadataBytes(m) <= METADATA_MAX_BYTES, `Metadata may take at most ${METADATA_MAX_BYTES} bytes as JSON.`);
const customToken = z
  .string({ error: 'The token string is text.' })
  .min(CUSTOM_TOKEN_MIN, `Use at least ${CUSTOM_TOKEN_MIN} characters.`)
  .max(CUSTOM_TOKEN_MAX, `Use at most ${CUSTOM_TOKEN_MAX} characters.`)
  .regex(CUSTOM_TOKEN_RE, 'Use only letters, digits, ".", "_" and "-".')
  .refine((s) => !RESERVED_TOKEN_PREFIXES.some((p) => s.toLowerCase().startsWith(p)), 'This prefix is reserved for generated secrets.');
const dateTime = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z.' });
const count = (what: string) =>
  z
    .number({ error: `The ${what} limit is a whole number.` })
    .int(`The ${what} limit is a whole number.`)
    .min(1, `The ${what} limit is at least 1 (disable the entitlement to stop it).`)
    .max(MAX_INT32, `The ${what} limit is at most ${MAX_INT32}.`);
const bytesLimit = z
  .number({ error: 'The bytes limit is a whole number of bytes.' })
  .int('The bytes limit is a whole number of bytes.')
  .min(1, 'The bytes limit is at least 1.')
  .max(Number.MAX_SAFE_INTEGER, `The bytes limit is at most ${Number.MAX_SAFE_INTEGER}.`);
const cidr = z
  .string({ error: 'A network is text such as 203.0.113.0/24 or 2001:db8::/32.' })
  .max(100, 'Use at most 100 characters.')
  .transform((s, ctx) => {
    const n = normalizeCidr(s);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 50)}" is not an IPv4 or IPv6 network (e.g. 203.0.113.0/24, 2001:db8::/32).` });
      return z.NEVER;
    }
    return n;
  });
const cidrs = z.array(cidr, { error: 'Networks are a list of CIDRs.' }).max(100, 'Use at most 100 networks.').transform((l) => [...new Set(l)]);
const glob = z
  .string({ error: 'A pattern is text such as acme-* or acme@1.*.' })
  .trim()
  .superRefine((s, ctx) => {
    const problem = globProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const globs = z.array(glob, { error: 'Patterns are a list of globs.' }).max(100, 'Use at most 100 patterns.').transform((l) => [...new Set(l)]);

function checkWindow(v: { validFrom?: string | null; validUntil?: string | null }, ctx: z.RefinementCtx) {
  if (v.validFrom && v.validUntil && new Date(v.validUntil).getTime() <= new Date(v.validFrom).getTime()) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'Valid until must come after valid from.' });
  }
}

export const createEntitlementInput = z
  .object({
    name: entitlementName,
    customer: customer.optional(),
    description: description.optional(),
    repositories,
    tags: tags.optional(),
    metadata: metadata.optional(),
    token: customToken.optional(),
    validFrom: dateTime.nullable().optional(),
    validUntil: dateTime.nullable().optional(),
    maxDownloads: count('download').nullable().optional(),
    maxClients: count('client').nullable().optional(),
    maxBytes: bytesLimit.nullable().optional(),
    allowedCidrs: cidrs.optional(),
    pathPatterns: globs.optional(),
  })
  .strict()
  .superRefine(checkWindow);
export type CreateEntitlementInput = z.input<typeof createEntitlementInput>;
export type CreateEntitlement = z.output<typeof createEntitlementInput>;

/** Any creation field but `token` (refresh gives a new secret), plus `enabled`; null clears a date or a limit. */
export const updateEntitlementInput = z
  .object({
    name: entitlementName.optional(),
    customer: customer.optional(),
    description: description.optional(),
    repositories: repositories.optional(),
    tags: tags.optional(),
    metadata: metadata.optional(),
    validFrom: dateTime.nullable().optional(),
    validUntil: dateTime.nullable().optional(),
    maxDownloads: count('download').nullable().optional(),
    maxClients: count('client').nullable().optional(),
    maxBytes: bytesLimit.nullable().optional(),
    allowedCidrs: cidrs.optional(),
    pathPatterns: globs.optional(),
    token: z.never({ error: 'The token string cannot be changed; refresh gives a new secret.' }).optional(),
    enabled: z.boolean({ error: 'enabled is true or false.' }).optional(),
  })
  .strict()
  .superRefine(checkWindow);
export type UpdateEntitlementInput = z.input<typeof updateEntitlementInput>;
export type UpdateEntitlement = z.output<typeof updateEntitlementInput>;

export const entitlementParams = z.object({ org: z.string().min(1).max(100), id: z.string().min(1).max(100) });
export const listEntitlementsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  status: z.enum(ENTITLEMENT_STATUSES, { error: `Status must be one of: ${ENTITLEMENT_STATUSES.join(', ')}.` }).optional(),
});
export type ListEntitlementsQuery = z.output<typeof listEntitlementsQuery>;
export const entitlementDownloadsQuery = pageQuery.extend({
  /** `csv` streams every row (no pagination) with a header line. */
  format: z.enum(['json', 'csv'], { error: 'format is json or csv.' }).optional(),
});
const day = z.union([z.iso.date({ error: 'Use a date such as 2027-01-31.' }), dateTime], { error: 'Use a date such as 2027-01-31.' });
export const entitlementUsageQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .superRefine((v, ctx) => {
    if (v.from && v.to && new Date(v.to).getTime() < new Date(v.from).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must not come before "from".' });
    }
  });

export const LIMIT_KINDS = ['downloads', 'clients', 'bytes'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export const usageView = z.object({
  downloads: z.number(),
  bytes: z.number(),
  clients: z.number(),
  lastDownloadAt: z.string().nullable(),
});
export const quotaView = z.object({
  limit: z.enum(LIMIT_KINDS),
  max: z.number(),
  used: z.number(),
  remaining: z.number(),
  /** used / max, 0..1 (the console's bar: amber at 0.8, red at 1). */
  fraction: z.number(),
});
export const warningView = z.object({
  code: z.enum(['expires_soon', 'limit_near', 'limit_reached']),
  /** Which limit, for limit_near / limit_reached. */
  limit: z.enum(LIMIT_KINDS).optional(),
  message: z.string(),
});

export const entitlementView = z.object({
  id: z.string(),
  name: z.string(),
  customer: z.string(),
  description: z.string(),
  status: z.enum(ENTITLEMENT_STATUSES),
  enabled: z.boolean(),
  /** Repository names (all `distribution` repositories of the org). */
  repositories: z.array(z.string()),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  /** `tge_` for a generated secret, the first four characters of a custom string; and the last four. */
  prefix: z.string(),
  lastFour: z.string(),
  customToken: z.boolean(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  maxDownloads: z.number().nullable(),
  maxClients: z.number().nullable(),
  maxBytes: z.number().nullable(),
  allowedCidrs: z.array(z.string()),
  pathPatterns: z.array(z.string()),
  usage: usageView,
  /** What is left of each limit; null when the limit is not set. */
  remaining: z.object({ downloads: z.number().nullable(), clients: z.number().nullable(), bytes: z.number().nullable() }),
  /** One entry per limit that is set, nearest first. */
  quota: z.array(quotaView),
  warnings: z.array(warningView),
  revokedAt: z.string().nullable(),
  createdBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EntitlementView = z.output<typeof entitlementView>;

export const entitlementPage = pageSchema(entitlementView);
export type EntitlementPage = z.output<typeof entitlementPage>;
export const entitlementWithSecret = z.object({ entitlement: entitlementView, secret: z.string() });
export type EntitlementWithSecret = z.output<typeof entitlementWithSecret>;
export const entitlementResult = z.object({ entitlement: entitlementView });

export const entitlementDownloadView = z.object({
  at: z.string(),
  path: z.string(),
  bytes: z.number(),
  clientAddress: z.string(),
  userAgent: z.string(),
  /** The repository's name; null once it is deleted. */
  repository: z.string().nullable(),
});
export type EntitlementDownloadView = z.output<typeof entitlementDownloadView>;
export const entitlementDownloadPage = pageSchema(entitlementDownloadView);
export type EntitlementDownloadPage = z.output<typeof entitlementDownloadPage>;
/** The CSV export's columns, in order (the header line). */
export const DOWNLOAD_CSV_COLUMNS = ['at', 'path', 'bytes', 'clientAddress', 'userAgent', 'repository'] as const;

export const usagePointView = z.object({
  /** UTC day, YYYY-MM-DD. */
  date: z.string(),
  downloads: z.number(),
  bytes: z.number(),
  /** Distinct client addresses that day. */
  clients: z.number(),
});
export type UsagePointView = z.output<typeof usagePointView>;
export const usageSeriesView = z.object({
  from: z.string(),
  to: z.string(),
  /** Every day from `from` to `to`, zeros included. */
  items: z.array(usagePointView),
  totals: z.object({ downloads: z.number(), bytes: z.number(), clients: z.number() }),
});
export type UsageSeriesView = z.output<typeof usageSeriesView>;
