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
import { createApi, type Api } from './api';
import { startServer, type RunningServer } from './server';

export { expect };
export { cookieHeaderFrom, createApi, type Api, type ApiRequestOptions, type ApiResponse } from './api';
export type { RunningServer };

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
