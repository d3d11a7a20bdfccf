/**
 * Repository roles (docs/http.md "Repositories and files", docs/permissions.md "Roles"): what each role may
 * do through the management API and the raw route (curl), public and distribution repositories, and
 * setting and removing repository members.
 */
import { test, expect, type ApiResponse } from '../support/fixtures';
import { addMember, expectError, signIn, signup, type Member } from './helpers';
import {
  createRepo,
  curlGet,
  curlPut,
  expectChallenge,
  listFiles,
  payload,
  rawPath,
  resourceToken,
  setRepoRole,
  shown,
  upload,
  type Page,
  type Repo,
  type RepoMember,
} from './pat-helpers';
import { ALL_REPO_SCOPES, ownerWorld, repoUrl, sorted } from './repos-helpers';

const ROLE_SCOPES: Record<string, string[]> = {
  reader: ['artifact:download', 'artifact:view', 'repo:view'],
  uploader: ['artifact:create', 'repo:view'],
  developer: ['artifact:create', 'artifact:download', 'artifact:edit', 'artifact:view', 'repo:view'],
  admin: ALL_REPO_SCOPES,
};

test.describe('roles', () => {
  test('a plain member may create repositories and administers what they create', async ({ api }) => {
    const w = await ownerWorld(api);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'owners', visibility: 'private' });
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'maker');
    const colleague = await addMember(api, w.owner.cookie, w.org, 'member', 'colleague');
    const mine = await createRepo(api, { cookie: member.cookie }, w.org, { name: 'mine', visibility: 'private' });
    expect(sorted(mine.permissions)).toEqual(ALL_REPO_SCOPES);
    const members = await api.get<Page<RepoMember>>(`${repoUrl(w.org, 'mine')}/members`, { cookie: member.cookie });
    expect(members.status, members.text).toBe(200);
    expect(members.json.items).toContainEqual(expect.objectContaining({ userId: member.user.id, email: member.email, role: 'admin' }));

    // they administer it
    expect((await api.patch(repoUrl(w.org, 'mine'), { description: 'mine' }, { cookie: member.cookie })).status).toBe(200);
    await setRepoRole(api, { cookie: member.cookie }, w.org, 'mine', colleague.user.id, 'reader');
    const cookie = await signIn(api, member.email, member.password);
    const t = await resourceToken(api, cookie, w.org, [{ repo: 'mine', access: 'manage' }]);
    await upload(api.url, w.org, 'mine', 'm.bin', payload('member file'), { form: 'bearer', token: t.secret });
    expect((await api.delete(`${repoUrl(w.org, 'mine')}/files/m.bin`, { cookie: member.cookie })).status).toBe(204);

    // and nothing else: the owner's private repository is invisible to them
    for (const [method, p, body] of [
      ['GET', repoUrl(w.org, 'owners'), undefined],
      ['PATCH', repoUrl(w.org, 'owners'), { description: 'x' }],
      ['DELETE', repoUrl(w.org, 'owners'), undefined],
      ['GET', `${repoUrl(w.org, 'owners')}/files`, undefined],
      ['GET', `${repoUrl(w.org, 'owners')}/members`, undefined],
      ['PUT', `${repoUrl(w.org, 'owners')}/members/${member.user.id}`, { role: 'admin' }],
    ] as const) {
      expectError(await api.request(method, p, body, { cookie: member.cookie }), 404, 'not_found', `member ${method} ${p}`);
    }
    // the owner sees and administers the member's repository too
    const asOwner = await api.get<Repo>(repoUrl(w.org, 'mine'), { cookie: w.owner.cookie });
    expect(sorted(asOwner.json.permissions)).toEqual(ALL_REPO_SCOPES);
    // finally the member deletes it
    expect((await api.delete(repoUrl(w.org, 'mine'), { cookie: member.cookie })).status).toBe(204);
  });

  test('reader, uploader, developer and admin: what each role may do', async ({ api }) => {
    const w = await ownerWorld(api);
    const c = { cookie: w.owner.cookie };
    await createRepo(api, c, w.org, { name: 'r', visibility: 'private' });
    const original = payload('role matrix file');
    await upload(api.url, w.org, 'r', 'base.bin', original, w.cred);
    const target = await addMember(api, w.owner.cookie, w.org, 'member', 'target');

    const people: Record<string, Member & { cookie: string }> = {};
    for (const role of ['reader', 'uploader', 'developer', 'admin']) {
      const m = await addMember(api, w.owner.cookie, w.org, 'member', role);
      await setRepoRole(api, c, w.org, 'r', m.user.id, role);
      people[role] = { ...m, cookie: await signIn(api, m.email, m.password) };
    }
    const may: Record<string, { files: boolean; edit: boolean; members: boolean; deleteFile: boolean; download: boolean; upload: boolean }> = {
      reader: { files: true, edit: false, members: false, deleteFile: false, download: true, upload: false },
      uploader: { files: false, edit: false, members: false, deleteFile: false, download: false, upload: true },
      developer: { files: true, edit: false, members: false, deleteFile: false, download: true, upload: true },
      admin: { files: true, edit: true, members: true, deleteFile: true, download: true, upload: true },
    };
    const access = { reader: 'read', uploader: 'upload', developer: 'write', admin: 'manage' } as const;

    for (const [role, can] of Object.entries(may)) {
      const p = people[role]!;
      const auth = { cookie: p.cookie };
      const repo = await api.get<Repo>(repoUrl(w.org, 'r'), auth);
      expect(repo.status, `${role} GET`).toBe(200);
      expect(sorted(repo.json.permissions), `${role} permissions`).toEqual(ROLE_SCOPES[role]);
      // File counts describe the files: hidden from those who may not list them.
      if (can.files) expect(repo.json.fileCount, `${role} sees the count`).toBeGreaterThanOrEqual(1);
      else expect(repo.json, `${role} does not see counts`).toMatchObject({ fileCount: null, totalBytes: null });

      const check = async (allowed: boolean, res: ApiResponse, what: string, ok = 200) => {
        if (allowed) expect(res.status, `${role} ${what}: ${res.text}`).toBe(ok);
        else expectError(res, 403, 'forbidden', `${role} ${what}`);
      };
      await check(can.files, await api.get(`${repoUrl(w.org, 'r')}/files`, auth), 'lists files');
      await check(can.edit, await api.patch(repoUrl(w.org, 'r'), { description: `by ${role}` }, auth), 'edits');
      await check(can.members, await api.get(`${repoUrl(w.org, 'r')}/members`, auth), 'lists members');
      await check(can.members, await api.put(`${repoUrl(w.org, 'r')}/members/${target.user.id}`, { role: 'reader' }, auth), 'sets a role');

      // through a token of the matching access level, on the raw route
      const t = await resourceToken(api, p.cookie, w.org, [{ repo: 'r', access: access[role as keyof typeof access] }]);
      const cred = { form: 'basic' as const, token: t.secret };
      const got = await curlGet(api.url, rawPath(w.org, 'r', 'base.bin'), cred);
      if (can.download) {
        expect(got.status, `${role} downloads: ${shown(got)}`).toBe(200);
        expect(got.body.equals(original)).toBe(true);
      } else {
        expect(got.status, `${role} downloads: ${shown(got)}`).toBe(403);
      }
      const file = `by-${role}.bin`;
      const put = await curlPut(api.url, rawPath(w.org, 'r', file), payload(`by ${role}`), cred);
      expect(put.status, `${role} uploads: ${shown(put)}`).toBe(can.upload ? 201 : 403);

      const victim = can.upload ? file : 'base.bin';
      await check(can.deleteFile, await api.delete(`${repoUrl(w.org, 'r')}/files/${victim}`, auth), `deletes ${victim}`, 204);
      if (role !== 'admin') expectError(await api.delete(repoUrl(w.org, 'r'), auth), 403, 'forbidden', `${role} deletes the repository`);
    }
    expect((await listFiles(api, c, w.org, 'r')).map((f) => f.path).sort()).toEqual(['base.bin', 'by-developer.bin', 'by-uploader.bin']);

    // An org admin is admin on every repository without any repository role.
    const orgAdmin = await addMember(api, w.owner.cookie, w.org, 'admin', 'orgadmin');
    const asAdmin = await api.get<Repo>(repoUrl(w.org, 'r'), { cookie: orgAdmin.cookie });
    expect(sorted(asAdmin.json.permissions)).toEqual(ALL_REPO_SCOPES);
    expect((await api.get(`${repoUrl(w.org, 'r')}/members`, { cookie: orgAdmin.cookie })).status).toBe(200);

    // A member without a role: a private repository does not exist for them.
    const outsider = await addMember(api, w.owner.cookie, w.org, 'member', 'norole');
    expectError(await api.get(repoUrl(w.org, 'r'), { cookie: outsider.cookie }), 404, 'not_found', 'member without role');
    expectError(await api.get(`${repoUrl(w.org, 'r')}/files`, { cookie: outsider.cookie }), 404, 'not_found', 'member without role, files');
    expectError(await api.delete(`${repoUrl(w.org, 'r')}/files/base.bin`, { cookie: outsider.cookie }), 404, 'not_found', 'member without role deletes');

    // The repository admin deletes the repository.
    expect((await api.delete(repoUrl(w.org, 'r'), { cookie: people.admin!.cookie })).status).toBe(204);
  });

  test('public and distribution repositories: who sees what', async ({ api }) => {
    const w = await ownerWorld(api);
    const c = { cookie: w.owner.cookie };
    await createRepo(api, c, w.org, { name: 'pub', visibility: 'public' });
    await createRepo(api, c, w.org, { name: 'dist', visibility: 'distribution' });
    await createRepo(api, c, w.org, { name: 'priv', visibility: 'private' });
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'plain');
    const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');

    // a member without roles reads a public repository, may not change it
    const pub = await api.get<Repo>(repoUrl(w.org, 'pub'), { cookie: member.cookie });
    expect(pub.status).toBe(200);
    expect(sorted(pub.json.permissions)).toEqual(ROLE_SCOPES.reader);
    expectError(await api.patch(repoUrl(w.org, 'pub'), { description: 'x' }, { cookie: member.cookie }), 403, 'forbidden', 'member edits public');
    expectError(await api.get(repoUrl(w.org, 'dist'), { cookie: member.cookie }), 404, 'not_found', 'member on distribution');

    // a distribution manager sees distribution repositories (repo:view only), never private ones
    const dist = await api.get<Repo>(repoUrl(w.org, 'dist'), { cookie: dm.cookie });
    expect(dist.status, dist.text).toBe(200);
    expect(dist.json.permissions).toEqual(['repo:view']);
    expectError(await api.get(`${repoUrl(w.org, 'dist')}/files`, { cookie: dm.cookie }), 403, 'forbidden', 'dm lists files');
    expectError(await api.patch(repoUrl(w.org, 'dist'), { description: 'x' }, { cookie: dm.cookie }), 403, 'forbidden', 'dm edits');
    expectError(await api.get(repoUrl(w.org, 'priv'), { cookie: dm.cookie }), 404, 'not_found', 'dm on private');

    // visibility changes apply at once, on the raw route too
    const bytes = payload('visibility');
    await upload(api.url, w.org, 'priv', 'v.txt', bytes, w.cred);
    expectChallenge(await curlGet(api.url, rawPath(w.org, 'priv', 'v.txt')), 'private, anonymous');
    expect((await api.patch(repoUrl(w.org, 'priv'), { visibility: 'public' }, c)).status).toBe(200);
    const open = await curlGet(api.url, rawPath(w.org, 'priv', 'v.txt'));
    expect(open.status, shown(open)).toBe(200);
    expect(open.body.equals(bytes)).toBe(true);
    expect((await api.get(repoUrl(w.org, 'priv'), { cookie: member.cookie })).status).toBe(200);
    expect((await api.patch(repoUrl(w.org, 'priv'), { visibility: 'distribution' }, c)).status).toBe(200);
    expectChallenge(await curlGet(api.url, rawPath(w.org, 'priv', 'v.txt')), 'distribution, anonymous');
    expect((await api.get(repoUrl(w.org, 'priv'), { cookie: dm.cookie })).status).toBe(200);
    expect((await api.patch(repoUrl(w.org, 'priv'), { visibility: 'private' }, c)).status).toBe(200);
    expectError(await api.get(repoUrl(w.org, 'priv'), { cookie: member.cookie }), 404, 'not_found', 'private again');
    expectError(await api.get(repoUrl(w.org, 'priv'), { cookie: dm.cookie }), 404, 'not_found', 'private again, dm');
  });

  test('repository members: PUT sets or changes a role, DELETE removes it; only org members qualify', async ({ api }) => {
    const w = await ownerWorld(api);
    const c = { cookie: w.owner.cookie };
    await createRepo(api, c, w.org, { name: 'team' });
    const m = await addMember(api, w.owner.cookie, w.org, 'member', 'teammate');
    const set = await api.put<RepoMember>(`${repoUrl(w.org, 'team')}/members/${m.user.id}`, { role: 'reader' }, c);
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ userId: m.user.id, email: m.email, role: 'reader' });
    const changed = await api.put<RepoMember>(`${repoUrl(w.org, 'team')}/members/${m.user.id}`, { role: 'developer' }, c);
    expect(changed.json.role).toBe('developer');
    const list = await api.get<Page<RepoMember>>(`${repoUrl(w.org, 'team')}/members`, c);
    expect(list.status).toBe(200);
    const entries = list.json.items.filter((x) => x.userId === m.user.id);
    expect(entries).toEqual([expect.objectContaining({ userId: m.user.id, email: m.email, role: 'developer' })]);
    expect(sorted((await api.get<Repo>(repoUrl(w.org, 'team'), { cookie: m.cookie })).json.permissions)).toEqual(ROLE_SCOPES.developer);

    // someone who is not a member of the organization, or no one at all
    const stranger = await signup(api);
    for (const userId of [stranger.user.id, 'no-such-user', w.owner.user.id + 'x']) {
      expectError(await api.put(`${repoUrl(w.org, 'team')}/members/${userId}`, { role: 'reader' }, c), 404, 'not_found', `PUT role for ${userId}`);
    }
    expectError(await api.put(`${repoUrl(w.org, 'nope')}/members/${m.user.id}`, { role: 'reader' }, c), 404, 'not_found', 'unknown repository');
    expect((await api.get<Page<RepoMember>>(`${repoUrl(w.org, 'team')}/members`, c)).json.items.map((x) => x.userId)).not.toContain(stranger.user.id);
    expectError(await api.get(repoUrl(w.org, 'team'), { cookie: stranger.cookie }), 404, 'not_found', 'stranger');

    const del = await api.delete(`${repoUrl(w.org, 'team')}/members/${m.user.id}`, c);
    expect(del.status, del.text).toBe(204);
    expect((await api.get<Page<RepoMember>>(`${repoUrl(w.org, 'team')}/members`, c)).json.items.map((x) => x.userId)).not.toContain(m.user.id);
    expectError(await api.delete(`${repoUrl(w.org, 'team')}/members/${m.user.id}`, c), 404, 'not_found', 'DELETE twice');
    expectError(await api.get(repoUrl(w.org, 'team'), { cookie: m.cookie }), 404, 'not_found', 'after removal');
  });
});
