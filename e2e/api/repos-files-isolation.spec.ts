/**
 * Repository files and boundaries (docs/http.md "Repositories and files"): listing and deleting files, isolation
 * between organizations (API and raw route), and what a deletion takes with it (files, roles, token
 * grants).
 */
import { test, expect } from '../support/fixtures';
import { addMember, expectError, uid } from './helpers';
import {
  CRED_FORMS,
  createRepo,
  curlGet,
  curlHead,
  curlPut,
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
import { ownerWorld, repoUrl } from './repos-helpers';

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
