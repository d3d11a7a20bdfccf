/**
 * Playwright fixtures for Tollgate's end-to-end tests.
 *
 *   import { test, expect } from '../support/fixtures';
 *   test('…', async ({ server, api, page }) => { … });
 *
 * - `server` (worker-scoped): one real server per worker, started the first time a test of that
 *   worker asks for it (directly, or through `baseURL`, `page`, `request` or `api`). Tests in a
 *   worker share it, so they must not depend on each other's data (use unique slugs/emails).
 * - `baseURL` points at that server, so `page.goto('/')` and `request.get('/api/…')` just work.
 * - `api`: a small JSON client on fetch (no cookie jar: pass `cookie`/`token` explicitly).
 * On a failed test, the server logs printed during that test are attached to the report.
 * Once the server has failed to start twice in a run (TOLLGATE_E2E_MAX_START_FAILURES), later
 * workers give up at once with the first failure instead of waiting for health again and again.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startServer, type RunningServer } from './server';

export { expect };
export type { RunningServer };

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

// The server of this worker process, once started (read by the failure-logs fixture).
let workerServer: RunningServer | undefined;

// Start-up failures of this run are recorded in the output dir, which Playwright empties at the
// start of every run, so they are shared by all workers of one run and forgotten by the next.
async function startServerUnlessHopeless(outputDir: string): Promise<RunningServer> {
  const dir = path.join(outputDir, '.server-start-failures');
  const limit = Number(process.env.TOLLGATE_E2E_MAX_START_FAILURES ?? 2);
  let earlier: string[] = [];
  try {
    earlier = readdirSync(dir).sort();
  } catch {
    /* none yet */
  }
  if (limit > 0 && earlier.length >= limit && earlier[0]) {
    const first = readFileSync(path.join(dir, earlier[0]), 'utf8');
    throw new Error(
      `not starting another server: ${earlier.length} failed to start earlier in this run. The first failure:\n${first}`,
    );
  }
  try {
    return await startServer();
  } catch (err) {
    mkdirSync(dir, { recursive: true });
    const text = err instanceof Error ? err.message : String(err);
    writeFileSync(path.join(dir, `${Date.now()}-${process.pid}.txt`), text.slice(0, 20_000));
    throw err;
  }
}

type WorkerFixtures = {
  server: RunningServer;
};

type TestFixtures = {
  api: Api;
  /** @internal */
  _attachServerLogsOnFailure: void;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, provide, workerInfo) => {
      const server = await startServerUnlessHopeless(workerInfo.project.outputDir);
      workerServer = server;
      try {
        await provide(server);
      } finally {
        workerServer = undefined;
        await server.stop();
      }
    },
    // start-up (up to 60 s health wait, plus database creation) gets its own budget
    { scope: 'worker', timeout: 240_000 },
  ],

  baseURL: async ({ server }, provide) => {
    await provide(server.url);
  },

  api: async ({ server }, provide) => {
    await provide(createApi(server.url));
  },

  _attachServerLogsOnFailure: [
    async ({}, provide, testInfo) => {
      const from = workerServer?.logs().length ?? 0;
      await provide();
      const server = workerServer;
      if (server && testInfo.status !== testInfo.expectedStatus) {
        await new Promise((resolve) => setTimeout(resolve, 300)); // let the last lines arrive
        const logs = server.logs();
        // the buffer is capped: if it was trimmed, `from` no longer lines up, so take it all
        const body = logs.length >= from ? logs.slice(from) : logs;
        await testInfo.attach('server-logs.txt', {
          body: body || '(the server printed nothing during this test)',
          contentType: 'text/plain',
        });
      }
    },
    { auto: true },
  ],
});
