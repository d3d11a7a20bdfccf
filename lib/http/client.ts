// The browser's side of the management API: JSON in and out, and every
// non-2xx answer turned into an ApiClientError carrying the docs/http.md error shape
// ({code, message, details}), so forms can put messages next to their fields.
// Client-safe: imports nothing from the server.
import type { z } from 'zod';

export type ApiErrorDetail = { path: string; message: string };

export class ApiClientError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiClientError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type ApiFetchOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d) =>
    isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string' ? [{ path: d.path, message: d.message }] : [],
  );
}

const fallbackMessage = (status: number) =>
  status === 401
    ? 'Your session has ended. Sign in again.'
    : status === 403
      ? 'You do not have permission to do this.'
      : status === 404
        ? 'Not found.'
        : status === 429
          ? 'Too many requests. Try again in a moment.'
          : status >= 500
            ? 'Something went wrong on the server. Try again.'
            : `The request failed (HTTP ${status}).`;

/**
 * Calls the management API with the browser's session cookie.
 * Resolves with the parsed JSON body (undefined for 204), throws ApiClientError otherwise.
 */
export async function apiFetch<T = unknown>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiClientError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }

  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const error = isRecord(data) && isRecord(data.error) ? data.error : null;
    throw new ApiClientError(
      res.status,
      typeof error?.code === 'string' ? error.code : `http_${res.status}`,
      typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(res.status),
      toDetails(error?.details),
    );
  }
  return data as T;
}

/** `details` → `{path: first message}`, for showing errors next to form fields. */
export function fieldErrors(details: readonly ApiErrorDetail[] | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details ?? []) {
    if (!Object.hasOwn(out, d.path)) out[d.path] = d.message;
  }
  return out;
}

/**
 * Client-side validation with the same zod schema the API uses: the parsed
 * data, or field errors keyed like the API's `details` paths.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { data: z.output<S>; errors: null } | { data: null; errors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data, errors: null };
  return {
    data: null,
    errors: fieldErrors(result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }))),
  };
}

/** A message for any thrown value, for toasts and banners. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Try again.';
}

/**
 * PUTs a file's bytes to the management API with the session cookie, through
 * XMLHttpRequest because fetch reports no upload progress. `onProgress` gets
 * the bytes sent so far; aborting `signal` cancels the upload (the promise
 * rejects with an AbortError DOMException). Errors are ApiClientErrors.
 */
export function apiUpload<T = unknown>(
  path: string,
  file: Blob,
  options: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    if (options.signal?.aborted) return reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', abort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', abort);
    xhr.open('PUT', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiClientError(0, 'network_error', 'The connection broke off during the upload. Try again.'));
    };
    xhr.onload = () => {
      done();
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const error = isRecord(data) && isRecord(data.error) ? data.error : null;
      reject(
        new ApiClientError(
          xhr.status,
          typeof error?.code === 'string' ? error.code : `http_${xhr.status}`,
          typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(xhr.status),
          toDetails(error?.details),
        ),
      );
    };
    xhr.send(file);
  });
}
