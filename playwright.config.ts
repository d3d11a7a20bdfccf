import { defineConfig, type ReporterDescription } from '@playwright/test';

/**
 * End-to-end tests: every worker runs its own real server (e2e/support/fixtures.ts).
 * TOLLGATE_TEST_DB=sqlite|postgresql picks the database (postgresql also needs TEST_PG_URL,
 * see scripts/pg-cluster.sh); `npm test` (scripts/test.sh) runs both.
 * Browsers are never downloaded: the console project drives Debian's /usr/bin/chromium.
 */
const db = process.env.TOLLGATE_TEST_DB ?? 'sqlite';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Specs that time the server's answers (see the `stall` project). */
const STALL_SPECS = ['api/archive-bombs.spec.ts', 'api/body-limits.spec.ts'];

const reporter: ReporterDescription[] = [['list']];
// scripts/test.sh sets PW_JSON_OUTPUT to sum up the results of all runs
if (process.env.PW_JSON_OUTPUT) reporter.push(['json', { outputFile: process.env.PW_JSON_OUTPUT }]);

export default defineConfig({
  testDir: 'e2e',
  // one folder per database, so the postgresql run does not wipe the sqlite run's traces
  outputDir: `test-results/${db}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter,
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'api',
      testMatch: 'api/**/*.spec.ts',
      testIgnore: STALL_SPECS,
    },
    {
      name: 'console',
      testMatch: 'console/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: chromiumArgs,
        },
      },
    },
    {
      // They assert that the server keeps answering within a second while it refuses hostile
      // input: run last, on their own, so another worker's pip or npm run cannot skew that.
      // Running one of them alone: `npx playwright test e2e/api/body-limits.spec.ts --no-deps`.
      name: 'stall',
      testMatch: STALL_SPECS,
      dependencies: ['api', 'console'],
    },
  ],
});
