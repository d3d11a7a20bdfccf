/**
 * Helpers for the repository, personal-access-token and raw-route specs: repositories, roles and
 * tokens through the management API, the real `curl` binary for native routes (spawned as a child
 * process, every credential form of docs/http.md "Package-tool routes"), an interrupted upload over a
 * raw socket, and a server that can be stopped and started again on the same DATA_DIR / database.
 *
 * Everything here talks to a real server over real HTTP. Nothing is mocked.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { z } from 'zod';
import type { Page } from '../../lib/http/pagination';
import type { fileView, repoMemberView, repoView } from '../../lib/repos/schema';
import type { tokenView } from '../../lib/tokens/schema';
import { expect, type Api, type ApiResponse } from '../support/fixtures';
import { startServer, testDatabaseKind, type RunningServer } from '../support/server';

// ── shapes ────────────────────────────────────────────────────────────────────────────────

// The views are the server's own schemas (type-only imports: nothing of lib/ runs in the specs).
export type Repo = z.output<typeof repoView>;
export type RepoFile = z.output<typeof fileView>;
export type RepoMember = z.output<typeof repoMemberView>;
export type { Page };

export type ResourceGrant = { repo: string; access: 'read' | 'upload' | 'write' | 'manage' };
export type Token = z.output<typeof tokenView>;
export type CreatedToken = { token: Token; secret: string };

/** docs/permissions.md "Credentials": `tgp_` + 32 base62 + 6 base62 checksum characters. */
export const PAT_RE = /^tgp_[0-9A-Za-z]{38}$/;

/** Management API credentials: a session cookie or a PAT sent as Bearer. */
export type Auth = { cookie?: string; token?: string };

// ── repositories ──────────────────────────────────────────────────────────────────────────

/** POST /api/v1/orgs/{org}/repos, 201 expected. */
export async function createRepo(
  api: Api,
  auth: Auth,
  org: string,
  body: { name: string; format?: string; visibility?: string; description?: string },
): Promise<Repo> {
  const res = await api.post<Repo>(`/api/v1/orgs/${org}/repos`, { format: 'raw', ...body }, auth);
  expect(res.status, `create repo ${org}/${body.name}: ${res.text.slice(0, 500)}`).toBe(201);
  return res.json;
}

/** PUT /api/v1/orgs/{org}/repos/{repo}/members/{userId}, 200 expected. */
export async function setRepoRole(api: Api, auth: Auth, org: string, repo: string, userId: string, role: string): Promise<RepoMember> {
  const res = await api.put<RepoMember>(`/api/v1/orgs/${org}/repos/${repo}/members/${userId}`, { role }, auth);
  expect(res.status, `give ${userId} ${role} on ${org}/${repo}: ${res.text.slice(0, 500)}`).toBe(200);
  return res.json;
}

