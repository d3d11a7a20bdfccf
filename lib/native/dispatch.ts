// The entry of the native tool path: strip a /t/<token>/ prefix, resolve the
// credential, route by format, and turn every error into the API's shape
// (401s with the Basic challenge). Returns null for paths it does not own.
import crypto from 'node:crypto';
import { handleConda } from '@/lib/formats/conda/handler';
import { handleNpm } from '@/lib/formats/npm/handler';
import { handlePypi } from '@/lib/formats/pypi/handler';
import { handleRaw } from '@/lib/formats/raw/handler';
import { notFound } from '@/lib/http/errors';
import { GUARD_HEADERS } from './guard-headers';
import { presentedCredential, splitPathToken } from './credentials';
import { nativeError } from './responses';
import type { NativeRequest, NativeResponse } from './types';

export async function dispatchNative(req: NativeRequest): Promise<NativeResponse | null> {
  const answer = await route(req);
  if (answer) answer.headers = { ...answer.headers, ...GUARD_HEADERS };
  return answer;
}

async function route(req: NativeRequest): Promise<NativeResponse | null> {
  const requestId = crypto.randomUUID();
  const { secret, rest } = splitPathToken(req.path);
  const segments = rest.split('/').slice(1);
  const format = segments[0];
  if (!format || !['raw', 'pypi', 'npm', 'conda'].includes(format)) {
    return secret !== null ? nativeError(notFound('No such route.'), requestId) : null;
  }
  try {
    const presented = presentedCredential(req, secret);
    const meta = { address: req.address, userAgent: req.headers['user-agent'] ?? '', requestId };
    switch (format) {
      case 'raw':
        return await handleRaw(req, presented, meta, segments.slice(1));
      case 'pypi':
        return await handlePypi(req, presented, meta, segments.slice(1));
      case 'npm':
        return await handleNpm(req, presented, meta, segments.slice(1));
      case 'conda':
        return await handleConda(req, presented, meta, segments.slice(1));
      default:
        throw notFound(`The ${format} routes are not available yet.`);
    }
  } catch (err) {
    req.body.resume(); // drain an unread upload so the connection can be reused
    return nativeError(err, requestId);
  }
}
