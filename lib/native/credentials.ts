// How a native tool route is handed a credential, read in one place: a
// `/t/<token>/` path prefix (conda-style channel URLs), HTTP Basic
// (any user name, the token as password: pip, twine, curl -u) or
// `Authorization: Bearer` (npm, curl). What the secret is (PAT, entitlement
// token, …) and whose it is, principal.ts decides.
import { unauthenticated } from '@/lib/http/errors';
import type { NativeRequest } from './types';

/** `signed`: a signed URL's query (`secret` is its `signature`, `expires` its expiry). */
export type Presented = { secret: string; source: 'path' | 'basic' | 'bearer' | 'signed'; expires?: string };

/** Splits a `/t/<token>/…` prefix off the path. */
export function splitPathToken(path: string): { secret: string | null; rest: string } {
  if (!path.startsWith('/t/')) return { secret: null, rest: path };
  const end = path.indexOf('/', 3);
  if (end < 0) return { secret: decodeSafe(path.slice(3)), rest: '/' };
  return { secret: decodeSafe(path.slice(3, end)), rest: path.slice(end) };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A path token may be written with "-" for the "_" after its prefix
 * (`/t/tgp-…/`): conda's URL parser (conda.common.url.split_anaconda_token)
 * keeps only [A-Za-z0-9-] of a path token and glues the rest onto the host, so
 * `tgp_…` cannot survive a conda channel URL. The form is accepted on every
 * native route, so a URL copied for conda works with curl or pip too.
 */
export const undashPathSecret = (secret: string) => secret.replace(/^(tg[pe])-(?=[0-9A-Za-z]{38}$)/, '$1_');

export function presentedCredential(req: NativeRequest, pathSecret: string | null): Presented | null {
  const signature = req.query.get('signature');
  const expires = req.query.get('expires');
  if (signature !== null || expires !== null) {
    if (pathSecret || req.headers.authorization) throw unauthenticated('Present one credential: a signed URL or a token, not both.');
    return { secret: signature ?? '', source: 'signed', expires: expires ?? '' };
  }
  if (pathSecret) return { secret: undashPathSecret(pathSecret), source: 'path' };
  const auth = req.headers.authorization;
  if (!auth) return null;
  const space = auth.indexOf(' ');
  const scheme = (space < 0 ? auth : auth.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : auth.slice(space + 1).trim();
  if (scheme === 'bearer' && value) return { secret: value, source: 'bearer' };
  if (scheme === 'basic' && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    // Some clients put the token in the user name with an empty password.
    const secret = password || (colon < 0 ? decoded : decoded.slice(0, colon));
    if (secret) return { secret, source: 'basic' };
  }
  throw unauthenticated('Unsupported or empty credentials. Use a token as the Basic password, a Bearer token, or /t/<token>/.');
}