/** GET /api/v1/orgs/{org}/repos/{repo}/files (200 expected), every page. */
export async function listFiles(api: Api, auth: Auth, org: string, repo: string): Promise<RepoFile[]> {
  const out: RepoFile[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
    const res: ApiResponse<Page<RepoFile>> = await api.get<Page<RepoFile>>(`/api/v1/orgs/${org}/repos/${repo}/files${q}`, auth);
    expect(res.status, `files of ${org}/${repo}: ${res.text.slice(0, 500)}`).toBe(200);
    out.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return out;
}

// ── tokens ────────────────────────────────────────────────────────────────────────────────

/** POST /api/v1/tokens (raw response). */
export function postToken(api: Api, auth: Auth, body: unknown) {
  return api.post<CreatedToken>('/api/v1/tokens', body, auth);
}

/** Creates a token (201 expected) and checks the secret's shape. */
export async function createToken(api: Api, cookie: string, body: Record<string, unknown>): Promise<CreatedToken> {
  const res = await postToken(api, { cookie }, body);
  expect(res.status, `create token ${JSON.stringify(body).slice(0, 300)}: ${res.text.slice(0, 500)}`).toBe(201);
  expect(res.json.secret).toMatch(PAT_RE);
  return res.json;
}

/** A resource token of `org` (201 expected). */
export function resourceToken(api: Api, cookie: string, org: string, resources: ResourceGrant[], extra: Record<string, unknown> = {}) {
  return createToken(api, cookie, { org, name: `res-${randomBytes(3).toString('hex')}`, type: 'resource', resources, ...extra });
}

/** A scope token of `org` (201 expected). */
export function scopeToken(api: Api, cookie: string, org: string, scopes: string[], repositories: '*' | string[] = '*', extra: Record<string, unknown> = {}) {
  return createToken(api, cookie, { org, name: `scope-${randomBytes(3).toString('hex')}`, type: 'scope', scopes, repositories, ...extra });
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The secret with one character of its random part changed: the checksum no longer matches. */
export function tamper(secret: string, index = 10): string {
  const i = 4 + index; // after "tgp_"
  const c = secret[i]!;
  const replacement = BASE62[(BASE62.indexOf(c) + 1) % 62]!;
  const out = secret.slice(0, i) + replacement + secret.slice(i + 1);
  expect(out).not.toBe(secret);
  expect(out).toHaveLength(secret.length);
  return out;
}

// ── bytes ─────────────────────────────────────────────────────────────────────────────────

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Random bytes that start with a recognisable ASCII marker (to look for leaks in responses). */
export function payload(marker: string, size = 2048): Buffer {
  const head = Buffer.from(`${marker}\n`);
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

/** /raw/{org}/{repo}/{path} with each segment percent-encoded. */
export function rawPath(org: string, repo: string, file: string): string {
  return `/raw/${encodeURIComponent(org)}/${encodeURIComponent(repo)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

// ── curl ──────────────────────────────────────────────────────────────────────────────────

export type CredForm = 'path' | 'basic' | 'bearer';
export const CRED_FORMS: CredForm[] = ['path', 'basic', 'bearer'];
/** A credential as a native tool presents it. */
export type Cred = { form: CredForm; token: string; user?: string };

export type CurlResult = {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  text: string;
  json: unknown;
  /** The curl command line, for assertion messages. */
  command: string;
  method: string;
};

/** Runs the curl binary; resolves with its exit code and output (never rejects on a curl error). */
export function runCurl(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', args, { cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function parseHeaderBlock(text: string): Record<string, string> {
  // A dump may hold several responses (100 Continue, then the answer): keep the last.
  const blocks = text.split(/\r?\n\r?\n/).filter((b) => /^HTTP\//.test(b.trim()));
  const last = blocks[blocks.length - 1] ?? '';
  const headers: Record<string, string> = {};
  for (const line of last.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

/** `curl` against `base + rawUrlPath`, with the credential in the form asked for. */
export async function curl(base: string, urlPath: string, opts: { cred?: Cred | null; args?: string[]; method?: string; upload?: Buffer } = {}): Promise<CurlResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-curl-'));
  try {
    const bodyFile = path.join(dir, 'body');
    const headerFile = path.join(dir, 'headers');
    let url = base + urlPath;
    const credArgs: string[] = [];
    const cred = opts.cred;
    if (cred?.form === 'path') url = `${base}/t/${cred.token}${urlPath}`;
    if (cred?.form === 'basic') credArgs.push('--user', `${cred.user ?? 'x'}:${cred.token}`);
    if (cred?.form === 'bearer') credArgs.push('--header', `Authorization: Bearer ${cred.token}`);
    const extra: string[] = [];
    if (opts.upload) {
      const file = path.join(dir, 'upload');
      writeFileSync(file, opts.upload);
      extra.push('--upload-file', file); // PUT with the file's bytes, as `curl -T`
    }
    if (opts.method === 'HEAD') extra.push('--head');
    else if (opts.method && !(opts.method === 'PUT' && opts.upload)) extra.push('--request', opts.method);
    const args = [
      '--silent', '--show-error', '--max-time', '60',
      '--output', bodyFile, '--dump-header', headerFile, '--write-out', '%{http_code}',
      ...credArgs, ...extra, ...(opts.args ?? []), url,
    ];
    const run = await runCurl(args);
    const command = `curl ${args.filter((a) => a !== bodyFile && a !== headerFile).join(' ')}`;
    expect(run.code, `${command} failed: ${run.stderr}`).toBe(0);
    const status = Number(run.stdout.trim().slice(-3));
    const headers = existsSync(headerFile) ? parseHeaderBlock(readFileSync(headerFile, 'latin1')) : {};
    // With --head curl writes the headers to --output too: there is no body.
    const body = opts.method === 'HEAD' || !existsSync(bodyFile) ? Buffer.alloc(0) : readFileSync(bodyFile);
    const text = body.toString('utf8');
    let json: unknown = null;
    if (/\bjson\b/i.test(headers['content-type'] ?? '')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    return { status, headers, body, text, json, command, method: opts.method ?? (opts.upload ? 'PUT' : 'GET') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const curlGet = (base: string, p: string, cred?: Cred | null, args: string[] = []) => curl(base, p, { cred, args });
export const curlHead = (base: string, p: string, cred?: Cred | null, args: string[] = []) => curl(base, p, { cred, args, method: 'HEAD' });
export const curlPut = (base: string, p: string, bytes: Buffer, cred?: Cred | null, args: string[] = []) =>
  curl(base, p, { cred, args, method: 'PUT', upload: bytes });

/** The error code of a JSON error body ('' when there is none). */
export const errorCode = (r: { json: unknown }) => ((r.json as { error?: { code?: string } } | null)?.error?.code ?? '');

/** A short description of a curl result for assertion messages. */
export const shown = (r: CurlResult) => `${r.command} → ${r.status} ${r.text.slice(0, 300)}`;

/** Asserts the 401 of a native route, with the Basic challenge that makes clients retry. */
export function expectChallenge(r: CurlResult, context = '') {
  expect(r.status, `${context} ${shown(r)}`).toBe(401);
  expect(r.headers['www-authenticate'], `${context} WWW-Authenticate of ${r.command}`).toBe('Basic realm="Tollgate"');
  // HEAD answers carry no body to hold the error code
  if (r.method !== 'HEAD') expect(errorCode(r), `${context} error code of ${r.command}`).toBe('unauthenticated');
}

/** Uploads bytes with curl (201 expected) and checks the answer. */
export async function upload(base: string, org: string, repo: string, file: string, bytes: Buffer, cred: Cred) {
  const res = await curlPut(base, rawPath(org, repo, file), bytes, cred);
  expect(res.status, shown(res)).toBe(201);
  expect(res.json).toEqual({ path: file, size: bytes.length, sha256: sha256(bytes) });
  return res;
}

// ── an upload that dies halfway ───────────────────────────────────────────────────────────

/**
 * Starts a PUT that announces `declared` bytes, writes `sent` bytes and waits `settleMs`, with
 * the socket still open. `abort()` then destroys the socket (a client that goes away mid-upload).
 */
export async function startPartialPut(
  baseUrl: string,
  urlPath: string,
  token: string,
  opts: { declared?: number; sent?: number; settleMs?: number } = {},
): Promise<{ abort: () => void; response: Promise<number | 'no response'> }> {
  const declared = opts.declared ?? 8 * 1024 * 1024;
  const sent = opts.sent ?? 1024 * 1024;
  const u = new URL(baseUrl);
  const req = http.request({
    host: u.hostname,
    port: u.port,
    method: 'PUT',
    path: urlPath,
    headers: { authorization: `Bearer ${token}`, 'content-length': String(declared), 'content-type': 'application/octet-stream' },
  });
  const response = new Promise<number | 'no response'>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('no response'));
    req.on('close', () => resolve('no response'));
  });
  const chunk = randomBytes(64 * 1024);
  for (let written = 0; written < sent; written += chunk.length) {
    if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
  }
  await new Promise((r) => setTimeout(r, opts.settleMs ?? 500));
  return { abort: () => req.destroy(), response };
}

/** The names in `${dataDir}/blobs/tmp` (an empty list when the directory is missing). */
export function tmpUploads(dataDir: string): string[] {
  const dir = path.join(dataDir, 'blobs', 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

// ── a server that survives a restart ──────────────────────────────────────────────────────

export type PersistentStore = {
  dataDir: string;
  databaseUrl?: string;
  /** Starts a server on this DATA_DIR (and database, on PostgreSQL). */
  start(): Promise<RunningServer>;
  /** Removes the DATA_DIR and drops the database. Stop the servers first. */
  dispose(): Promise<void>;
};

/**
 * A DATA_DIR (and, on PostgreSQL, a database) owned by the test, so that a server can be stopped
 * and started again on the same data. startServer() lets `env` win over what it sets, so the
 * server gets our DATA_DIR / DATABASE_URL; the scratch directory and database startServer makes
 * for itself stay unused and are removed by its stop().
 */
export async function persistentStore(): Promise<PersistentStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-e2e-persist-'));
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  const adminUrl = process.env.TEST_PG_URL;
  if (testDatabaseKind() === 'postgresql') {
    if (!adminUrl) throw new Error('TOLLGATE_TEST_DB=postgresql needs TEST_PG_URL');
    dbName = `tollgate_persist_${randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${dbName}"`);
    } finally {
      await c.end();
    }
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  return {
    dataDir,
    databaseUrl,
    start: () => startServer({ env: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } }),
    dispose: async () => {
      if (dbName && adminUrl) {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
        } finally {
          await c.end();
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { sleep } from './helpers';

export { sleep };

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function poll<T>(fn: () => Promise<T>, timeoutMs = 10_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await fn();
  while (!value && Date.now() < deadline) {
    await sleep(everyMs);
    value = await fn();
  }
  return value;
}
