// Entitlement tokens on the native routes: the resolver that CREDENTIAL_KINDS
// (principal.ts) calls for a `tge_…` secret or a custom token string, the
// restrictions authorize() applies once can() has let the request reach the
// repository, and the limits a file download then consumes.
//
// The hot path: one lookup by hash (lib/native/lookup, the prepared
// statement `entitlement`), no Prisma. An entitlement without limits writes
// nothing per request; one with download or byte limits runs exactly one
// atomic conditional UPDATE per download (plus, with a client limit, an
// insert-or-ignore of the address, and one more conditional UPDATE only the
// first time an address is seen). Index pages consume nothing.
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { hashSecret, isWellFormed } from '@/lib/credentials/secret';
import { CUSTOM_TOKEN_MAX, CUSTOM_TOKEN_MIN, CUSTOM_TOKEN_RE, RESERVED_TOKEN_PREFIXES } from '@/lib/entitlements/schema';
import {
  counterReason,
  countsDownloads,
  gateReason,
  pathFilter,
  REASON_MESSAGES,
  type PathFilter,
  type ReasonCode,
} from '@/lib/entitlements/restrictions';
import { forbidden } from '@/lib/http/errors';
import type { DownloadLookup, EntitlementRow, RepoFileRow } from './lookup';

const facts = new WeakMap<Actor, { row: EntitlementRow; counters: DownloadLookup['counters'] }>();

/** A generated secret (shape and checksum) or a custom token string (shape; reserved prefixes are other kinds'). */
export function isEntitlementSecret(secret: string): boolean {
  if (isWellFormed(secret, 'entitlement')) return true;
  if (secret.length < CUSTOM_TOKEN_MIN || secret.length > CUSTOM_TOKEN_MAX || !CUSTOM_TOKEN_RE.test(secret)) return false;
  const lower = secret.toLowerCase();
  return !RESERVED_TOKEN_PREFIXES.some((p) => lower.startsWith(p));
}

/**
 * The actor of an entitlement secret on repository `repoId`; null (a 401)
 * when no entitlement has this hash or it is revoked. A disabled or expired
 * one still resolves, so that a request it reaches the repository with gets
 * its reason code (restrict) rather than a bare 401.
 */
export async function entitlementActor(secret: string, repoId: string, meta: RequestMeta, lookup: DownloadLookup): Promise<Actor | null> {
  const row = await lookup.entitlement(hashSecret(secret), repoId);
  if (!row || row.revokedAt) return null;
  const actor: Actor = {
    // can() opens a repository to an entitlement only if it is one of its
    // repositories and `distribution` now (so a switch to private closes it at once).
    principal: { kind: 'entitlement', entitlement: { id: row.id, orgId: row.orgId, repositoryIds: row.covered ? [repoId] : [] } },
    user: null,
    credential: { type: 'entitlement', id: row.id },
    meta,
  };
  facts.set(actor, { row, counters: lookup.counters });
  return actor;
}

const refuse = (code: ReasonCode) => forbidden(REASON_MESSAGES[code], code);

/** What authorize() passes on: the request kind and, for a file, the file asked for. */
export type RestrictionRequest = { kind: 'file' | 'index' | 'upload'; path: string; repo: RepoFileRow };

/**
 * The checks before the limits, in REASON_ORDER (lib/entitlements/restrictions.ts):
 * disabled, not yet valid, expired, network, path. Throws the 403.
 */
export function restrictEntitlement(actor: Actor, request: RestrictionRequest): void {
  const f = facts.get(actor);
  if (!f) return;
  // Patterns judge files that exist: a path that names none stays a 404 (conda falls back from
  // the 404s of current_repodata.json and repodata.json.zst, not from a 403).
  const stored = request.kind === 'file' ? request.repo.file : null;
  const file = stored ? { path: request.path, name: stored.packageName, version: stored.packageVersion } : null;
  const reason = gateReason(f.row, { address: actor.meta.address, file, now: Date.now() });
  if (reason) throw refuse(reason);
}

/** The entitlement's path filter for index pages (null: no patterns, or not an entitlement). */
export function entitlementFilter(actor: Actor): PathFilter | null {
  const f = facts.get(actor);
  return f ? pathFilter(f.row.pathPatterns) : null;
}

/**
 * Consumes the limits for a download of `bytes`, or throws the 403 of the
 * first limit it would pass (downloads, clients, bytes). Nothing is written
 * for an entitlement without limits; a refused download is not counted.
 */
export async function chargeEntitlement(actor: Actor, bytes: number): Promise<void> {
  const f = facts.get(actor);
  if (!f) return;
  const { row, counters } = f;
  const counted = countsDownloads(row);
  if (row.maxClients === null && !counted) return;
  // A limit already reached by the counters this request read refuses without a write.
  const early = counted ? counterReason(row, row, bytes) : null;
  if (early === 'download_limit_reached') throw refuse(early);
  const client = row.maxClients === null ? 'known' : await counters.admitClient(row.id, actor.meta.address);
  if (client === 'refused') throw refuse('client_limit_reached');
  if (!counted) return;
  if (!early && (await counters.consume(row.id, bytes))) return;
  // A first download refused by the byte or download limit does not make its address a client.
  if (client === 'new') await counters.releaseClient(row.id, actor.meta.address);
  if (early) throw refuse(early);
  // Refused by the one atomic statement: name the limit from the counters as they are now.
  const now = await counters.read(row.id);
  throw refuse((now && counterReason(row, now, bytes)) || 'download_limit_reached');
}
