// The one wrapper for management API route handlers: resolve the actor, parse
// params / query / body with the operation's zod schemas, run the handler,
// map every error to the API.md shape. Handlers stay ~10 lines and hand off to
// a service that takes (actor, input).
import crypto from 'node:crypto';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { anonymousActor, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { env } from '@/lib/env';
import { badRequest, forbidden, unauthenticated } from './errors';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import type { Operation } from './operation';
import { resolveActor } from './principal';
import { errorResponse, json, zodDetails } from './respond';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export type HandlerContext<P, Q, B> = { actor: Actor; params: P; query: Q; body: B; req: NextRequest; meta: RequestMeta };

type NextContext = { params: Promise<Record<string, string | string[]>> };

const MAX_JSON_BYTES = 1024 * 1024;

export function requestMeta(headers: Headers): RequestMeta {
  return {
    address: headers.get(CLIENT_ADDRESS_HEADER) ?? '',
    userAgent: headers.get('user-agent') ?? '',
    requestId: crypto.randomUUID(),
  };
}

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw badRequest('The request body is too large.');
  if (!text.trim()) return {};
  // Only JSON: a cross-site form cannot send application/json without a CORS
  // preflight, which this API never grants (defence in depth beside SameSite).
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw badRequest('Send the body as JSON with Content-Type: application/json.', [{ path: '(root)', message: 'Expected application/json' }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.', [{ path: '(root)', message: 'Invalid JSON' }]);
  }
}

const MAX_DEPTH = 64;

/**
 * The path of the first string holding a NUL character (PostgreSQL cannot
 * store one). Iterative, so a hostile, deeply nested body cannot overflow the
 * stack; bodies nested deeper than MAX_DEPTH are refused.
 */
export function findNul(value: unknown): string | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || '(root)';
    } else if (v && typeof v === 'object') {
      if (depth > MAX_DEPTH) throw badRequest(`JSON nested deeper than ${MAX_DEPTH} levels is not accepted.`, [{ path: path || '(root)', message: 'Too deeply nested.' }]);
      for (const [k, child] of Object.entries(v)) stack.push([child, path ? `${path}.${k}` : k, depth + 1]);
    }
  }
  return null;
}

function rejectNul(value: unknown, where: string) {
  const at = findNul(value);
  if (at) throw badRequest('Text may not contain NUL characters.', [{ path: where === 'body' ? at : `${where}.${at}`, message: 'Contains a NUL character.' }]);
}

function parse<T extends z.ZodType | undefined>(schema: T, value: unknown, where: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = zodDetails(result.error).map((d) => ({ ...d, path: where === 'body' ? d.path : `${where}.${d.path}` }));
    throw badRequest('The request is not valid.', details);
  }
  return result.data as Infer<T>;
}

/** Cookie-authenticated writes must come from our own pages (CSRF). */
function checkOrigin(req: NextRequest) {
  const origin = req.headers.get('origin');
  if (!origin) return; // non-browser clients send none; SameSite=Lax covers old browsers
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden('Cross-site requests are not allowed.');
  }
  if (originHost !== host && origin !== env().publicUrl) throw forbidden('Cross-site requests are not allowed.');
}

export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<P, Q, B>,
  handler: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return async (req: NextRequest, context: NextContext): Promise<Response> => {
    const meta = requestMeta(req.headers);
    try {
      const actor = op.auth === 'none'
        ? anonymousActor(meta)
        : await resolveActor({ cookie: (n) => req.cookies.get(n)?.value, authorization: req.headers.get('authorization') }, meta);
      if (op.auth === 'required' && !actor.user) throw unauthenticated();
      if (actor.credential.type === 'session' && op.method !== 'GET') checkOrigin(req);
      const rawParams = await context.params;
      const rawQuery = Object.fromEntries(req.nextUrl.searchParams);
      const rawBody = op.body ? await readJson(req) : undefined;
      rejectNul(rawParams, 'params');
      rejectNul(rawQuery, 'query');
      rejectNul(rawBody, 'body');
      const params = parse(op.params, rawParams, 'params') as Infer<P>;
      const query = parse(op.query, rawQuery, 'query') as Infer<Q>;
      const body = op.body ? parse(op.body, rawBody, 'body') : (undefined as Infer<B>);
      const result = await handler({ actor, params, query, body, req, meta });
      if (result instanceof Response) return result;
      return json(result ?? null, op.status ?? 200);
    } catch (err) {
      return errorResponse(err, meta.requestId);
    }
  };
}
