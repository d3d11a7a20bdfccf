/**
 * Helpers for the signed-URL and audit specs: an org with a private raw repository holding one
 * file, members in each role that matters, minting and rotating through the API, and fetching a
 * signed URL with the real curl binary and no other credential.
 */
import { expect, type Api } from '../support/fixtures';
import { addMember, signup, uid, type Account, type Member } from './helpers';
import { createRepo, curl, payload, resourceToken, setRepoRole, upload, type CurlResult } from './pat-helpers';

export type SignedUrl = { url: string; expiresAt: string; path: string; keyVersion: number };

export type SignedWorld = {
  owner: Account;
  org: string;
  repo: string;
  file: string;
  bytes: Buffer;
  other: string;
  otherBytes: Buffer;
};

/** An org with a private raw repository `dist` holding two files. */
export async function signedWorld(api: Api): Promise<SignedWorld> {
  const owner = await signup(api);
  const org = owner.org.slug;
  const repo = 'dist';
  await createRepo(api, { cookie: owner.cookie }, org, { name: repo, format: 'raw', visibility: 'private' });
  const writer = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'write' }]);
  const file = `app-${uid()}.tar.gz`;
  const bytes = payload(`signed ${file}`, 64 * 1024);
  const other = `other-${uid()}.tar.gz`;
  const otherBytes = payload(`other ${other}`, 4096);
  await upload(api.url, org, repo, file, bytes, { form: 'bearer', token: writer.secret });
  await upload(api.url, org, repo, other, otherBytes, { form: 'bearer', token: writer.secret });
  return { owner, org, repo, file, bytes, other, otherBytes };
}

export const mintPath = (org: string, repo: string) => `/api/v1/orgs/${org}/repos/${repo}/signed-urls`;
export const rotatePath = (org: string) => `/api/v1/orgs/${org}/signing-key/rotate`;

/** POST …/signed-urls, 201 expected. */
export async function mint(api: Api, auth: { cookie?: string; token?: string }, w: Pick<SignedWorld, 'org' | 'repo'>, path: string, expiresIn?: string): Promise<SignedUrl> {
  const res = await api.post<SignedUrl>(mintPath(w.org, w.repo), expiresIn === undefined ? { path } : { path, expiresIn }, auth);
  expect(res.status, `mint ${path}: ${res.text.slice(0, 500)}`).toBe(201);
  return res.json;
}

/** POST …/signing-key/rotate, 200 expected: the new version. */
export async function rotate(api: Api, cookie: string, org: string): Promise<number> {
  const res = await api.post<{ version: number }>(rotatePath(org), undefined, { cookie });
  expect(res.status, `rotate: ${res.text.slice(0, 500)}`).toBe(200);
  return res.json.version;
}

/** curl of a full URL with no credential at all. */
export function curlUrl(url: string, opts: { args?: string[]; method?: string } = {}): Promise<CurlResult> {
  const u = new URL(url);
  return curl(u.origin, `${u.pathname}${u.search}`, { cred: null, ...opts });
}

/** The URL with one query parameter replaced. */
export function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}

/** Changes one character of the signature's MAC (its last part). */
export function tamperSignature(url: string): string {
  const sig = new URL(url).searchParams.get('signature')!;
  const i = sig.length - 5;
  const c = sig[i] === 'A' ? 'B' : 'A';
  return withParam(url, 'signature', `${sig.slice(0, i)}${c}${sig.slice(i + 1)}`);
}

/** A refused signed URL: 401 in the error shape, and no bytes of the file. */
export function expectRefused(r: CurlResult, file: Buffer, context: string) {
  expect(r.status, `${context}: ${r.command} → ${r.status} ${r.text.slice(0, 200)}`).toBe(401);
  expect(r.headers['content-type'] ?? '', context).toMatch(/application\/json/);
  expect((r.json as { error?: { code?: string } } | null)?.error?.code, context).toBe('unauthenticated');
  expect(r.body.includes(file.subarray(0, 256)), `${context}: no bytes of the file`).toBe(false);
  // No Basic challenge: a browser opening a dead link shows the error, not a login prompt.
  expect(r.headers['www-authenticate'], `${context}: no challenge`).toBeUndefined();
}

/** Members of the world's org in the roles the permission tests need. */
export async function roleMembers(api: Api, w: SignedWorld): Promise<{ reader: Member; uploader: Member; plain: Member; admin: Member }> {
  const [reader, uploader, plain, admin] = [
    await addMember(api, w.owner.cookie, w.org, 'member', 'reader'),
    await addMember(api, w.owner.cookie, w.org, 'member', 'uploader'),
    await addMember(api, w.owner.cookie, w.org, 'member', 'plain'),
    await addMember(api, w.owner.cookie, w.org, 'admin', 'admin'),
  ];
  await setRepoRole(api, { cookie: w.owner.cookie }, w.org, w.repo, reader.user.id, 'reader');
  await setRepoRole(api, { cookie: w.owner.cookie }, w.org, w.repo, uploader.user.id, 'uploader');
  return { reader, uploader, plain, admin };
}
