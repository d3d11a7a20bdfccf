// Maps anything thrown by a handler to the one error shape of docs/http.md. Known
// errors keep their status; database constraint races become 409; anything
// else is logged with the request id and answered generically (no stack, no
// message from inside).
import { z } from 'zod';
import { ApiError, conflict, isApiError } from './errors';

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(status === 204 ? null : JSON.stringify(body, jsonReplacer), { status, headers: h });
}

// BigInt byte counts serialize as numbers (safe below 2^53 bytes = 8 PiB).
export function jsonReplacer(_key: string, value: unknown) {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** One entry per bad field (docs/http.md): the first problem zod found for each path. */
export function zodDetails(error: z.ZodError) {
  const seen = new Map<string, string>();
  for (const i of error.issues) {
    const path = i.path.map(String).join('.') || '(root)';
    if (!seen.has(path)) seen.set(path, i.message);
  }
  return [...seen].map(([path, message]) => ({ path, message }));
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/** The client went away mid-request (a cancelled upload): nothing went wrong here. */
function isClientAbort(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  // Not ECONNRESET: a database connection reset is our failure and must be logged.
  return !!e && (e.code === 'ERR_STREAM_PREMATURE_CLOSE' || e.message === 'aborted');
}

export function errorResponse(err: unknown, requestId: string): Response {
  if (isApiError(err)) return json(err.toBody(), err.status, { ...err.headers, 'x-request-id': requestId });
  if (err instanceof z.ZodError) {
    const e = new ApiError(400, 'invalid_request', 'The request is not valid.', { details: zodDetails(err) });
    return json(e.toBody(), 400, { 'x-request-id': requestId });
  }
  if (isUniqueViolation(err)) {
    const e = conflict('This conflicts with an existing record.');
    return json(e.toBody(), 409, { 'x-request-id': requestId });
  }
  if (isClientAbort(err)) {
    const e = new ApiError(400, 'invalid_request', 'The request was interrupted before its body was complete.');
    return json(e.toBody(), 400, { 'x-request-id': requestId });
  }
  console.error(`[tollgate] request ${requestId} failed:`, err);
  const e = new ApiError(500, 'internal_error', `Something went wrong on our side. Reference: ${requestId}.`);
  return json(e.toBody(), 500, { 'x-request-id': requestId });
}
