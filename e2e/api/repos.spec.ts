/**
 * Repositories (API.md "Repositories", PRODUCT.md "Roles and permissions"): creation, defaults,
 * validation, reading, editing and deleting; repository roles and what each role may do through
 * the management API and the raw route (curl); files; isolation between organizations; and what a
 * deletion takes with it (files, roles, token grants).
 */
import { test, expect, type Api, type ApiResponse } from '../support/fixtures';
import { addMember, detailPaths, expectError, expectErrorShape, rawRequest, signIn, signup, uid, type Member } from './helpers';
import {
  CRED_FORMS,
  createRepo,
  curlGet,
  curlHead,
  curlPut,
  expectChallenge,
  listFiles,
  payload,
  rawPath,
  resourceToken,
  scopeToken,
  setRepoRole,
  sha256,
  shown,
  upload,
  type Page,
  type Repo,
  type RepoMember,
  type Token,
} from './pat-helpers';

const ALL_REPO_SCOPES = [
  'artifact:create',
  'artifact:delete',
  'artifact:download',
  'artifact:edit',
  'artifact:view',
  'repo.member:edit',
  'repo.member:view',
  'repo.usage:view',
  'repo:delete',
  'repo:edit',
  'repo:view',
];
const ROLE_SCOPES: Record<string, string[]> = {
  reader: ['artifact:download', 'artifact:view', 'repo:view'],
  uploader: ['artifact:create', 'repo:view'],
  developer: ['artifact:create', 'artifact:download', 'artifact:edit', 'artifact:view', 'repo:view'],
  admin: ALL_REPO_SCOPES,
};

const sorted = (xs: string[]) => [...xs].sort();
const repoUrl = (org: string, repo: string) => `/api/v1/orgs/${org}/repos/${repo}`;

/** An owner with an owner token that manages every repository (for uploads through curl). */
async function ownerWorld(api: Api) {
  const owner = await signup(api);
  const org = owner.org.slug;
  const token = (await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }])).secret;
  return { owner, org, token, cred: { form: 'bearer' as const, token } };
}

