// The one error vocabulary of the HTTP API (docs/http.md "Conventions"). Services throw
// ApiError; the route wrapper turns it into `{"error": {code, message, details?}}`.

export type ErrorDetail = { path: string; message: string };

export const RESTRICTION_CODES = [
  'entitlement_expired',
  'entitlement_not_yet_valid',
  'entitlement_disabled',
  'download_limit_reached',
  'client_limit_reached',
  'bandwidth_limit_reached',
  'network_not_allowed',
  'path_not_allowed',
  'insufficient_scope',
] as const;
export type RestrictionCode = (typeof RESTRICTION_CODES)[number];

export type ErrorCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal_error'
  | RestrictionCode;

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    opts: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = opts.details;
    this.headers = opts.headers;
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new ApiError(400, 'invalid_request', message, { details });
export const unauthenticated = (message = 'Sign in or provide a valid token.') =>
  new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'You do not have permission to do this.', code: ErrorCode = 'forbidden') =>
  new ApiError(403, code, message);
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new ApiError(409, 'conflict', message, { details });
export const methodNotAllowed = (allowed: readonly string[]) =>
  new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} on this path.`, { headers: { allow: allowed.join(', ') } });
export const payloadTooLarge = (message: string) => new ApiError(413, 'payload_too_large', message);
/** 413 for a request body over `limit` bytes. */
export const bodyTooLarge = (limit: number) => payloadTooLarge(`The request body is limited to ${limit} bytes.`);
/** A presented credential that names no live token: malformed, unknown, revoked, expired, or its owner gone. */
export const invalidToken = () => unauthenticated('This token is not valid, expired or revoked.');
export const internalError = (message = 'Something went wrong on our side.') => new ApiError(500, 'internal_error', message);
export const rateLimited = (retryAfterSeconds: number, what = 'Too many attempts.') =>
  new ApiError(429, 'rate_limited', `${what} Try again in ${retryAfterSeconds} seconds.`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

/** The serialized body of an error, for the places that write bytes themselves (the front, the Node adapter). */
export const errorJson = (err: ApiError) => JSON.stringify(err.toBody());

// Structural as well as nominal: Next bundles lib/ once per server bundle, so an
// ApiError may come from another copy of this class.
export const isApiError = (e: unknown): e is ApiError =>
  e instanceof ApiError ||
  (e instanceof Error && e.name === 'ApiError' && typeof (e as ApiError).status === 'number' && typeof (e as ApiError).toBody === 'function');
