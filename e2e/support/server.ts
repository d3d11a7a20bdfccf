/**
 * Starts a real Tollgate server for end-to-end tests: `tsx server.ts` on a free port, with a
 * fresh DATA_DIR and, when TOLLGATE_TEST_DB=postgresql, a fresh database on the cluster at
 * TEST_PG_URL (see scripts/pg-cluster.sh). SQLite otherwise (the server's default, in DATA_DIR).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export type StartServerOptions = {
  /** Extra environment for the server (wins over everything this helper sets). */
  env?: Record<string, string>;
  /** How long to wait for GET /api/v1/health to answer 200 (default 60 s). */
  readyTimeoutMs?: number;
};

export type RunningServer = {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  /** The spawned process: tsx's wrapper, whose child node runs server.ts (see serverNodePid). */
  pid: number;
  /** Set when the server runs on PostgreSQL. */
  databaseUrl?: string;
  /** Stops the server (SIGTERM, SIGKILL after 5 s), drops its database, removes DATA_DIR. */
  stop(): Promise<void>;
  /** Everything the server printed so far (stdout and stderr, interleaved). */
  logs(): string;
};

const MAX_LOG_CHARS = 4 * 1024 * 1024;
const HEALTH_PATH = '/api/v1/health';

export function testDatabaseKind(): 'sqlite' | 'postgresql' {
  const kind = process.env.TOLLGATE_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgresql') {
    throw new Error(`TOLLGATE_TEST_DB must be "sqlite" or "postgresql", not ${JSON.stringify(kind)}`);
  }
  return kind;
}

/**
 * The node process that runs server.ts under the spawned `pid`: tsx's wrapper starts it as a
 * child, so this is the deepest descendant whose command line names server.ts (Linux /proc).
 */
export function serverNodePid(pid: number): number {
  const children = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const runsServer = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').some((a) => a.endsWith('server.ts'));
    } catch {
      return false;
    }
  };
  let current = pid;
  for (;;) {
    const next = children(current).find(runsServer);
    if (next === undefined) return current;
    current = next;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `tollgate_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

// Servers still running when this process exits (a crashed or killed worker) are killed too:
// they run in their own process group and would otherwise outlive the test run.
const live = new Set<number>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of live) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* the group is gone */
    }
  };
  if (groupAlive(pid)) {
    signal('SIGTERM');
    const deadline = Date.now() + 5_000;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(pid)) {
      signal('SIGKILL');
      const hardDeadline = Date.now() + 5_000;
      while (groupAlive(pid) && Date.now() < hardDeadline) await sleep(100);
    }
  }
  live.delete(pid);
}

type Spawned = { child: ChildProcess; logs: () => string; exited: Promise<number | string | null> };

function spawnServer(env: NodeJS.ProcessEnv): Spawned {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  if (!existsSync(tsx)) throw new Error(`${tsx} is missing: run npm ci first`);
  const child = spawn(tsx, ['server.ts'], {
    cwd: PROJECT_ROOT,
    env,
    detached: true, // own process group, so stop() reaches tsx's child node process too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) live.add(child.pid);
  let buffer = '';
  const append = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    if (buffer.length > MAX_LOG_CHARS) buffer = buffer.slice(buffer.length - MAX_LOG_CHARS);
    if (process.env.TOLLGATE_SERVER_LOGS === '1') process.stderr.write(chunk);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | string | null>((resolve) => {
    child.on('error', (err) => {
      append(Buffer.from(`\n[e2e] could not spawn the server: ${err.message}\n`));
      resolve(`spawn error: ${err.message}`);
    });
    child.on('exit', (code, sig) => resolve(sig ?? code));
  });
  return { child, logs: () => buffer, exited };
}

async function waitForHealth(
  url: string,
  spawned: Spawned,
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let exitedWith: number | string | null | undefined;
  void spawned.exited.then((v) => {
    exitedWith = v;
  });
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) return { ok: false, reason: `the server exited (${String(exitedWith)})` };
    try {
      const res = await fetch(url + HEALTH_PATH, { signal: AbortSignal.timeout(3_000), redirect: 'manual' });
      const text = await res.text();
      if (res.status === 200) {
        try {
          if ((JSON.parse(text) as { status?: unknown }).status === 'ok') return { ok: true };
        } catch {
          /* not JSON yet */
        }
      }
      last = `${res.status} ${text.slice(0, 200)}`;
    } catch (err) {
      const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
      last = err instanceof Error ? err.message : String(err);
      if (cause?.code || cause?.message) last += ` (${cause.code ?? cause.message})`;
    }
    await sleep(250);
  }
  return { ok: false, reason: `no healthy answer within ${timeoutMs / 1000} s (last: ${last})` };
}

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  installExitHook();
  const kind = testDatabaseKind();
  const readyTimeoutMs = opts.readyTimeoutMs ?? 120_000;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-e2e-'));
  let db: { name: string; url: string } | undefined;
  let adminUrl: string | undefined;
  const cleanupStorage = async () => {
    if (db && adminUrl) {
      const { name } = db;
      db = undefined;
      await dropDatabase(adminUrl, name).catch((err: unknown) => {
        console.warn(`[e2e] could not drop database ${name}: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    if (kind === 'postgresql') {
      adminUrl = process.env.TEST_PG_URL;
      if (!adminUrl) {
        throw new Error('TOLLGATE_TEST_DB=postgresql needs TEST_PG_URL (see scripts/pg-cluster.sh start)');
      }
      db = await createDatabase(adminUrl);
    }

    // A free port may be taken between probing and binding: retry on EADDRINUSE.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const key of ['DATABASE_URL', 'PUBLIC_URL', 'SIGNUP', 'SIGNUP_RATE_LIMIT', 'SMTP_URL', 'AUTH_SECRET', 'TOLLGATE_SECRET_KEY', 'TRUST_PROXY', 'DOWNLOAD_URL', 'IDLE_TIMEOUT']) {
        delete env[key];
      }
      Object.assign(env, {
        PORT: String(port),
        DATA_DIR: dataDir,
        PUBLIC_URL: url,
        NEXT_TELEMETRY_DISABLED: '1',
        // Every spec signs up its own users from 127.0.0.1 against one shared
        // server per worker, far past the production default (20 an hour).
        // Specs of the limit itself pass a low SIGNUP_RATE_LIMIT in opts.env.
        SIGNUP_RATE_LIMIT: '0',
        ...(db ? { DATABASE_URL: db.url } : {}),
        ...opts.env,
      });

      const spawned = spawnServer(env);
      const ready = await waitForHealth(url, spawned, readyTimeoutMs);
      if (ready.ok) {
        const { child } = spawned;
        let stopping: Promise<void> | undefined;
        return {
          url,
          port,
          dataDir,
          pid: child.pid!,
          databaseUrl: db?.url,
          logs: spawned.logs,
          stop: () =>
            (stopping ??= (async () => {
              await killGroup(child);
              await cleanupStorage();
            })()),
        };
      }
      await killGroup(spawned.child);
      const logs = spawned.logs();
      if (attempt < 3 && /EADDRINUSE/.test(logs)) continue;
      throw new Error(
        `Tollgate server did not become healthy at ${url}${HEALTH_PATH}: ${ready.reason}\n` +
          `--- server logs (${kind}${db ? `, ${db.url}` : ''}, DATA_DIR=${dataDir}) ---\n` +
          (logs.trim() || '(no output)') +
          '\n--- end of server logs ---',
      );
    }
  } catch (err) {
    await cleanupStorage();
    throw err;
  }
}
