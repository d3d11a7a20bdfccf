/**
 * Shared by the repository specs (repos-create-read, repos-roles, repos-files-isolation): every
 * repository scope, URLs, and an owner with a token that manages every repository.
 */
import type { Api } from '../support/fixtures';
import { signup } from './helpers';
import { resourceToken } from './pat-helpers';

export const ALL_REPO_SCOPES = [
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

export const sorted = (xs: string[]) => [...xs].sort();
export const repoUrl = (org: string, repo: string) => `/api/v1/orgs/${org}/repos/${repo}`;

/** An owner with an owner token that manages every repository (for uploads through curl). */
export async function ownerWorld(api: Api) {
  const owner = await signup(api);
  const org = owner.org.slug;
  const token = (await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }])).secret;
  return { owner, org, token, cred: { form: 'bearer' as const, token } };
}
