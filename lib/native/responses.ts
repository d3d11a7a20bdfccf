// Error answers of the native routes: the API's error shape, and on 401 the
// WWW-Authenticate challenge that makes pip, npm and curl retry with
// credentials (docs/http.md "Package-tool routes").
import { badRequest } from '@/lib/http/errors';
import { errorResponse, jsonReplacer } from '@/lib/http/respond';
import type { NativeResponse } from './types';

export const CHALLENGE = 'Basic realm="Tollgate"';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): NativeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body, jsonReplacer),
  };
}

/**
 * `challenge: false` for a refused signed URL: retrying with a password is no
 * answer to an expired or rotated link, and a browser opening a shared link
 * would show a login prompt instead of the error.
 */
export async function nativeError(err: unknown, requestId: string, { challenge = true }: { challenge?: boolean } = {}): Promise<NativeResponse> {
  const res = errorResponse(err, requestId);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  if (res.status === 401 && challenge) headers['www-authenticate'] = CHALLENGE;
  return { status: res.status, headers, body: await res.text() };
}



/** The size an upload announces (Content-Length), checked before a byte is read; undefined when not sent. */
export function declaredSize(header: string | null | undefined): number | undefined {
  if (header === undefined || header === null) return undefined;
  if (!/^\d+$/.test(header)) throw badRequest('Invalid Content-Length.');
  return Number(header);
}
