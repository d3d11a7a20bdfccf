/**
 * Domain helpers for the management API specs: unique names, accounts, sign-in, invitations,
 * error-shape assertions, raw HTTP (paths the WHATWG URL parser would normalize) and direct
 * database access (to set up states the API cannot reach, such as expired invitations).
 *
 * Tests in one worker share one server, so every helper that creates something uses a unique
 * e-mail address / slug.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { z } from 'zod';
import type { orgRoleSummary, userSummary } from '../../lib/accounts/schema';
import type { createdInvitation } from '../../lib/invitations/schema';
import { createApi, expect, type Api, type ApiResponse } from '../support/fixtures';
import { startServer, type RunningServer } from '../support/server';

// ── unique names ──────────────────────────────────────────────────────────────────────────

let counter = 0;
/** A short identifier unique across workers and runs: [a-z0-9], 12–14 characters. */
export function uid(): string {
  counter += 1;
  return `${Date.now().toString(36).slice(-5)}${randomBytes(4).toString('hex')}${counter.toString(36)}`;
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${uid()}@example.test`;
}

/** A valid org slug (2–39 chars of [a-z0-9-]), unique. */
export function uniqueSlug(tag = 'org'): string {
  return `${tag}-${uid()}`.slice(0, 39);
}

export const PASSWORD = 'correct horse battery staple';

// ── error shape ───────────────────────────────────────────────────────────────────────────

export type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

/** Asserts the docs/http.md error shape, and no stack trace leaking into the body. */
export function expectErrorShape(res: ApiResponse, context = ''): ErrorBody {
  const where = context ? ` (${context})` : '';
  expect(res.headers.get('content-type') ?? '', `JSON content type${where}: ${res.text.slice(0, 300)}`).toMatch(/application\/json/i);
  const body = res.json as ErrorBody | null;
  expect(body, `error body${where}: ${res.text.slice(0, 300)}`).toBeTruthy();
  expect(typeof body!.error, `error object${where}: ${res.text.slice(0, 300)}`).toBe('object');
  expect(body!.error.code, `error.code${where}`).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
  expect(typeof body!.error.message, `error.message${where}`).toBe('string');
  expect(body!.error.message.length, `error.message${where}`).toBeGreaterThan(0);
  if (body!.error.details !== undefined) {
    expect(Array.isArray(body!.error.details), `error.details${where}`).toBe(true);
    for (const d of body!.error.details) {
      expect(typeof d.path, `details[].path${where}`).toBe('string');
      expect(typeof d.message, `details[].message${where}`).toBe('string');
    }
  }
  expect(res.text, `no stack trace${where}`).not.toMatch(/\n\s+at \S+ \(|node_modules|\.tsx?:\d+/);
  return body!;
}

/** Asserts status, error shape and (optionally) code; returns the error body. */
export function expectError(res: ApiResponse, status: number, code?: string, context = ''): ErrorBody {
  const where = context ? ` (${context})` : '';
  expect(res.status, `status${where}: ${res.text.slice(0, 500)}`).toBe(status);
  const body = expectErrorShape(res, context);
  if (code) expect(body.error.code, `error.code${where}`).toBe(code);
  return body;
}

/** The details paths of an error response. */
export function detailPaths(res: ApiResponse): string[] {
  return ((res.json as ErrorBody | null)?.error?.details ?? []).map((d) => d.path);
}

// ── accounts ──────────────────────────────────────────────────────────────────────────────

export type User = z.output<typeof userSummary>;
export type OrgSummary = z.output<typeof orgRoleSummary>;
export type Account = {
  user: User;
  org: OrgSummary;
  email: string;
  password: string;
  /** Cookie header value of the session opened by sign-up. */
  cookie: string;
};

export type SignupInput = { email: string; name: string; password: string; orgName: string; orgSlug: string };

export function signupInput(overrides: Partial<SignupInput> = {}): SignupInput {
  const id = uid();
  return {
    email: `owner-${id}@example.test`,
    name: `Owner ${id}`,
    password: PASSWORD,
    orgName: `Org ${id}`,
    orgSlug: `org-${id}`,
    ...overrides,
  };
}

/** Signs up a new user with a new org (201 expected) and returns the account with its cookie. */
export async function signup(api: Api, overrides: Partial<SignupInput> = {}): Promise<Account> {
  const input = signupInput(overrides);
  const res = await api.post<{ user: User; org: OrgSummary }>('/api/v1/signup', input);
  expect(res.status, `sign-up: ${res.text.slice(0, 500)}`).toBe(201);
  expect(res.cookie, 'sign-up sets a session cookie').toContain('next-auth.session-token=');
  return { user: res.json.user, org: res.json.org, email: res.json.user.email, password: input.password, cookie: res.cookie };
}

/** POST /api/v1/session; expects 200 and returns the new session's cookie. */
export async function signIn(api: Api, email: string, password: string, headers?: Record<string, string>): Promise<string> {
  const res = await api.post('/api/v1/session', { email, password }, { headers });
  expect(res.status, `sign-in of ${email}: ${res.text.slice(0, 500)}`).toBe(200);
  expect(res.cookie).toContain('next-auth.session-token=');
  return res.cookie;
}

/** GET /api/v1/user with a cookie. */
export function whoami(api: Api, cookie: string) {
  return api.get<User & { orgs: OrgSummary[] }>('/api/v1/user', { cookie });
}

// ── invitations ───────────────────────────────────────────────────────────────────────────

export type Invitation = z.output<typeof createdInvitation>;

export const SECRET_RE = /^tgi_[0-9A-Za-z]{38}$/;

export function secretOf(acceptUrl: string): string {
  const secret = acceptUrl.slice(acceptUrl.lastIndexOf('/') + 1);
  expect(secret).toMatch(SECRET_RE);
  return secret;
}

/** Creates an invitation (201 expected); returns it with its secret. */
export async function invite(
  api: Api,
  cookie: string,
  org: string,
  body: { email: string; role: string; repositories?: { repo: string; role: string }[] },
): Promise<Invitation & { secret: string }> {
  const res = await api.post<Invitation>(`/api/v1/orgs/${org}/invitations`, body, { cookie });
  expect(res.status, `invite ${body.email} to ${org}: ${res.text.slice(0, 500)}`).toBe(201);
  return { ...res.json, secret: secretOf(res.json.acceptUrl) };
}

/** POST /api/v1/invitations/{secret}/accept (raw response). */
export function accept(api: Api, secret: string, body: unknown = {}, cookie?: string) {
  return api.post<{ user: User; org: OrgSummary }>(`/api/v1/invitations/${secret}/accept`, body, { cookie });
}

export type Member = { user: User; email: string; password: string; cookie: string };

/** Invites a brand-new user with `role` into `org` and accepts as them; returns their session. */
export async function addMember(api: Api, ownerCookie: string, org: string, role: string, tag = 'member'): Promise<Member> {
  const email = uniqueEmail(tag);
  const inv = await invite(api, ownerCookie, org, { email, role });
  const name = `${tag} ${uid()}`;
  const res = await accept(api, inv.secret, { name, password: PASSWORD });
  expect(res.status, `accept as ${email}: ${res.text.slice(0, 500)}`).toBe(200);
  expect(res.cookie).toContain('next-auth.session-token=');
  return { user: res.json.user, email, password: PASSWORD, cookie: res.cookie };
}

/** A secret with the right shape and checksum that no invitation has (docs/permissions.md "Credentials"). */
export function wellFormedUnknownSecret(kind = 'i'): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let body = '';
  for (const b of randomBytes(32)) body += alphabet[b % 62];
  let n = zlib.crc32(body);
  let sum = '';
  for (let i = 0; i < 6; i++) {
    sum = alphabet[n % 62] + sum;
    n = Math.floor(n / 62);
  }
  return `tg${kind}_${body}${sum}`;
}

// ── raw HTTP ──────────────────────────────────────────────────────────────────────────────

export type RawResponse = ApiResponse & { rawHeaders: http.IncomingHttpHeaders };

/**
 * One request with the path sent byte for byte (fetch would normalize `..`, `%2e` and friends)
 * and any body bytes / headers.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  rawPath: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path: rawPath, headers: { accept: 'application/json', ...opts.headers }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const x of v) headers.append(k, x);
            else if (v !== undefined) headers.set(k, String(v));
          }
          let json: unknown = null;
          if (/\bjson\b/i.test(headers.get('content-type') ?? '')) {
            try {
              json = JSON.parse(text);
            } catch {
              json = null;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers, json, text, cookie: '', rawHeaders: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${rawPath}`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

// ── database ──────────────────────────────────────────────────────────────────────────────

/**
 * Runs SQL against the server's own database (SQLite file in DATA_DIR, or its PostgreSQL
 * database). Write placeholders as $1, $2, …; they become ? for SQLite. Identifiers must be
 * double-quoted (the tables and columns are camelCase).
 */
export async function sql<T = Record<string, unknown>>(server: RunningServer, text: string, params: unknown[] = []): Promise<T[]> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(server.dataDir, 'tollgate.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const stmt = db.prepare(text.replace(/\$\d+/g, '?'));
    if (stmt.reader) return stmt.all(...params) as T[];
    stmt.run(...params);
    return [];
  } finally {
    db.close();
  }
}