test.describe('creating and reading', () => {
  test('POST creates a repository with its id, URLs and the caller\'s permissions', async ({ api, server }) => {
    const owner = await signup(api);
    const org = owner.org.slug;
    const before = Date.now();
    const res = await api.post<Repo>(`/api/v1/orgs/${org}/repos`, { name: 'files', format: 'raw', visibility: 'private', description: 'Release files' }, { cookie: owner.cookie });
    expect(res.status, res.text).toBe(201);
    const repo = res.json;
    expect(repo).toMatchObject({
      id: expect.any(String),
      name: 'files',
      format: 'raw',
      visibility: 'private',
      description: 'Release files',
      fileCount: 0,
      totalBytes: 0,
    });
    expect(repo.urls.raw).toBe(`${server.url}/raw/${org}/files/`);
    expect(sorted(repo.permissions)).toEqual(ALL_REPO_SCOPES);
    for (const t of [repo.createdAt, repo.updatedAt]) {
      expect(new Date(t).toISOString()).toBe(t);
      expect(Math.abs(Date.parse(t) - before)).toBeLessThan(60_000);
    }

    const got = await api.get<Repo>(repoUrl(org, 'files'), { cookie: owner.cookie });
    expect(got.status).toBe(200);
    expect(got.json).toEqual(repo);
    const list = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos`, { cookie: owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((r) => r.id)).toEqual([repo.id]);
    expect(list.json.nextCursor).toBeNull();

    // every format; no description means an empty one
    for (const format of ['pypi', 'npm', 'conda']) {
      const r = await createRepo(api, { cookie: owner.cookie }, org, { name: `${format}-repo`, format });
      expect(r.format).toBe(format);
      expect(r.description).toBe('');
      expect(Object.keys(r.urls).length).toBeGreaterThan(0);
      for (const u of Object.values(r.urls)) expect(u.startsWith(server.url)).toBe(true);
    }
    // the URL in `urls.raw` is where curl uploads and downloads
    const bytes = payload('via urls.raw');
    const token = await resourceToken(api, owner.cookie, org, [{ repo: 'files', access: 'manage' }]);
    await upload(server.url, org, 'files', 'a.bin', bytes, { form: 'basic', token: token.secret });
    const viaUrl = await curlGet((repo.urls.raw ?? '').replace(/\/$/, ''), '/a.bin', { form: 'basic', token: token.secret });
    expect(viaUrl.status, shown(viaUrl)).toBe(200);
    expect(viaUrl.body.equals(bytes)).toBe(true);
    const counted = await api.get<Repo>(repoUrl(org, 'files'), { cookie: owner.cookie });
    expect(counted.json).toMatchObject({ fileCount: 1, totalBytes: bytes.length });
  });

  test('visibility defaults to the organization\'s default visibility', async ({ api }) => {
    const owner = await signup(api);
    const org = owner.org.slug;
    const settings = await api.get<{ settings: { defaultVisibility: string } }>(`/api/v1/orgs/${org}`, { cookie: owner.cookie });
    const initial = settings.json.settings.defaultVisibility;
    expect(['public', 'private', 'distribution']).toContain(initial);
    expect((await createRepo(api, { cookie: owner.cookie }, org, { name: 'first' })).visibility).toBe(initial);
    for (const v of ['public', 'distribution', 'private']) {
      const patch = await api.patch(`/api/v1/orgs/${org}`, { settings: { defaultVisibility: v } }, { cookie: owner.cookie });
      expect(patch.status, patch.text).toBe(200);
      expect((await createRepo(api, { cookie: owner.cookie }, org, { name: `default-${v}` })).visibility).toBe(v);
      // an explicit visibility wins
      const other = v === 'public' ? 'private' : 'public';
      expect((await createRepo(api, { cookie: owner.cookie }, org, { name: `explicit-${v}`, visibility: other })).visibility).toBe(other);
    }
  });

  test('a duplicate name in the same organization is 409; another organization may reuse it', async ({ api }) => {
    const a = await signup(api);
    const b = await signup(api);
    const first = await createRepo(api, { cookie: a.cookie }, a.org.slug, { name: 'libs', format: 'raw' });
    for (const body of [{ name: 'libs', format: 'raw' }, { name: 'libs', format: 'pypi', visibility: 'public' }]) {
      expectError(await api.post(`/api/v1/orgs/${a.org.slug}/repos`, body, { cookie: a.cookie }), 409, 'conflict', `duplicate ${JSON.stringify(body)}`);
    }
    const again = await api.get<Repo>(repoUrl(a.org.slug, 'libs'), { cookie: a.cookie });
    expect(again.json).toMatchObject({ id: first.id, format: 'raw' });
    const elsewhere = await createRepo(api, { cookie: b.cookie }, b.org.slug, { name: 'libs', format: 'npm' });
    expect(elsewhere.id).not.toBe(first.id);
  });

  test('malformed bodies and parameters get 400 with details, never a 5xx', async ({ api }) => {
    const w = await ownerWorld(api);
    const { org, owner } = w;
    await createRepo(api, { cookie: owner.cookie }, org, { name: 'target' });
    const member = await addMember(api, owner.cookie, org, 'member');
    const post = (body: unknown) => api.request('POST', `/api/v1/orgs/${org}/repos`, body, { cookie: owner.cookie });

    const cases: [string, unknown, string[]][] = [
      ['empty object', {}, ['name', 'format']],
      ['no format', { name: 'x1' }, ['format']],
      ['no name', { format: 'raw' }, ['name']],
      ['unknown format', { name: 'x2', format: 'maven' }, ['format']],
      ['unknown visibility', { name: 'x3', format: 'raw', visibility: 'secret' }, ['visibility']],
      ['empty name', { name: '', format: 'raw' }, ['name']],
      ['name with a slash', { name: 'a/b', format: 'raw' }, ['name']],
      ['name "..', { name: '..', format: 'raw' }, ['name']],
      ['name with a space', { name: 'my repo', format: 'raw' }, ['name']],
      ['name with a NUL', { name: 'a\u0000b', format: 'raw' }, ['name']],
      ['name not a string', { name: 42, format: 'raw' }, ['name']],
      ['format not a string', { name: 'x4', format: ['raw'] }, ['format']],
      ['description not a string', { name: 'x5', format: 'raw', description: { text: 'x' } }, ['description']],
    ];
    for (const [what, body, paths] of cases) {
      const res = await post(body);
      expectError(res, 400, 'invalid_request', what);
      for (const p of paths) expect(detailPaths(res), `${what}: ${res.text}`).toContain(p);
    }
    for (const raw of ['not json', '[]', 'null', '42', '"raw"', '{"name":"x"', '{"name": "x", "format": "raw"']) {
      expectError(await post(raw), 400, 'invalid_request', `body ${raw}`);
    }
    // PATCH
    for (const [what, body, p] of [
      ['unknown visibility', { visibility: 'everyone' }, 'visibility'],
      ['visibility not a string', { visibility: true }, 'visibility'],
      ['description not a string', { description: 7 }, 'description'],
    ] as const) {
      const res = await api.patch(repoUrl(org, 'target'), body, { cookie: owner.cookie });
      expectError(res, 400, 'invalid_request', `PATCH ${what}`);
      expect(detailPaths(res)).toContain(p);
    }
    for (const raw of ['nope', '[1]', '{']) {
      expectError(await api.request('PATCH', repoUrl(org, 'target'), raw, { cookie: owner.cookie }), 400, 'invalid_request', `PATCH body ${raw}`);
    }
    // PUT member role
    for (const [what, body] of [
      ['unknown role', { role: 'owner' }],
      ['no role', {}],
      ['role not a string', { role: 1 }],
      ['role superuser', { role: 'superuser' }],
    ] as const) {
      const res = await api.put(`${repoUrl(org, 'target')}/members/${member.user.id}`, body, { cookie: owner.cookie });
      expectError(res, 400, 'invalid_request', `PUT role ${what}`);
      expect(detailPaths(res)).toContain('role');
    }
    // list parameters
    for (const q of ['?limit=0', '?limit=201', '?limit=-1', '?limit=ten']) {
      expectError(await api.get(`/api/v1/orgs/${org}/repos${q}`, { cookie: owner.cookie }), 400, 'invalid_request', `list ${q}`);
      expectError(await api.get(`${repoUrl(org, 'target')}/files${q}`, { cookie: owner.cookie }), 400, 'invalid_request', `files ${q}`);
    }
    // strange path parameters, sent byte for byte: never a 5xx, always the error shape
    const R = `/api/v1/orgs/${org}/repos`;
    const strange: [string[], string][] = [
      [['GET', 'PATCH', 'DELETE'], `${R}/%2e%2e`],
      [['GET', 'PATCH', 'DELETE'], `${R}/${'x'.repeat(300)}`],
      [['GET', 'PATCH', 'DELETE'], `${R}/%00`],
      [['GET', 'PATCH', 'DELETE'], `${R}/%E0%A4%A`],
      [['GET', 'PATCH', 'DELETE'], `${R}/constructor`],
      [['GET'], `${R}/__proto__/members`],
      [['GET'], `${R}/%2e%2e/files`],
      [['PUT', 'DELETE'], `${R}/target/members/${'y'.repeat(300)}`],
      [['PUT', 'DELETE'], `${R}/target/members/__proto__`],
      [['DELETE'], `${R}/target/files/%2e%2e/%2e%2e/etc/passwd`],
      [['DELETE'], `${R}/target/files/${Array.from({ length: 80 }, () => 'd').join('/')}`],
      [['DELETE'], `${R}/target/files/${'f'.repeat(2000)}`],
      [['DELETE'], `${R}/target/files/a%00b`],
    ];
    for (const [methods, p] of strange) {
      for (const method of methods) {
        const body = method === 'PATCH' ? '{"description":"strange"}' : method === 'PUT' ? '{"role":"reader"}' : undefined;
        const res = await rawRequest(api.url, method, p, { headers: { cookie: owner.cookie, 'content-type': 'application/json' }, body });
        // soft: one bad answer must not hide the others
        expect.soft(res.status, `${method} ${p}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
        // Next normalizes encoded dot segments with a redirect; that is not an answer about a repository
        if (/%2e%2e/i.test(p) && res.status >= 300 && res.status < 400) continue;
        expect.soft(res.status, `${method} ${p}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect.soft(res.headers.get('content-type') ?? '', `${method} ${p}: JSON error body`).toMatch(/application\/json/);
        if (res.status >= 400 && res.status < 500) expectErrorShape(res, `${method} ${p}`);
      }
    }
    // NUL characters inside otherwise valid JSON strings, and odd cursors: a 4xx or a success, never a 5xx
    const nul: [string, string, unknown][] = [
      ['POST', R, { name: 'nul-desc', format: 'raw', description: 'a\u0000b' }],
      ['PATCH', `${R}/target`, { description: 'x\u0000y' }],
      ['POST', R, { name: 'x\u0000y', format: 'raw' }],
      ['POST', R, { name: 'nul-fmt', format: 'raw\u0000' }],
    ];
    for (const [method, p, body] of nul) {
      const res = await api.request(method, p, body, { cookie: owner.cookie });
      expect.soft(res.status, `${method} ${p} ${JSON.stringify(body)}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
    await api.request('DELETE', `${R}/nul-desc`, undefined, { cookie: owner.cookie });
    await api.patch(`${R}/target`, { description: '' }, { cookie: owner.cookie });
    for (const list of [R, `${R}/target/files`, `${R}/target/members`]) {
      for (const cursor of ['%00', 'does-not-exist', 'x'.repeat(100), '%27%20OR%201%3D1--']) {
        const res = await rawRequest(api.url, 'GET', `${list}?cursor=${cursor}`, { headers: { cookie: owner.cookie } });
        expect.soft(res.status, `GET ${list}?cursor=${cursor}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expectErrorShape(res, `GET ${list}?cursor=${cursor}`);
      }
    }
    // nothing was created or changed by any of this
    const list = await api.get<Page<Repo>>(`/api/v1/orgs/${org}/repos`, { cookie: owner.cookie });
    expect(list.json.items.map((r) => r.name)).toEqual(['target']);
    const target = await api.get<Repo>(repoUrl(org, 'target'), { cookie: owner.cookie });
    expect(target.json.description).toBe('');
  });

  test('GET, PATCH and DELETE one repository', async ({ api }) => {
    const w = await ownerWorld(api);
    const created = await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'edit-me', visibility: 'private' });
    await new Promise((r) => setTimeout(r, 20));
    const patched = await api.patch<Repo>(repoUrl(w.org, 'edit-me'), { visibility: 'public', description: 'Now public' }, { cookie: w.owner.cookie });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({ id: created.id, name: 'edit-me', visibility: 'public', description: 'Now public', createdAt: created.createdAt });
    expect(Date.parse(patched.json.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    // partial PATCH keeps the rest
    const partial = await api.patch<Repo>(repoUrl(w.org, 'edit-me'), { description: 'Only the text' }, { cookie: w.owner.cookie });
    expect(partial.json).toMatchObject({ visibility: 'public', description: 'Only the text' });
    const got = await api.get<Repo>(repoUrl(w.org, 'edit-me'), { cookie: w.owner.cookie });
    expect(got.json).toMatchObject({ visibility: 'public', description: 'Only the text' });

    const del = await api.delete(repoUrl(w.org, 'edit-me'), { cookie: w.owner.cookie });
    expect(del.status, del.text).toBe(204);
    expect(del.text).toBe('');
    expectError(await api.get(repoUrl(w.org, 'edit-me'), { cookie: w.owner.cookie }), 404, 'not_found', 'GET after delete');
    expectError(await api.patch(repoUrl(w.org, 'edit-me'), { description: 'x' }, { cookie: w.owner.cookie }), 404, 'not_found', 'PATCH after delete');
    expectError(await api.delete(repoUrl(w.org, 'edit-me'), { cookie: w.owner.cookie }), 404, 'not_found', 'DELETE twice');
    expectError(await api.get(`${repoUrl(w.org, 'edit-me')}/files`, { cookie: w.owner.cookie }), 404, 'not_found', 'files after delete');
    const list = await api.get<Page<Repo>>(`/api/v1/orgs/${w.org}/repos`, { cookie: w.owner.cookie });
    expect(list.json.items.map((r) => r.name)).not.toContain('edit-me');
    expectError(await api.get(repoUrl(w.org, 'never-existed'), { cookie: w.owner.cookie }), 404, 'not_found', 'unknown repository');
    expectError(await api.get(repoUrl(`no-org-${uid()}`, 'x'), { cookie: w.owner.cookie }), 404, 'not_found', 'unknown org');
    // without credentials: 401
    expectError(await api.get(repoUrl(w.org, 'never-existed')), 401, 'unauthenticated', 'anonymous GET');
    expectError(await api.post(`/api/v1/orgs/${w.org}/repos`, { name: 'anon', format: 'raw' }), 401, 'unauthenticated', 'anonymous POST');
  });

  test('lists show only what the caller may see, page by page', async ({ api }) => {
    const w = await ownerWorld(api);
    const c = { cookie: w.owner.cookie };
    for (const [name, visibility] of [['a-private', 'private'], ['b-private', 'private'], ['c-public', 'public'], ['d-dist', 'distribution']] as const) {
      await createRepo(api, c, w.org, { name, visibility });
    }
    const member = await addMember(api, w.owner.cookie, w.org, 'member');
    await setRepoRole(api, c, w.org, 'a-private', member.user.id, 'reader');
    const dm = await addMember(api, w.owner.cookie, w.org, 'distribution_manager', 'dm');
    const names = async (cookie: string) => sorted((await api.get<Page<Repo>>(`/api/v1/orgs/${w.org}/repos?limit=200`, { cookie })).json.items.map((r) => r.name));
    expect(await names(w.owner.cookie)).toEqual(['a-private', 'b-private', 'c-public', 'd-dist']);
    expect(await names(member.cookie)).toEqual(['a-private', 'c-public']);
    expect(await names(dm.cookie)).toEqual(['c-public', 'd-dist']);

    // pagination: limit=1 walks every repository exactly once
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const page: ApiResponse<Page<Repo>> = await api.get<Page<Repo>>(`/api/v1/orgs/${w.org}/repos${q}`, c);
      expect(page.status, page.text).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(1);
      walked.push(...page.json.items.map((r) => r.name));
      cursor = page.json.nextCursor;
      expect(walked.length).toBeLessThan(10);
    } while (cursor);
    expect(sorted(walked)).toEqual(['a-private', 'b-private', 'c-public', 'd-dist']);
  });
});

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

test.describe('files', () => {
  test('files are listed with path, size, sha256, type, uploader and time, and can be deleted', async ({ api }) => {
    const w = await ownerWorld(api);
    const c = { cookie: w.owner.cookie };
    await createRepo(api, c, w.org, { name: 'store' });
    const uploads: [string, Buffer][] = [
      ['readme.txt', payload('readme', 100)],
      ['dist/v1/app-1.0.tar.gz', payload('app', 5000)],
      ['dist/v1/app 1.0 (copy).zip', payload('copy', 700)],
    ];
    const before = Date.now();
    for (const [p, bytes] of uploads) await upload(api.url, w.org, 'store', p, bytes, w.cred);
    const files = await listFiles(api, c, w.org, 'store');
    expect(files).toHaveLength(3);
    for (const [p, bytes] of uploads) {
      const f = files.find((x) => x.path === p);
      expect(f, p).toBeTruthy();
      expect(f).toMatchObject({ path: p, size: bytes.length, sha256: sha256(bytes) });
      expect([w.owner.email, w.owner.user.id]).toContain(f!.uploader);
      expect(new Date(f!.createdAt).toISOString()).toBe(f!.createdAt);
      expect(Math.abs(Date.parse(f!.createdAt) - before)).toBeLessThan(60_000);
    }
    expect(files.find((f) => f.path === 'readme.txt')!.contentType).toMatch(/^text\/plain/);
    expect(files.find((f) => f.path === 'dist/v1/app 1.0 (copy).zip')!.contentType).toBe('application/zip');
    const repo = await api.get<Repo>(repoUrl(w.org, 'store'), c);
    expect(repo.json).toMatchObject({ fileCount: 3, totalBytes: uploads.reduce((n, [, b]) => n + b.length, 0) });

    // delete a nested file, and one with spaces (percent-encoded in the URL)
    for (const p of ['dist/v1/app-1.0.tar.gz', 'dist/v1/app 1.0 (copy).zip']) {
      const url = `${repoUrl(w.org, 'store')}/files/${p.split('/').map(encodeURIComponent).join('/')}`;
      const del = await api.delete(url, c);
      expect(del.status, `${p}: ${del.text}`).toBe(204);
      const gone = await curlGet(api.url, rawPath(w.org, 'store', p), w.cred);
      expect(gone.status, shown(gone)).toBe(404);
      expectError(await api.delete(url, c), 404, 'not_found', `delete ${p} twice`);
    }
    expect((await listFiles(api, c, w.org, 'store')).map((f) => f.path)).toEqual(['readme.txt']);
    expect((await api.get<Repo>(repoUrl(w.org, 'store'), c)).json).toMatchObject({ fileCount: 1, totalBytes: 100 });
    expectError(await api.delete(`${repoUrl(w.org, 'store')}/files/dist`, c), 404, 'not_found', 'a directory is not a file');
    expectError(await api.delete(`${repoUrl(w.org, 'store')}/files/missing.txt`, c), 404, 'not_found', 'missing file');
    // the remaining file is intact
    const readme = await curlGet(api.url, rawPath(w.org, 'store', 'readme.txt'), w.cred);
    expect(readme.body.equals(uploads[0]![1])).toBe(true);
  });
});

test.describe('isolation and deletion', () => {
  test('a user of another organization gets 404 on this organization\'s private repository, via the API and the raw route', async ({ api }) => {
    const a = await ownerWorld(api);
    const b = await ownerWorld(api);
    await createRepo(api, { cookie: a.owner.cookie }, a.org, { name: 'shared', visibility: 'private' });
    await createRepo(api, { cookie: b.owner.cookie }, b.org, { name: 'shared', visibility: 'private' });
    const secret = payload(`ORG-A-SECRET-${uid()}`);
    await upload(api.url, a.org, 'shared', 'secret.bin', secret, a.cred);
    await upload(api.url, b.org, 'shared', 'secret.bin', payload('org b file'), b.cred);

    const base = repoUrl(a.org, 'shared');
    const requests: [string, string, unknown][] = [
      ['GET', `/api/v1/orgs/${a.org}/repos`, undefined],
      ['POST', `/api/v1/orgs/${a.org}/repos`, { name: `intruder-${uid()}`, format: 'raw' }],
      ['GET', base, undefined],
      ['PATCH', base, { visibility: 'public' }],
      ['DELETE', base, undefined],
      ['GET', `${base}/files`, undefined],
      ['DELETE', `${base}/files/secret.bin`, undefined],
      ['GET', `${base}/members`, undefined],
      ['PUT', `${base}/members/${b.owner.user.id}`, { role: 'admin' }],
      ['DELETE', `${base}/members/${a.owner.user.id}`, undefined],
    ];
    for (const auth of [{ cookie: b.owner.cookie }, { token: b.token }]) {
      for (const [method, p, body] of requests) {
        const res = await api.request(method, p, body, auth);
        expectError(res, 404, 'not_found', `org B ${auth.cookie ? 'session' : 'token'}: ${method} ${p}`);
        expect(res.text).not.toContain('ORG-A-SECRET');
      }
    }
    // raw route, every credential form
    for (const form of CRED_FORMS) {
      const cred = { form, token: b.token };
      const get = await curlGet(api.url, rawPath(a.org, 'shared', 'secret.bin'), cred);
      expect(get.status, shown(get)).toBe(404);
      expect(get.body.includes(Buffer.from('ORG-A-SECRET'))).toBe(false);
      expect((await curlHead(api.url, rawPath(a.org, 'shared', 'secret.bin'), cred)).status).toBe(404);
      expect((await curlPut(api.url, rawPath(a.org, 'shared', `b-${form}.bin`), payload('from b'), cred)).status).toBe(404);
      // the same name in their own org is theirs
      const own = await curlGet(api.url, rawPath(b.org, 'shared', 'secret.bin'), cred);
      expect(own.status).toBe(200);
      expect(own.text.startsWith('org b file')).toBe(true);
    }
    // org A is untouched
    const files = await listFiles(api, { cookie: a.owner.cookie }, a.org, 'shared');
    expect(files.map((f) => f.path)).toEqual(['secret.bin']);
    const repo = await api.get<Repo>(base, { cookie: a.owner.cookie });
    expect(repo.json.visibility).toBe('private');
    const members = await api.get<Page<RepoMember>>(`${base}/members`, { cookie: a.owner.cookie });
    expect(members.json.items.map((m) => m.userId)).not.toContain(b.owner.user.id);
    // and B's token cannot be turned into a grant on A
    const res = await api.post('/api/v1/tokens', { org: a.org, name: 'x', type: 'resource', resources: [{ repo: 'shared', access: 'read' }] }, { cookie: b.owner.cookie });
    expect([400, 404], res.text).toContain(res.status);
  });

  test('deleting a repository deletes its files, roles and token grants; a new one of the same name starts empty', async ({ api }) => {
    const w = await ownerWorld(api);
    const c = { cookie: w.owner.cookie };
    await createRepo(api, c, w.org, { name: 'gone', visibility: 'private' });
    await createRepo(api, c, w.org, { name: 'keep', visibility: 'private' });
    const bytes = payload('to be deleted');
    await upload(api.url, w.org, 'gone', 'a/one.bin', bytes, w.cred);
    await upload(api.url, w.org, 'gone', 'two.bin', payload('two'), w.cred);
    await upload(api.url, w.org, 'keep', 'kept.bin', payload('kept'), w.cred);
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'roleholder');
    await setRepoRole(api, c, w.org, 'gone', member.user.id, 'developer');
    const resource = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'gone', access: 'read' }, { repo: 'keep', access: 'read' }]);
    const scoped = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], ['gone', 'keep']);
    for (const t of [resource, scoped]) {
      expect((await curlGet(api.url, rawPath(w.org, 'gone', 'a/one.bin'), { form: 'basic', token: t.secret })).status).toBe(200);
    }

    const del = await api.delete(repoUrl(w.org, 'gone'), c);
    expect(del.status, del.text).toBe(204);
    expectError(await api.get(repoUrl(w.org, 'gone'), c), 404, 'not_found', 'deleted repository');
    expectError(await api.get(`${repoUrl(w.org, 'gone')}/files`, c), 404, 'not_found', 'files of a deleted repository');
    expectError(await api.get(`${repoUrl(w.org, 'gone')}/members`, c), 404, 'not_found', 'members of a deleted repository');
    for (const p of ['a/one.bin', 'two.bin']) {
      const r = await curlGet(api.url, rawPath(w.org, 'gone', p), w.cred);
      expect(r.status, shown(r)).toBe(404);
      expect(r.body.includes(Buffer.from('to be deleted'))).toBe(false);
    }
    // token grants on it are gone; the rest of each grant remains and works
    const resourceNow = (await api.get<{ token: Token }>(`/api/v1/tokens/${resource.token.id}`, c)).json.token;
    expect(resourceNow.resources).toEqual([{ repo: 'keep', access: 'read' }]);
    const scopedNow = (await api.get<{ token: Token }>(`/api/v1/tokens/${scoped.token.id}`, c)).json.token;
    expect(scopedNow.repositories).toEqual(['keep']);
    for (const t of [resource, scoped]) {
      expect((await curlGet(api.url, rawPath(w.org, 'keep', 'kept.bin'), { form: 'basic', token: t.secret })).status).toBe(200);
    }

    // a new repository of the same name: empty, no roles, not covered by the old grants
    const again = await createRepo(api, c, w.org, { name: 'gone', visibility: 'private' });
    expect(again).toMatchObject({ fileCount: 0, totalBytes: 0 });
    expect(await listFiles(api, c, w.org, 'gone')).toEqual([]);
    const members = await api.get<Page<RepoMember>>(`${repoUrl(w.org, 'gone')}/members`, c);
    expect(members.json.items.map((m) => m.userId)).not.toContain(member.user.id);
    expectError(await api.get(repoUrl(w.org, 'gone'), { cookie: member.cookie }), 404, 'not_found', 'old role on the new repository');
    expect((await curlGet(api.url, rawPath(w.org, 'gone', 'a/one.bin'), w.cred)).status).toBe(404);
    await upload(api.url, w.org, 'gone', 'a/one.bin', payload('new content'), w.cred);
    for (const t of [resource, scoped]) {
      expect((await curlGet(api.url, rawPath(w.org, 'gone', 'a/one.bin'), { form: 'basic', token: t.secret })).status).toBe(404);
    }
  });
});
