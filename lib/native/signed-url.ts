// The signed-URL credential on the native routes (docs/http.md "Signed URLs"):
// `?expires=…&signature=<version>.<user>.<mac>` verified against the request
// itself (method, the canonical path, the expiry) with the organization's
// current signing key, read from the database row on every request (one
// prepared statement, lib/native/lookup), so a rotation refuses every older
// URL at once on every instance. The MAC is compared in constant time. The
// actor is the minting user behind a `signed_url` principal, which opens
// artifact:download on this one repository only (can.ts); the path is bound
// by the MAC.
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { unauthenticated } from '@/lib/http/errors';
import { macMatches, parseExpires, parseSignature, signedPayload } from '@/lib/signed-urls/crypto';
import { openSigningKey } from '@/lib/signed-urls/encryption';
import type { DownloadLookup } from './lookup';
import type { RequestFacts } from './principal';

const refused = (why: string) => unauthenticated(`This signed URL is not valid: ${why}`);

export async function signedUrlActor(repoId: string, meta: RequestMeta, lookup: DownloadLookup, request: RequestFacts | undefined): Promise<Actor | null> {
  if (!request) throw refused('it does not sign this URL.');
  const { presented } = request;
  const parts = parseSignature(presented.secret);
  const expires = parseExpires(presented.expires);
  if (!parts || expires === null) throw refused('it needs the expires and signature parameters exactly as minted.');
  // Signed URLs name one file: an index page, or a repository that does not exist, is never signed.
  if (!request.orgId || !request.target.path) throw refused('it does not sign this URL.');
  if (expires * 1000 <= Date.now()) throw unauthenticated('This signed URL has expired.');
  const row = await lookup.signingKey(request.orgId, parts.userId);
  if (!row) throw refused('it does not sign this URL.');
  if (row.version !== parts.version) throw refused('the organization\'s signing key has been rotated since it was signed.');
  const key = openSigningKey(row.ciphertext, request.orgId, row.version);
  if (!key) throw refused('the signing key cannot be read by this server.');
  if (!macMatches(key, signedPayload(request.method, { ...request.target, path: request.target.path }, expires, parts.userId), parts.mac)) throw refused('the signature does not match.');
  // Who minted it must still be a member: removing them ends their links too.
  if (!row.userId || row.orgRole === null) throw refused('the user who signed it is no longer a member of the organization.');
  return {
    principal: { kind: 'signed_url', orgId: request.orgId, repositoryId: repoId },
    user: { id: row.userId, email: row.email, name: row.name },
    credential: { type: 'signed_url', id: row.keyId },
    meta,
  };
}
