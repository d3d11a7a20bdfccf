/**
 * A small JSON client on fetch for Tollgate's API (no cookie jar: pass `cookie`/`token`
 * explicitly). Used by the Playwright fixtures (`api`, re-exported from ./fixtures) and by
 * scripts that drive a real server outside Playwright (`npm run bench`).
 */
export type ApiRequestOptions = {
  /** Value of the Cookie header, e.g. `res.cookie` from a sign-in response. */
  cookie?: string;
  /** Personal access token (or any bearer), sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
};

export type ApiResponse<T = unknown> = {
  status: number;
  headers: Headers;
  /** The parsed body when it is JSON, otherwise null. */
  json: T;
  /** The raw body text. */
  text: string;
  /** `name=value; name2=value2` from the response's Set-Cookie headers ('' when none), ready to pass as `cookie`. */
  cookie: string;
};

export type Api = {
  /** Base URL of the server, without a trailing slash. */
  url: string;
  request<T = unknown>(method: string, path: string, body?: unknown, opts?: ApiRequestOptions): Promise<ApiResponse<T>>;
  get<T = unknown>(path: string, opts?: ApiRequestOptions): Promise<ApiResponse<T>>;
  delete<T = unknown>(path: string, opts?: ApiRequestOptions): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, opts?: ApiRequestOptions): Promise<ApiResponse<T>>;
  put<T = unknown>(path: string, body?: unknown, opts?: ApiRequestOptions): Promise<ApiResponse<T>>;
  patch<T = unknown>(path: string, body?: unknown, opts?: ApiRequestOptions): Promise<ApiResponse<T>>;
};

/** Joins Set-Cookie headers into a Cookie header value (attributes dropped). */
export function cookieHeaderFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0]?.trim() ?? '')
    .filter((c) => c.includes('='))
    .join('; ');
}

export function createApi(baseUrl: string): Api {
  const url = baseUrl.replace(/\/+$/, '');
  const request = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    opts: ApiRequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    Object.assign(headers, opts.headers);
    const target = /^https?:\/\//.test(path) ? path : url + (path.startsWith('/') ? path : `/${path}`);
    const res = await fetch(target, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: unknown = null;
    if (text && /\bjson\b/i.test(res.headers.get('content-type') ?? '')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    return { status: res.status, headers: res.headers, json: json as T, text, cookie: cookieHeaderFrom(res.headers) };
  };
  return {
    url,
    request,
    get: (path, opts) => request('GET', path, undefined, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
  };
}
