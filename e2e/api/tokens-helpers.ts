/**
 * Shared by the personal-access-token specs (tokens-create, tokens-lifecycle, tokens-evaluation):
 * an org with private raw repositories and one file, token reads and lists through the management
 * API, a download of that file through the real `curl` binary, and a date check.
 */
import { expect, type Api } from '../support/fixtures';
import { signup, uid, type Account } from './helpers';
import { CRED_FORMS, createRepo, curlGet, payload, rawPath, resourceToken, upload, type Page, type Token } from './pat-helpers';

export type World = { owner: Account; org: string; fileBytes: Buffer; file: string };

/** An org with private raw repositories `libs` (holding one file) and `app`. */
export async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'libs', format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'app', format: 'raw', visibility: 'private' });
  const writer = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  const fileBytes = payload(`libs file ${uid()}`);
  const file = 'lib-1.0.tgz';
  await upload(api.url, org, 'libs', file, fileBytes, { form: 'bearer', token: writer.secret });
  return { owner, org, fileBytes, file };
}

export const getToken = (api: Api, cookie: string, id: string) => api.get<{ token: Token; secret?: string }>(`/api/v1/tokens/${id}`, { cookie });
export const listTokens = (api: Api, cookie: string, query = '') => api.get<Page<Token>>(`/api/v1/tokens${query}`, { cookie });
export const ids = (page: Page<Token>) => page.items.map((t) => t.id);

/** Downloads the world's file with a secret (curl, Basic): the status. */
export async function download(api: Api, w: World, secret: string, form: (typeof CRED_FORMS)[number] = 'basic'): Promise<number> {
  const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: secret });
  if (r.status === 200) expect(r.body.equals(w.fileBytes)).toBe(true);
  return r.status;
}

export const near = (iso: string | null, expected: number, toleranceMs = 60_000) => {
  expect(iso, 'a date').not.toBeNull();
  const t = Date.parse(iso!);
  expect(new Date(t).toISOString()).toBe(iso);
  expect(Math.abs(t - expected), `${iso} is within ${toleranceMs} ms of ${new Date(expected).toISOString()}`).toBeLessThanOrEqual(toleranceMs);
};
