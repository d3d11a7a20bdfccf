// Entitlement tokens and signed URLs: the two non-user credentials.
import { describe, expect, it } from 'vitest';
import { can, effectiveScopes } from './can';
import type { Principal, Resource } from './types';

const repo = (repositoryId: string, visibility: string, orgId = 'o1'): Resource => ({
  type: 'repository',
  orgId,
  repositoryId,
  visibility,
});
const WRITES = [
  'artifact:create', 'artifact:edit', 'artifact:delete', 'repo:edit', 'repo:delete', 'repo.member:view', 'repo.member:edit', 'repo.usage:view',
];
const sorted = (s: Set<string>) => [...s].sort();

describe('entitlement', () => {
  const ent: Principal = { kind: 'entitlement', entitlement: { id: 'e1', orgId: 'o1', repositoryIds: ['d1', 'p1', 'd9'] } };

  it('reads the distribution repositories it lists', () => {
    expect(sorted(effectiveScopes(ent, repo('d1', 'distribution')))).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
  });

  it('never opens a private repository, even one it lists', () => {
    expect(sorted(effectiveScopes(ent, repo('p1', 'private')))).toEqual([]);
  });

  it('does not open unlisted distribution repositories', () => {
    expect(sorted(effectiveScopes(ent, repo('d2', 'distribution')))).toEqual([]);
  });

  it('does not open a listed id in another org', () => {
    expect(sorted(effectiveScopes(ent, repo('d1', 'distribution', 'o2')))).toEqual([]);
  });

  it('never writes, not even on its own repositories', () => {
    for (const scope of WRITES) {
      expect(can(ent, scope, repo('d1', 'distribution'))).toBe(false);
      expect(can(ent, scope, repo('x', 'public'))).toBe(false);
    }
  });

  it('has public read like everyone else and nothing on the organization or tokens', () => {
    expect(can(ent, 'artifact:download', repo('x', 'public', 'o2'))).toBe(true);
    for (const scope of ['org.member:view', 'entitlement:view', 'repo:create']) {
      expect(can(ent, scope, { type: 'organization', orgId: 'o1' })).toBe(false);
    }
    expect(can(ent, 'token:view', { type: 'token', ownerId: 'e1', orgId: 'o1' })).toBe(false);
  });
});

describe('signed URL', () => {
  const url: Principal = { kind: 'signed_url', orgId: 'o1', repositoryId: 'r1' };

  it('downloads from exactly its repository, nothing else', () => {
    expect(sorted(effectiveScopes(url, repo('r1', 'private')))).toEqual(['artifact:download']);
    expect(sorted(effectiveScopes(url, repo('r1', 'distribution')))).toEqual(['artifact:download']);
    expect(sorted(effectiveScopes(url, repo('r2', 'private')))).toEqual([]);
    expect(sorted(effectiveScopes(url, repo('r1', 'private', 'o2')))).toEqual([]);
    expect(sorted(effectiveScopes(url, { type: 'organization', orgId: 'o1' }))).toEqual([]);
  });

  it('plus public read', () => {
    expect(sorted(effectiveScopes(url, repo('r2', 'public')))).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
  });
});
