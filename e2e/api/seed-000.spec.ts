/**
 * Seed 000 (Dist's authentication page), end to end: the worked example of personal access tokens.
 *
 *   Alice has Administrator access to acme-app and Developer access to acme-libs.
 *   Token `dev` is scoped to Reader on acme-libs; token `publish` to Uploader across all repos.
 *   → `dev` may only download from acme-libs and has no permission on acme-app;
 *   → `publish` may only upload, to both repositories, and has no other permission on either.
 *
 * Everything goes through the real management API and the raw route driven by the real `curl`
 * binary. Then docs/permissions.md's rule "effective permission = the user's permissions now ∩ the token's
 * grant, evaluated at every request" is checked: demoting Alice shrinks `dev` at once, removing
 * her from the organization kills both tokens at once.
 */
import { test, expect, type Api } from '../support/fixtures';
import { addMember, expectError, signIn, signup, uid, type Account, type Member } from './helpers';
import {
  CRED_FORMS,
  createRepo,
  createToken,
  curlGet,
  curlPut,
  errorCode,
  expectChallenge,
  listFiles,
  payload,
  rawPath,
  scopeToken,
  setRepoRole,
  sha256,
  shown,
  upload,
  type Cred,
  type CreatedToken,
} from './pat-helpers';

type Seed = {
  owner: Account;
  org: string;
  alice: Member;
  aliceCookie: string;
  dev: CreatedToken;
  publish: CreatedToken;
  /** A file the owner put in each repository, to try downloading. */
  appFile: { path: string; bytes: Buffer };
  libsFile: { path: string; bytes: Buffer };
};

/** The configuration of the seed, built through the API. */
async function seed(api: Api): Promise<Seed> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'acme-app', format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'acme-libs', format: 'raw', visibility: 'private' });

  // Alice is invited as a plain member and accepts.
  const alice = await addMember(api, owner.cookie, org, 'member', 'alice');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'acme-app', alice.user.id, 'admin');
  await setRepoRole(api, { cookie: owner.cookie }, org, 'acme-libs', alice.user.id, 'developer');

  // The owner puts one file in each repository (with an owner token, through curl).
  const ownerToken = await scopeToken(api, owner.cookie, org, ['repo:view', 'artifact:view', 'artifact:download', 'artifact:create']);
  const appFile = { path: `releases/app-${uid()}.tar.gz`, bytes: payload('acme-app release') };
  const libsFile = { path: `libs/lib-${uid()}.zip`, bytes: payload('acme-libs library') };
  await upload(api.url, org, 'acme-app', appFile.path, appFile.bytes, { form: 'bearer', token: ownerToken.secret });
  await upload(api.url, org, 'acme-libs', libsFile.path, libsFile.bytes, { form: 'bearer', token: ownerToken.secret });

  // Alice signs in (a browser session) and creates her two tokens.
  const aliceCookie = await signIn(api, alice.email, alice.password);
  const dev = await createToken(api, aliceCookie, { org, name: 'dev', type: 'resource', resources: [{ repo: 'acme-libs', access: 'read' }] });
  const publish = await createToken(api, aliceCookie, { org, name: 'publish', type: 'resource', resources: [{ repo: '*', access: 'upload' }] });
  expect(dev.token).toMatchObject({ name: 'dev', type: 'resource', status: 'active', org, resources: [{ repo: 'acme-libs', access: 'read' }] });
  expect(publish.token).toMatchObject({ name: 'publish', type: 'resource', status: 'active', org, resources: [{ repo: '*', access: 'upload' }] });

  return { owner, org, alice, aliceCookie, dev, publish, appFile, libsFile };
}

const cred = (t: CreatedToken, form: Cred['form'] = 'basic'): Cred => ({ form, token: t.secret });

