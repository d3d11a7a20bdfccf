// The entry of the native tool path, for the formats it is given
// (lib/formats/registry.ts): strip a /t/<token>/ prefix, read the credential,
// parse /{format}/{org}/{repo} once, hand the rest to the format, and turn
// every error into the API's shape (401s with the Basic challenge). Every
// answer carries GUARD_HEADERS. Knows no format itself.
import { requestMeta, type RequestMeta } from '@/lib/auth/actor';
import type { Scope } from '@/lib/authz';
import { notFound } from '@/lib/http/errors';
import { presentedCredential, splitPathToken, type Presented } from './credentials';
import { GUARD_HEADERS } from './guard-headers';
import { decodeSegments } from './paths';
import { nativeError } from './responses';
import type { NativeRequest, NativeResponse } from './types';

/**
 * The scope each kind of native route needs, for every format: a file (GET,
 * HEAD), an index page (simple pages, packuments, repodata), an upload.
 * Handlers name the kind; authorize() checks its scope.
 */
export const ROUTE_SCOPES = {
  file: 'artifact:download',
  index: 'artifact:view',
  upload: 'artifact:create',
} as const satisfies Record<string, Scope>;

/** A request on /{format}/{org}/{repo}/…, parsed by the dispatcher. */
export type NativeContext = {
  req: NativeRequest;
  presented: Presented | null;
  meta: RequestMeta;
  format: string;
  /** Decoded and checked, as sent (not lower-cased). */
  org: string;
  repo: string;
  /** The percent-encoded path segments after the repository. */
  rest: string[];
};

/** What the dispatcher needs of a format. */
export type NativeFormat = {
  id: string;
  /** The 404 for a path that stops before the repository ("Use /raw/{org}/{repo}/{path}."). */
  usage: string;
  handle(ctx: NativeContext): Promise<NativeResponse>;
};

export type NativeDispatch = (req: NativeRequest) => Promise<NativeResponse | null>;

export function createDispatcher(formats: readonly NativeFormat[]) {
  const byId = new Map(formats.map((f) => [f.id, f]));
  const prefixes = [...formats.map((f) => `/${f.id}/`), '/t/'];

  async function route(req: NativeRequest): Promise<NativeResponse | null> {
    const meta = requestMeta(req.address, req.headers['user-agent']);
    const { secret, rest } = splitPathToken(req.path);
    const segments = rest.split('/').slice(1);
    const format = byId.get(segments[0] ?? '');
    if (!format) return secret !== null ? nativeError(notFound('No such route.'), meta.requestId) : null;
    let presented: Presented | null = null;
    try {
      presented = presentedCredential(req, secret);
      if (segments.length < 3) throw notFound(format.usage);
      const [org, repo] = decodeSegments(segments.slice(1, 3)) as [string, string];
      return await format.handle({ req, presented, meta, format: format.id, org, repo, rest: segments.slice(3) });
    } catch (err) {
      req.body.resume(); // drain an unread upload so the connection can be reused
      return nativeError(err, meta.requestId, { challenge: presented?.source !== 'signed' });
    }
  }

  /** Every native answer is sandboxed (guard-headers.ts). */
  const dispatchNative: NativeDispatch = async (req) => {
    const answer = await route(req);
    if (answer) answer.headers = { ...answer.headers, ...GUARD_HEADERS };
    return answer;
  };

  /** Paths the native pipeline owns. */
  const isNativePath = (path: string) => prefixes.some((p) => path.startsWith(p));

  return { dispatchNative, isNativePath };
}
