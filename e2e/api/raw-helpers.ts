/**
 * Shared by the raw-route specs (raw-credentials, raw-http, raw-traversal-uploads): an org with a
 * private and a public raw repository and an owner token, the JSON error body of a native route, and
 * a raw TCP exchange for requests `curl` will not send.
 */
import net from 'node:net';
import { expect, type Api } from '../support/fixtures';
import { signup, type Account } from './helpers';
import { createRepo, resourceToken, shown, type Cred, type CurlResult } from './pat-helpers';

export type World = { owner: Account; org: string; token: string; cred: Cred };

/** An org with a private raw repository `files` and a public one `pub`, and an owner token with manage on every repository. */
export async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'files', format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'pub', format: 'raw', visibility: 'public' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  return { owner, org, token: secret, cred: { form: 'bearer', token: secret } };
}

/** JSON error body of a native route (same shape as the management API). */
export function expectNativeError(r: CurlResult, status: number, code?: string) {
  expect(r.status, shown(r)).toBe(status);
  expect(r.headers['content-type'] ?? '', shown(r)).toMatch(/application\/json/);
  const body = r.json as { error?: { code?: string; message?: string } } | null;
  expect(body?.error?.code, shown(r)).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof body?.error?.message).toBe('string');
  if (code) expect(body!.error!.code).toBe(code);
  expect(r.text, 'no stack trace').not.toMatch(/\n\s+at \S+ \(|node_modules|\.tsx?:\d+/);
}

/** Sends bytes on a raw TCP connection and returns everything the server answers. */
export function rawExchange(baseUrl: string, request: string | Buffer): Promise<string> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = net.connect(Number(u.port), u.hostname, () => sock.write(request));
    sock.setTimeout(15_000, () => sock.destroy(new Error('raw exchange timed out')));
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    sock.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    sock.on('error', reject);
  });
}
