import { describe, expect, it } from 'vitest';
import { grantableBy } from './grantable-by';
import type { RepositoryRef, UserAccess } from './types';

const REPOS: RepositoryRef[] = [
  { id: 'r1', visibility: 'private' },
  { id: 'r2', visibility: 'distribution' },
  { id: 'r3', visibility: 'public' },
];
const access = (role: string, repoRoles: Record<string, string> = {}): UserAccess => ({
  userId: 'u1',
  orgs: { o1: { role, repoRoles } },
});

describe('grantableBy', () => {
  it('a reader cannot create an upload grant', () => {
    const res = grantableBy(access('member', { r1: 'reader' }), { type: 'resource', resources: [{ repositoryId: 'r1', access: 'upload' }] }, 'o1', REPOS);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.path).toBe('resources.0.access');
    expect(res.problems[0]!.message).toContain('artifact:create');
  });

  it('a reader can create a read grant for their repository and for a public one', () => {
    const res = grantableBy(
      access('member', { r1: 'reader' }),
      { type: 'resource', resources: [{ repositoryId: 'r1', access: 'read' }, { repositoryId: 'r3', access: 'read' }] },
      'o1',
      REPOS,
    );
    expect(res).toEqual({ ok: true });
  });

  it('an admin can grant "*" manage, and every scope on "*"', () => {
    expect(grantableBy(access('admin'), { type: 'resource', resources: [{ repositoryId: null, access: 'manage' }] }, 'o1', REPOS)).toEqual({ ok: true });
    const scopes = ['artifact:delete', 'repo.member:edit', 'org.member:edit', 'audit:view', 'token:view'];
    expect(grantableBy(access('admin'), { type: 'scope', scopes, repositoryIds: '*' }, 'o1', REPOS)).toEqual({ ok: true });
  });

  it('"*" needs the scopes on every repository of the org', () => {
    const res = grantableBy(access('member', { r1: 'reader' }), { type: 'resource', resources: [{ repositoryId: null, access: 'read' }] }, 'o1', REPOS);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems.map((p) => p.path)).toEqual(['resources.0.access']);
  });

  it('an admin cannot grant owner management; an owner can', () => {
    const g = { type: 'scope' as const, scopes: ['repo:view', 'org.owner:edit'], repositoryIds: '*' as const };
    const res = grantableBy(access('admin'), g, 'o1', REPOS);
    expect(res).toEqual({ ok: false, problems: [{ path: 'scopes.1', message: expect.stringContaining('org.owner:edit') }] });
    expect(grantableBy(access('owner'), g, 'o1', REPOS)).toEqual({ ok: true });
  });

  it('reports each bad scope, access level and repository by path', () => {
    const scoped = grantableBy(access('member', { r1: 'developer' }), { type: 'scope', scopes: ['artifact:view', 'repo:nuke', 'artifact:delete'], repositoryIds: ['r1', 'gone'] }, 'o1', REPOS);
    expect(scoped.ok).toBe(false);
    if (!scoped.ok) expect(scoped.problems.map((p) => p.path)).toEqual(['repositoryIds.1', 'scopes.1', 'scopes.2']);

    const rows = grantableBy(access('owner'), { type: 'resource', resources: [{ repositoryId: 'r1', access: 'root' }, { repositoryId: 'elsewhere', access: 'read' }] }, 'o1', REPOS);
    expect(rows.ok).toBe(false);
    if (!rows.ok) expect(rows.problems.map((p) => p.path)).toEqual(['resources.0.access', 'resources.1.repositoryId']);
  });

  it('a non-member can grant nothing in the org', () => {
    const outsider: UserAccess = { userId: 'u1', orgs: { o2: { role: 'owner', repoRoles: {} } } };
    const res = grantableBy(outsider, { type: 'scope', scopes: ['repo:create'], repositoryIds: [] }, 'o1', REPOS);
    expect(res.ok).toBe(false);
    const rows = grantableBy(outsider, { type: 'resource', resources: [{ repositoryId: 'r1', access: 'read' }] }, 'o1', REPOS);
    expect(rows.ok).toBe(false);
  });

  it('a distribution manager can grant repo:view on distribution repositories only', () => {
    const dm = access('distribution_manager');
    expect(grantableBy(dm, { type: 'scope', scopes: ['repo:view', 'entitlement:edit'], repositoryIds: ['r2'] }, 'o1', REPOS)).toEqual({ ok: true });
    expect(grantableBy(dm, { type: 'scope', scopes: ['repo:view'], repositoryIds: ['r1'] }, 'o1', REPOS).ok).toBe(false);
  });
});

describe('grantableBy error messages', () => {
  const NAMED: RepositoryRef[] = [
    { id: 'r1', name: 'secret-a', visibility: 'private' },
    { id: 'r2', name: 'secret-b', visibility: 'private' },
    { id: 'r3', name: 'dist', visibility: 'distribution' },
    { id: 'r4', name: 'pub', visibility: 'public' },
  ];
  const messages = (res: ReturnType<typeof grantableBy>) => (res.ok ? [] : res.problems.map((p) => p.message)).join(' | ');

  it('never name a repository the user cannot view; count them instead', () => {
    const dm = access('distribution_manager');
    const scoped = messages(grantableBy(dm, { type: 'scope', scopes: ['repo:view', 'artifact:download'], repositoryIds: '*' }, 'o1', NAMED));
    expect(scoped).not.toMatch(/secret-a|secret-b|r1|r2/);
    expect(scoped).toContain('2 repositories you cannot access');
    expect(scoped).toContain('"dist"'); // visible to the manager, lacking artifact:download

    const member = access('member', { r1: 'reader' });
    const star = messages(grantableBy(member, { type: 'resource', resources: [{ repositoryId: null, access: 'write' }] }, 'o1', NAMED));
    expect(star).toContain('"secret-a"'); // the member reads it, so may see its name
    expect(star).not.toMatch(/secret-b|"dist"/);
    expect(star).toContain('2 repositories you cannot access');
  });

  it('name the repositories the user can view', () => {
    const res = grantableBy(access('member', { r1: 'reader' }), { type: 'resource', resources: [{ repositoryId: 'r1', access: 'write' }] }, 'o1', NAMED);
    expect(messages(res)).toMatch(/^Cannot grant write: you lack .* on repository "secret-a"\.$/);
  });
});