/**
 * A date as the database stores it: reads `column` of one row first to learn the storage format
 * (Date on PostgreSQL; an ISO string, a "YYYY-MM-DD HH:MM:SS" string or epoch number on SQLite),
 * then formats `date` the same way.
 */
export function sameFormat(sample: unknown, date: Date): unknown {
  if (sample instanceof Date) return date;
  if (typeof sample === 'number' || typeof sample === 'bigint') {
    // seconds or milliseconds since the epoch
    return Number(sample) < 1e11 ? Math.floor(date.getTime() / 1000) : date.getTime();
  }
  if (typeof sample === 'string') {
    if (/^\d+$/.test(sample)) return String(Number(sample) < 1e11 ? Math.floor(date.getTime() / 1000) : date.getTime());
    const iso = date.toISOString(); // 2025-01-02T03:04:05.678Z
    if (/^\d{4}-\d\d-\d\dT.*Z$/.test(sample)) return sample.includes('.') ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(sample)) {
      const base = iso.replace('T', ' ').replace('Z', '');
      const withMs = sample.includes('.') ? base : base.replace(/\.\d{3}$/, '');
      return /[+-]\d\d:?\d\d$|Z$/.test(sample) ? `${withMs}${sample.endsWith('Z') ? 'Z' : '+00:00'}` : withMs;
    }
    if (/^\d{4}-\d\d-\d\dT/.test(sample)) return iso.replace('Z', '+00:00');
  }
  throw new Error(`unknown date storage format: ${JSON.stringify(sample)} (${typeof sample})`);
}

/** Moves an invitation's expiry into the past, in the storage format of the column. */
export async function expireInvitation(server: RunningServer, id: string): Promise<void> {
  const rows = await sql<{ expiresAt: unknown }>(server, 'SELECT "expiresAt" FROM "Invitation" WHERE "id" = $1', [id]);
  expect(rows, `invitation ${id} in the database`).toHaveLength(1);
  const past = sameFormat(rows[0]!.expiresAt, new Date(Date.now() - 24 * 60 * 60 * 1000));
  await sql(server, 'UPDATE "Invitation" SET "expiresAt" = $1 WHERE "id" = $2', [past, id]);
  const after = await sql<{ expiresAt: unknown }>(server, 'SELECT "expiresAt" FROM "Invitation" WHERE "id" = $1', [id]);
  expect(String(after[0]!.expiresAt)).not.toBe(String(rows[0]!.expiresAt));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` against a server of its own started with `env` (for settings the shared one lacks), then stops it. */
export async function withServer(env: Record<string, string>, fn: (api: Api, server: RunningServer) => Promise<void>) {
  const server = await startServer({ env });
  try {
    await fn(createApi(server.url), server);
  } finally {
    await server.stop();
  }
}
