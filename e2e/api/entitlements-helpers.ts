/**
 * Shared by the entitlement specs: an org with a distribution and a private raw repository and
 * files in them, entitlement creation, and native requests sent with node:http so the test can
 * choose the source address (`localAddress`: 127.0.0.2, ::1 …) and the credential form.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, type Api } from '../support/fixtures';
import type { EntitlementView } from '../../lib/entitlements/schema';
import { signup, uid, type Account } from './helpers';
import { createRepo, payload, resourceToken, upload, type Cred } from './pat-helpers';

export type Ent = EntitlementView;
export type EntWorld = { owner: Account; org: string; pat: string; cred: Cred; base: string; files: Record<string, Buffer> };

export const ENT_RE = /^tge_[0-9A-Za-z]{38}$/;

/** An org with raw repositories `dist` (distribution) and `priv` (private); `dist` holds app-1.0.tar.gz (1000 bytes), app-2.0.tar.gz and docs/readme.txt. */
export async function entWorld(api: Api): Promise<EntWorld> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'dist', format: 'raw', visibility: 'distribution' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'priv', format: 'raw', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  const cred: Cred = { form: 'bearer', token: secret };
  const files: Record<string, Buffer> = {
    'app-1.0.tar.gz': payload('app one', 1000),
    'app-2.0.tar.gz': payload('app two', 1000),
    'docs/readme.txt': payload('readme', 300),
  };
  for (const [file, bytes] of Object.entries(files)) await upload(api.url, org, 'dist', file, bytes, cred);
  await upload(api.url, org, 'priv', 'secret.bin', payload('private', 100), cred);
  return { owner, org, pat: secret, cred, base: api.url, files };
}

export const entUrl = (org: string, id = '') => `/api/v1/orgs/${org}/entitlements${id ? `/${id}` : ''}`;

/** POST …/entitlements (201 expected). */
export async function createEnt(api: Api, cookie: string, org: string, body: Record<string, unknown>): Promise<{ entitlement: Ent; secret: string }> {
  const res = await api.post<{ entitlement: Ent; secret: string }>(entUrl(org), { name: 'Acme Corp key', repositories: ['dist'], ...body }, { cookie });
  expect(res.status, `create entitlement: ${res.text.slice(0, 800)}`).toBe(201);
  return res.json;
}

export async function patchEnt(api: Api, cookie: string, org: string, id: string, body: Record<string, unknown>): Promise<Ent> {
  const res = await api.patch<{ entitlement: Ent }>(entUrl(org, id), body, { cookie });
  expect(res.status, `patch entitlement: ${res.text.slice(0, 800)}`).toBe(200);
  return res.json.entitlement;
}

export async function getEnt(api: Api, cookie: string, org: string, id: string): Promise<Ent> {
  const res = await api.get<{ entitlement: Ent }>(entUrl(org, id), { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json.entitlement;
}

export type NativeResult = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string; code: string };

export type NativeOptions = {
  /** How the secret is presented (default bearer). */
  form?: 'path' | 'basic' | 'bearer' | 'path-dash';
  method?: string;
  /** The client's source address (127.0.0.2 …); with `host: '::1'` an IPv6 loopback connection. */
  localAddress?: string;
  host?: string;
  headers?: Record<string, string>;
  body?: Buffer;
};

/** One native request with node:http (no pooling): the credential in the form asked for, from the address asked for. */
export function native(base: string, urlPath: string, secret: string | null, opts: NativeOptions = {}): Promise<NativeResult> {
  const u = new URL(base);
  const form = opts.form ?? 'bearer';
  let p = urlPath;
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (secret) {
    if (form === 'path') p = `/t/${secret}${urlPath}`;
    else if (form === 'path-dash') p = `/t/${secret.replace(/^tge_/, 'tge-')}${urlPath}`;
    else if (form === 'basic') headers.authorization = `Basic ${Buffer.from(`customer:${secret}`).toString('base64')}`;
    else headers.authorization = `Bearer ${secret}`;
  }
  if (opts.body) headers['content-length'] = String(opts.body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: opts.host ?? u.hostname, port: Number(u.port), path: p, method: opts.method ?? 'GET', headers, localAddress: opts.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          let code = '';
          if (/json/.test(res.headers['content-type'] ?? '')) {
            try {
              code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
            } catch {
              code = '';
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, code });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const rawFile = (org: string, file: string, repo = 'dist') => `/raw/${org}/${repo}/${file}`;

/** Asserts a 403 with the reason code. */
export function expectReason(r: NativeResult, code: string, context = '') {
  expect(r.status, `${context} ${r.status} ${r.text.slice(0, 300)}`).toBe(403);
  expect(r.code, `${context} ${r.text.slice(0, 300)}`).toBe(code);
}

/** The counters the hot path keeps, read from the database. */
export type Counters = { downloadCount: number; bytesCount: number; clientCount: number };

// ── npm, as e2e/api/npm.spec.ts drives it (throwaway userconfig and cache) ─────────────────

export type Run = { code: number; stdout: string; stderr: string };

export function npm(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))) as NodeJS.ProcessEnv;
    execFile('npm', args, { cwd, env: { ...env, NO_UPDATE_NOTIFIER: '1' }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export const npmShown = (r: Run) => `exit ${r.code}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-3000)}`;

/** A userconfig with the registry and, when given, its _authToken. */
export function npmrc(dir: string, registry: string, token: string | null): string {
  const file = path.join(dir, `npmrc-${uid()}`);
  const lines = [`registry=${registry}`, 'audit=false', 'fund=false', 'update-notifier=false'];
  if (token) lines.push(`${registry.replace(/^https?:/, '')}:_authToken=${token}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export const npmCommon = (dir: string, registry: string, userconfig: string) => ['--registry', registry, '--userconfig', userconfig, '--cache', path.join(dir, `cache-${uid()}`)];

export function npmPackage(dir: string, name: string, version: string): string {
  const src = path.join(dir, `src-${uid()}`);
  mkdirSync(src);
  writeFileSync(path.join(src, 'package.json'), JSON.stringify({ name, version, main: 'index.js', license: 'MIT' }, null, 2));
  writeFileSync(path.join(src, 'index.js'), `module.exports = ${JSON.stringify(`${name}@${version}`)};\n`);
  return src;
}

export function npmPublish(dir: string, registry: string, token: string, src: string): Promise<Run> {
  return npm(['publish', ...npmCommon(dir, registry, npmrc(dir, registry, token))], src);
}

export async function npmInstall(dir: string, registry: string, token: string | null, specs: string[]): Promise<{ run: Run; project: string }> {
  const project = path.join(dir, `project-${uid()}`);
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const run = await npm(['install', '--no-audit', '--no-fund', '--no-package-lock', ...npmCommon(dir, registry, npmrc(dir, registry, token)), ...specs], project);
  return { run, project };
}
