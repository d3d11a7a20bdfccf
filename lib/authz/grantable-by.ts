// May this user create a token with this grant? A token may not grant more than
// its creator holds at creation. Effective permission is re-intersected with
// the user's access on every request anyway (can.ts), so this is not what keeps
// a token in bounds later; it stops a user from minting a token whose grant
// *looks* wider than they are (and that would silently widen if they were
// promoted), and gives the wizard a precise error per field.

import type { ErrorDetail } from '@/lib/http/errors';
import { can, effectiveScopes } from './can';
import { accessScopes } from './roles';
import { isScope, isTokenAccess, scopeDefinition, type Scope } from './scopes';
import type { PatGrant, Principal, RepositoryRef, Resource, UserAccess } from './types';

export type GrantCheck = { ok: true } | { ok: false; problems: ErrorDetail[] };

/**
 * @param repos the org's repositories now. "*" (resource row with a null
 *   repository, or scope coverage '*') is checked against every one of them;
 *   repositories created later are covered by the per-request intersection.
 */
export function grantableBy(user: UserAccess, grant: PatGrant, orgId: string, repos: RepositoryRef[]): GrantCheck {
  const actor: Principal = { kind: 'user', user };
  const problems: ErrorDetail[] = [];
  const repoResource = (r: RepositoryRef): Resource => ({
    type: 'repository',
    orgId,
    repositoryId: r.id,
    visibility: r.visibility,
  });
  const byId = new Map(repos.map((r) => [r.id, r]));

  // The scopes in `wanted` the user lacks on the repository, in table order.
  const missingOn = (repo: RepositoryRef, wanted: readonly Scope[]): Scope[] => {
    const held = effectiveScopes(actor, repoResource(repo));
    return wanted.filter((s) => !held.has(s));
  };
  // Error messages name only repositories the user may see (repo:view): a
  // member or distribution manager must not learn private repositories'
  // names from a refused grant. The others are only counted.
  const visible = (repo: RepositoryRef) => can(actor, 'repo:view', repoResource(repo));
  const label = (repo: RepositoryRef) => `"${repo.name ?? repo.id}"`;
  const hidden = (n: number) => `${n} ${n === 1 ? 'repository' : 'repositories'} you cannot access`;
  const describe = (repo: RepositoryRef, missing: Scope[]) =>
    visible(repo) ? `you lack ${missing.join(', ')} on repository ${label(repo)}` : `you lack ${missing.join(', ')} on ${hidden(1)}`;
  /** "you lack X on …" for several repositories: names of the visible ones, a count of the rest. */
  const describeMany = (lacking: { repo: RepositoryRef; missing: Scope[] }[]) => {
    const shown = lacking.filter((x) => visible(x.repo)).map((x) => `you lack ${x.missing.join(', ')} on repository ${label(x.repo)}`);
    const unseen = lacking.length - shown.length;
    return [...shown, ...(unseen > 0 ? [`you lack it on ${hidden(unseen)}`] : [])].join('; ');
  };

  if (grant.type === 'resource') {
    grant.resources.forEach((row, i) => {
      if (!isTokenAccess(row.access)) {
        problems.push({ path: `resources.${i}.access`, message: `Unknown access level "${row.access}".` });
        return;
      }
      const wanted = accessScopes(row.access);
      if (row.repositoryId === null) {
        const lacking = repos
          .map((repo) => ({ repo, missing: missingOn(repo, wanted) }))
          .filter((x) => x.missing.length > 0);
        if (lacking.length > 0) {
          problems.push({
            path: `resources.${i}.access`,
            message: `Cannot grant ${row.access} on every repository: ${describeMany(lacking)}.`,
          });
        }
        return;
      }
      const repo = byId.get(row.repositoryId);
      if (!repo) {
        // Not in this org (or gone): the same answer either way, no existence leak.
        problems.push({ path: `resources.${i}.repositoryId`, message: 'Unknown repository.' });
        return;
      }
      const missing = missingOn(repo, wanted);
      if (missing.length > 0) {
        problems.push({ path: `resources.${i}.access`, message: `Cannot grant ${row.access}: ${describe(repo, missing)}.` });
      }
    });
    return result(problems);
  }

  // Scope grant: resolve coverage first, so each scope is checked on every covered repository.
  let covered: RepositoryRef[] = repos;
  if (grant.repositoryIds !== '*') {
    covered = [];
    grant.repositoryIds.forEach((id, j) => {
      const repo = byId.get(id);
      if (repo) covered.push(repo);
      else problems.push({ path: `repositoryIds.${j}`, message: 'Unknown repository.' });
    });
  }
  const orgHeld = effectiveScopes(actor, { type: 'organization', orgId });

  grant.scopes.forEach((scope, i) => {
    const path = `scopes.${i}`;
    if (!isScope(scope)) {
      problems.push({ path, message: `Unknown scope "${scope}".` });
      return;
    }
    switch (scopeDefinition(scope).appliesTo) {
      case 'organization':
        if (!orgHeld.has(scope)) problems.push({ path, message: `Cannot grant ${scope}: you do not hold it in this organization.` });
        return;
      case 'repository': {
        const lacking = covered.filter((repo) => missingOn(repo, [scope]).length > 0);
        if (lacking.length > 0) {
          const shown = lacking.filter(visible).map(label);
          const unseen = lacking.length - shown.length;
          const where = [...(shown.length ? [`repository ${shown.join(', ')}`] : []), ...(unseen > 0 ? [hidden(unseen)] : [])].join(' and ');
          problems.push({ path, message: `Cannot grant ${scope}: you lack it on ${where}.` });
        }
        return;
      }
      case 'token':
        // The creator becomes the token's owner and holds token scopes on their own tokens.
        return;
    }
  });
  return result(problems);
}

const result = (problems: ErrorDetail[]): GrantCheck => (problems.length === 0 ? { ok: true } : { ok: false, problems });
