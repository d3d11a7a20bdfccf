// The one wrapper for management API route handlers: resolve the actor, parse
// params / query / body with the operation's zod schemas, run the handler,
// map every error to the docs/http.md shape. Handlers stay ~10 lines and hand off to
// a service that takes (actor, input).
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { anonymousActor, requestMeta, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { env } from '@/lib/env';
import { badRequest, bodyTooLarge, forbidden, methodNotAllowed, unauthenticated } from './errors';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import type { Method, Operation } from './operation';
import { resolveActor } from './principal';
import { errorResponse, json, zodDetails } from './respond';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export type HandlerContext<P, Q, B> = { actor: Actor; params: P; query: Q; body: B; req: NextRequest; meta: RequestMeta };

type NextContext = { params: Promise<Record<string, string | string[]>> };

/** A route handler that knows the method of its operation, so `endpoints` can answer the others. */
export type RouteHandler = ((req: NextRequest, context: NextContext) => Promise<Response>) & { method: Method };

const MAX_JSON_BYTES = 1024 * 1024;

export const metaOf = (headers: Headers): RequestMeta => requestMeta(headers.get(CLIENT_ADDRESS_HEADER), headers.get('user-agent'));

const tooLarge = () => bodyTooLarge(MAX_JSON_BYTES);

/**
 * The body as text, refused by its Content-Length and counted while it
 * streams in, so no body larger than the limit is ever held (the production
 * front refuses one before Next sees it; this covers `next dev`).
 */
async function readText(req: NextRequest): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await readText(req);
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

/**
 * Cookie-authenticated writes must come from our own pages (CSRF): the Origin
 * must be PUBLIC_URL's or the very origin the request was sent to, scheme and
 * port included. X-Forwarded-Host/-Proto reach this point only from a proxy
 * named in TRUST_PROXY (the front drops them otherwise).
 */
function checkOrigin(req: NextRequest) {
  const origin = req.headers.get('origin');
  if (!origin) return; // browsers always send one on writes; non-browser clients send none
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  const proto = req.headers.get('x-forwarded-proto')?.split(',', 1)[0]!.trim() || 'http';
  if (origin === new URL(env().publicUrl).origin || origin === originOf(`${proto}://${host}`)) return;
  throw forbidden('Cross-site requests are not allowed.');
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<P, Q, B>,
  handler: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  const handle = async (req: NextRequest, context: NextContext): Promise<Response> => {
    const meta = metaOf(req.headers);
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
  return Object.assign(handle, { method: op.method });
}

const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every method of one path, for a route file to export whole
 * (`export const { GET, POST, PUT, PATCH, DELETE } = endpoints(route(a), route(b))`):
 * the handlers given answer their operation's method, every other method is a
 * 405 in the API's error shape with an Allow header (Next's own has no body).
 */
export function endpoints(...handlers: RouteHandler[]): Record<Method, (req: NextRequest, context: NextContext) => Promise<Response>> {
  const byMethod = new Map(handlers.map((h) => [h.method, h] as const));
  if (byMethod.size !== handlers.length) throw new Error('endpoints: two handlers for one method');
  const allowed = METHODS.filter((m) => byMethod.has(m));
  const notAllowed = async () => errorResponse(methodNotAllowed(allowed), crypto.randomUUID());
  return Object.fromEntries(METHODS.map((m) => [m, byMethod.get(m) ?? notAllowed])) as Record<Method, RouteHandler>;
}
