// An API operation: method, path, documentation and the zod schemas that
// validate it. Route handlers are built from operations (lib/http/route.ts)
// and /api/v1/openapi.json is generated from the same objects, so the
// documentation cannot drift from what is enforced.
import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> = {
  id: string;
  method: Method;
  path: string; // OpenAPI form: /api/v1/orgs/{org}
  summary: string;
  tag: string;
  /** none: no credential looked at; optional: anonymous allowed; required: 401 without one */
  auth: 'none' | 'optional' | 'required';
  params?: P;
  query?: Q;
  body?: B;
  /** A body that is not JSON but bytes the handler streams itself (uploads); documented, never parsed. */
  binaryBody?: { contentType: string; description: string };
  response?: z.ZodType;
  status?: number;
};

const registry: Operation[] = [];

export function operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  registry.push(op as unknown as Operation);
  return op;
}

export const allOperations = (): readonly Operation[] => registry;
