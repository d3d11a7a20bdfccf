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

export async function nativeError(err: unknown, requestId: string): Promise<NativeResponse> {
  const res = errorResponse(err, requestId);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  if (res.status === 401) headers['www-authenticate'] = CHALLENGE;
  return { status: res.status, headers, body: await res.text() };
}



/** The size an upload announces (Content-Length), checked before a byte is read; undefined when not sent. */
export function declaredSize(header: string | null | undefined): number | undefined {
  if (header === undefined || header === null) return undefined;
  if (!/^\d+$/.test(header)) throw badRequest('Invalid Content-Length.');
  return Number(header);
}
