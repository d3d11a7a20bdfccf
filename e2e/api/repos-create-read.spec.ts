/**
 * Repositories, creating and reading them (docs/http.md "Repositories and files"): creation, defaults, duplicate
 * names, validation, reading, editing and deleting one repository, and lists.
 */
import { test, expect, type ApiResponse } from '../support/fixtures';
import { addMember, detailPaths, expectError, expectErrorShape, rawRequest, signup, uid } from './helpers';
import { createRepo, curlGet, payload, resourceToken, setRepoRole, shown, upload, type Page, type Repo } from './pat-helpers';
import { ALL_REPO_SCOPES, ownerWorld, repoUrl, sorted } from './repos-helpers';

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
