// Password hashing with scrypt (Node's built-in, memory-hard). Stored as
// `scrypt$N$r$p$salt$hash` so parameters can be raised later without
// invalidating existing hashes: sign-in rehashes a password whose stored
// parameters are weaker than these (needsRehash).
//
// N = 2^17, r = 8, p = 1 is OWASP's current recommendation for scrypt. Each
// hash then uses 128 * N * r = 128 MiB of memory and about half a second of
// one core (measured on the 2-core CI box); Node's default maxmem (32 MiB)
// would refuse it, hence the explicit bound with headroom.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LEN = 32;
const maxmemFor = (n: number, r: number) => 128 * n * r * 2;
// Refuse stored parameters beyond what we would ever write (a tampered or
// foreign row must not make one sign-in allocate gigabytes).
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export { PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "./password-policy";

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LEN, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

// A real hash of a random password: verifying against it costs the same as a
// real verification, so an unknown e-mail cannot be told apart by timing.
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}

function parse(stored: string) {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const sane = (v: number, max: number) => Number.isSafeInteger(v) && v >= 1 && v <= max;
  if (!sane(params.N, MAX_N) || !sane(params.r, MAX_R) || !sane(params.p, MAX_P)) return null;
  return { ...params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const s = parse(stored);
  if (!s || s.hash.length === 0) return false;
  try {
    const actual = await scrypt(password, s.salt, s.hash.length, { N: s.N, r: s.r, p: s.p, maxmem: maxmemFor(s.N, s.r) });
    return actual.length === s.hash.length && crypto.timingSafeEqual(actual, s.hash);
  } catch {
    return false; // parameters scrypt refuses (N not a power of two): not a match
  }
}

/** True when a stored hash was made with weaker parameters than hashPassword uses now. */
export function needsRehash(stored: string): boolean {
  const s = parse(stored);
  return !s || s.N < N || s.r < R || s.p < P || s.hash.length < KEY_LEN;
}