test.describe('seed 000: personal access tokens scoped below their user', () => {
  test('Alice holds admin on acme-app and developer on acme-libs', async ({ api }) => {
    const s = await seed(api);
    const members = async (repo: string) =>
      (await api.get<{ items: { userId: string; role: string }[] }>(`/api/v1/orgs/${s.org}/repos/${repo}/members`, { cookie: s.owner.cookie })).json.items;
    expect(await members('acme-app')).toContainEqual(expect.objectContaining({ userId: s.alice.user.id, role: 'admin' }));
    expect(await members('acme-libs')).toContainEqual(expect.objectContaining({ userId: s.alice.user.id, role: 'developer' }));
    // Alice herself, signed in, can download and upload on both (her own permissions are wider than her tokens).
    const app = await api.get<{ permissions: string[] }>(`/api/v1/orgs/${s.org}/repos/acme-app`, { cookie: s.aliceCookie });
    expect(app.json.permissions).toEqual(expect.arrayContaining(['artifact:download', 'artifact:create', 'artifact:delete', 'repo:delete']));
    const libs = await api.get<{ permissions: string[] }>(`/api/v1/orgs/${s.org}/repos/acme-libs`, { cookie: s.aliceCookie });
    expect(libs.json.permissions).toEqual(expect.arrayContaining(['artifact:download', 'artifact:create', 'artifact:edit']));
    expect(libs.json.permissions).not.toContain('artifact:delete');
  });

  test('`dev` only downloads from acme-libs and has no permission on acme-app', async ({ api }) => {
    const s = await seed(api);
    const base = api.url;

    for (const form of CRED_FORMS) {
      // downloads from acme-libs: 200, the exact bytes
      const got = await curlGet(base, rawPath(s.org, 'acme-libs', s.libsFile.path), cred(s.dev, form));
      expect(got.status, shown(got)).toBe(200);
      expect(sha256(got.body)).toBe(sha256(s.libsFile.bytes));
      expect(got.body.equals(s.libsFile.bytes)).toBe(true);

      // no permission at all on acme-app: its existence is not even disclosed
      const appGet = await curlGet(base, rawPath(s.org, 'acme-app', s.appFile.path), cred(s.dev, form));
      expect(appGet.status, shown(appGet)).toBe(404);
      expect(appGet.text).not.toContain('acme-app release');
      const appPut = await curlPut(base, rawPath(s.org, 'acme-app', `dev-${form}-${uid()}.txt`), payload('dev to app'), cred(s.dev, form));
      expect(appPut.status, shown(appPut)).toBe(404);

      // cannot upload to acme-libs (it sees the repository, so 403 insufficient_scope)
      const libsPut = await curlPut(base, rawPath(s.org, 'acme-libs', `dev-${form}-${uid()}.txt`), payload('dev to libs'), cred(s.dev, form));
      expect(libsPut.status, shown(libsPut)).toBe(403);
      expect(errorCode(libsPut)).toBe('insufficient_scope');
    }

    // Nothing was written by the refused uploads.
    expect((await listFiles(api, { cookie: s.owner.cookie }, s.org, 'acme-app')).map((f) => f.path)).toEqual([s.appFile.path]);
    expect((await listFiles(api, { cookie: s.owner.cookie }, s.org, 'acme-libs')).map((f) => f.path)).toEqual([s.libsFile.path]);

    // Through the management API, too: no delete, no settings, and acme-app is invisible.
    const del = await api.delete(`/api/v1/orgs/${s.org}/repos/acme-libs/files/${s.libsFile.path}`, { token: s.dev.secret });
    expectError(del, 403, 'insufficient_scope', 'dev deletes a file of acme-libs');
    const patch = await api.patch(`/api/v1/orgs/${s.org}/repos/acme-libs`, { description: 'by dev' }, { token: s.dev.secret });
    expectError(patch, 403, 'insufficient_scope', 'dev edits acme-libs');
    expectError(await api.get(`/api/v1/orgs/${s.org}/repos/acme-app`, { token: s.dev.secret }), 404, 'not_found', 'dev reads acme-app');
    expectError(await api.get(`/api/v1/orgs/${s.org}/repos/acme-app/files`, { token: s.dev.secret }), 404, 'not_found', 'dev lists acme-app');
  });

  test('`publish` uploads to both repositories and can do nothing else', async ({ api }) => {
    const s = await seed(api);
    const base = api.url;

    for (const repo of ['acme-app', 'acme-libs']) {
      for (const form of CRED_FORMS) {
        // uploads: 201
        const file = `ci/${repo}-${form}-${uid()}.bin`;
        const bytes = payload(`published to ${repo} with ${form}`);
        await upload(base, s.org, repo, file, bytes, cred(s.publish, form));

        // cannot download, not even what it uploaded itself
        for (const target of [file, repo === 'acme-app' ? s.appFile.path : s.libsFile.path]) {
          const got = await curlGet(base, rawPath(s.org, repo, target), cred(s.publish, form));
          expect(got.status, shown(got)).toBe(403);
          expect(errorCode(got)).toBe('insufficient_scope');
          expect(got.body.includes(Buffer.from('published to'))).toBe(false);
          expect(got.body.includes(Buffer.from('acme-'))).toBe(false);
        }
      }

      // cannot delete files through the API (Bearer)
      const existing = repo === 'acme-app' ? s.appFile.path : s.libsFile.path;
      const del = await api.delete(`/api/v1/orgs/${s.org}/repos/${repo}/files/${existing}`, { token: s.publish.secret });
      expect([403, 404], `publish deletes ${repo}/${existing}: ${del.status} ${del.text}`).toContain(del.status);
      expectError(del, del.status, undefined, `publish deletes ${repo}/${existing}`);
      // no other permission: no file list, no settings, no members, no deletion of the repository
      for (const [method, p, body] of [
        ['GET', `/api/v1/orgs/${s.org}/repos/${repo}/files`, undefined],
        ['PATCH', `/api/v1/orgs/${s.org}/repos/${repo}`, { description: 'by publish' }],
        ['GET', `/api/v1/orgs/${s.org}/repos/${repo}/members`, undefined],
        ['DELETE', `/api/v1/orgs/${s.org}/repos/${repo}`, undefined],
      ] as const) {
        const res = await api.request(method, p, body, { token: s.publish.secret });
        expect([403, 404], `publish ${method} ${p}: ${res.status} ${res.text}`).toContain(res.status);
        expectError(res, res.status, undefined, `publish ${method} ${p}`);
      }
    }

    // The owner sees the uploads and the original files, untouched.
    const app = await listFiles(api, { cookie: s.owner.cookie }, s.org, 'acme-app');
    expect(app.map((f) => f.path)).toContain(s.appFile.path);
    expect(app).toHaveLength(1 + CRED_FORMS.length);
    const libs = await listFiles(api, { cookie: s.owner.cookie }, s.org, 'acme-libs');
    expect(libs.map((f) => f.path)).toContain(s.libsFile.path);
    expect(libs).toHaveLength(1 + CRED_FORMS.length);
    // uploaded as Alice
    expect(app.filter((f) => f.path.startsWith('ci/')).every((f) => f.uploader === s.alice.email || f.uploader === s.alice.user.id)).toBe(true);
  });

  test('demoting Alice shrinks her tokens at once; removing her from the org kills them', async ({ api }) => {
    const s = await seed(api);
    const base = api.url;
    const libs = rawPath(s.org, 'acme-libs', s.libsFile.path);

    // before: dev downloads from acme-libs, publish uploads to both
    expect((await curlGet(base, libs, cred(s.dev))).status).toBe(200);

    // The owner takes Alice's acme-libs role away: dev is now nothing there, at once.
    const removed = await api.delete(`/api/v1/orgs/${s.org}/repos/acme-libs/members/${s.alice.user.id}`, { cookie: s.owner.cookie });
    expect(removed.status, removed.text).toBe(204);
    for (const form of CRED_FORMS) {
      const got = await curlGet(base, libs, cred(s.dev, form));
      expect(got.status, shown(got)).toBe(404);
      expect(got.body.includes(Buffer.from('acme-libs library'))).toBe(false);
      const put = await curlPut(base, rawPath(s.org, 'acme-libs', `after-demotion-${form}-${uid()}.bin`), payload('after'), cred(s.publish, form));
      expect(put.status, shown(put)).toBe(404);
    }
    // publish still uploads to acme-app, where Alice is still admin
    await upload(base, s.org, 'acme-app', `still-${uid()}.bin`, payload('still publishing'), cred(s.publish));
    // and the management API agrees
    expectError(await api.get(`/api/v1/orgs/${s.org}/repos/acme-libs`, { token: s.dev.secret }), 404, 'not_found', 'dev after demotion');

    // The owner removes Alice from the organization: both tokens are dead (401), at once.
    const gone = await api.delete(`/api/v1/orgs/${s.org}/members/${s.alice.user.id}`, { cookie: s.owner.cookie });
    expect(gone.status, gone.text).toBe(204);
    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(base, libs, cred(s.dev, form)), `dev (${form}) after removal`);
      expectChallenge(await curlGet(base, rawPath(s.org, 'acme-app', s.appFile.path), cred(s.dev, form)), `dev (${form}) on acme-app after removal`);
      expectChallenge(
        await curlPut(base, rawPath(s.org, 'acme-app', `after-removal-${form}-${uid()}.bin`), payload('after removal'), cred(s.publish, form)),
        `publish (${form}) after removal`,
      );
      expectChallenge(
        await curlPut(base, rawPath(s.org, 'acme-libs', `after-removal-${form}-${uid()}.bin`), payload('after removal'), cred(s.publish, form)),
        `publish (${form}) on acme-libs after removal`,
      );
    }
    expectError(await api.get(`/api/v1/orgs/${s.org}/repos/acme-app`, { token: s.publish.secret }), 401, 'unauthenticated', 'publish on the API after removal');
    expectError(await api.get(`/api/v1/orgs/${s.org}/repos`, { token: s.dev.secret }), 401, 'unauthenticated', 'dev on the API after removal');

    // Nothing was uploaded after the removal.
    const app = await listFiles(api, { cookie: s.owner.cookie }, s.org, 'acme-app');
    expect(app.some((f) => f.path.startsWith('after-removal-'))).toBe(false);
    const libsFiles = await listFiles(api, { cookie: s.owner.cookie }, s.org, 'acme-libs');
    expect(libsFiles.some((f) => f.path.startsWith('after-'))).toBe(false);
  });
});
