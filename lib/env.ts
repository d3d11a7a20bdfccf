// The one door to configuration (docs/http.md "Server"): every variable
// is parsed and defaulted here, once. Nothing else reads process.env.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, 'must be postgresql://… or file:…')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  DOWNLOAD_URL: z.url().optional(),
  TRUST_PROXY: z.string().optional(),
  SIGNUP: z.enum(['open', 'closed']).default('open'),
  // Sign-up attempts per client address per hour (0: no limit). Each attempt
  // costs a scrypt hash and its 409 tells whether an e-mail has an account.
  SIGNUP_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(20),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Tollgate <tollgate@localhost>'),
  AUTH_SECRET: z.string().min(32).optional(),
  // The key that encrypts signing keys at rest (lib/signed-urls/encryption.ts);
  // without it, one is generated into DATA_DIR/secrets.json on first use.
  TOLLGATE_SECRET_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  IDLE_TIMEOUT: z.coerce.number().int().min(1).max(86_400).default(120),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = {
  port: number;
  dataDir: string;
  database: { provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string };
  publicUrl: string;
  /**
   * Base of the package-tool URLs the console prints and the registries link
   * to (PUBLIC_URL unless DOWNLOAD_URL is set): a host of its own never sees
   * the console's session cookie (docs/security.md).
   */
  downloadUrl: string;
  trustProxy: string[];
  signup: 'open' | 'closed';
  signupRateLimit: number;
  smtpUrl: string | null;
  smtpFrom: string;
  authSecret: string;
  /** TOLLGATE_SECRET_KEY, or null: lib/signed-urls/encryption.ts then uses one kept in DATA_DIR. */
  secretKey: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Seconds a connection may stay silent mid-request before it is dropped (server.ts). */
  idleTimeout: number;
};

let cached: Env | null = null;

/** Parsed configuration. Throws a readable error for invalid values. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  // Only this user may enter DATA_DIR (the database, private artifacts and
  // secrets live there); an existing one from an older version is closed too.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dataDir, 0o700);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err; // not ours to change (a mounted volume)
  }

  let database: Env['database'];
  if (e.DATABASE_URL?.startsWith('postgres')) {
    database = { provider: 'postgresql', url: e.DATABASE_URL };
  } else {
    const file = e.DATABASE_URL ? path.resolve(e.DATABASE_URL.replace(/^file:/, '')) : path.join(dataDir, 'tollgate.db');
    database = { provider: 'sqlite', url: `file:${file}`, file };
  }

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  cached = {
    port: e.PORT,
    dataDir,
    database,
    publicUrl,
    downloadUrl: (e.DOWNLOAD_URL ?? publicUrl).replace(/\/+$/, ''),
    trustProxy: (e.TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    signup: e.SIGNUP,
    signupRateLimit: e.SIGNUP_RATE_LIMIT,
    smtpUrl: e.SMTP_URL || null,
    smtpFrom: e.SMTP_FROM,
    authSecret: e.AUTH_SECRET ?? generatedSecret(dataDir, 'authSecret'),
    secretKey: e.TOLLGATE_SECRET_KEY ?? null,
    logLevel: e.LOG_LEVEL,
    idleTimeout: e.IDLE_TIMEOUT,
  };
  return cached;
}

/**
 * A secret generated once and kept in DATA_DIR/secrets.json (mode 0600), so a
 * restart keeps sessions valid without any configuration. Written with an
 * exclusive create so two processes starting together agree on one value.
 */
export function generatedSecret(dataDir: string, key: string): string {
  const file = path.join(dataDir, 'secrets.json');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      if (current[key]) return current[key];
      current[key] = crypto.randomBytes(32).toString('base64url');
      fs.writeFileSync(file, JSON.stringify(current, null, 2), { mode: 0o600 });
      return current[key];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      try {
        fs.writeFileSync(file, JSON.stringify({ [key]: crypto.randomBytes(32).toString('base64url') }, null, 2), {
          mode: 0o600,
          flag: 'wx',
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  }
  throw new Error(`could not read or create ${file}`);
}

/** For tests that change the environment between cases. */
export function resetEnvForTests() {
  cached = null;
}
