// Personal access tokens as the console shows them: the shapes the API
// returns, access levels explained, grant summaries and expiry choices.
// Pure and client-safe (no dates from the clock: callers pass `now`).
import type { z } from 'zod';
import { ACCESS_TO_REPO_ROLE, TOKEN_ACCESS, type TokenAccess } from '@/lib/authz/scopes';
import { REPO_ROLE_SCOPES } from '@/lib/authz/roles';
import type { repoView } from '@/lib/repos/schema';
import type { scopeListView, tokenView } from '@/lib/tokens/schema';

export type Token = z.output<typeof tokenView>;
export type TokenStatus = Token['status'];
export type CreatedToken = { token: Token; secret: string };

export type ScopeList = z.output<typeof scopeListView>;
export type ScopeItem = ScopeList['items'][number];
export type RepoSummary = Pick<z.output<typeof repoView>, 'id' | 'name' | 'format' | 'visibility' | 'permissions'>;

// ── access levels (resource tokens) ──────────────────────────────────────────────────────

export const ACCESS_LABELS: Record<TokenAccess, string> = {
  read: 'Read',
  upload: 'Upload',
  write: 'Write',
  manage: 'Manage',
};

export const ACCESS_DESCRIPTIONS: Record<TokenAccess, string> = {
  read: 'View and download packages (the reader role).',
  upload: 'Upload only, no downloads (the uploader role): for CI jobs that publish.',
  write: 'Download, upload, yank and edit metadata (the developer role).',
  manage: 'Everything on the repository: settings, deletion and its members (the admin role).',
};

export const ACCESS_LEVELS = TOKEN_ACCESS;

/** The scopes a resource row with this access level carries. */
export const accessScopes = (access: TokenAccess): readonly string[] => REPO_ROLE_SCOPES[ACCESS_TO_REPO_ROLE[access]];

/** Repositories (of those the viewer sees) on which the viewer lacks part of `access`. */
export function reposLacking(access: TokenAccess, repos: RepoSummary[]): RepoSummary[] {
  const wanted = accessScopes(access);
  return repos.filter((r) => wanted.some((s) => !r.permissions.includes(s)));
}

// ── what a token grants, in a few words ─────────────────────────────────────────────────

export const ALL_REPOSITORIES = 'All repositories';
export const repoLabel = (repo: string) => (repo === '*' ? ALL_REPOSITORIES : repo);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "acme-libs: read", "All repositories: upload", "libs: read, app: write and 2 more", "3 scopes on 2 repositories". */
export function grantSummary(token: Pick<Token, 'type' | 'resources' | 'scopes' | 'repositories'>): string {
  if (token.type === 'resource') {
    const parts = (token.resources ?? []).map((r) => `${repoLabel(r.repo)}: ${r.access}`);
    if (parts.length === 0) return 'No repositories';
    if (parts.length <= 2) return parts.join(', ');
    return `${parts.slice(0, 2).join(', ')} and ${parts.length - 2} more`;
  }
  const scopes = plural(token.scopes?.length ?? 0, 'scope');
  const coverage = token.repositories === '*' || token.repositories === undefined ? 'all repositories' : plural(token.repositories.length, 'repository', 'repositories');
  return `${scopes} on ${coverage}`;
}

/** Every line of the grant, for tooltips and the review step. */
export function grantLines(token: Pick<Token, 'type' | 'resources' | 'scopes' | 'repositories'>): string[] {
  if (token.type === 'resource') return (token.resources ?? []).map((r) => `${repoLabel(r.repo)}: ${r.access}`);
  const coverage = token.repositories === '*' || token.repositories === undefined ? 'all repositories' : token.repositories.join(', ');
  return [...(token.scopes ?? []), `on ${coverage}`];
}

/** Which way the token moves artifacts: decides which usage snippets make sense. */
export function grantCapabilities(token: Pick<Token, 'type' | 'resources' | 'scopes'>): { download: boolean; upload: boolean } {
  const scopes = new Set(
    token.type === 'resource'
      ? (token.resources ?? []).flatMap((r) => ((ACCESS_LEVELS as readonly string[]).includes(r.access) ? accessScopes(r.access as TokenAccess) : []))
      : (token.scopes ?? []),
  );
  return { download: scopes.has('artifact:download'), upload: scopes.has('artifact:create') };
}

/** The names of the repositories a token reaches, in grant order ("*" → every repository given). */
export function grantedRepos(token: Pick<Token, 'type' | 'resources' | 'repositories'>, all: RepoSummary[]): RepoSummary[] {
  const byName = new Map(all.map((r) => [r.name, r]));
  const names =
    token.type === 'resource'
      ? (token.resources ?? []).flatMap((r) => (r.repo === '*' ? all.map((x) => x.name) : [r.repo]))
      : token.repositories === '*' || token.repositories === undefined
        ? all.map((x) => x.name)
        : token.repositories;
  const seen = new Set<string>();
  const out: RepoSummary[] = [];
  for (const name of names) {
    const repo = byName.get(name);
    if (repo && !seen.has(name)) {
      seen.add(name);
      out.push(repo);
    }
  }
  return out;
}

// ── expiry ───────────────────────────────────────────────────────────────────────────────

export const EXPIRY_CHOICES = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '365d', label: '1 year' },
  { value: 'custom', label: 'Custom date' },
  { value: 'never', label: 'Never' },
] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];
export const DEFAULT_EXPIRY_CHOICE: ExpiryChoice = '90d';

export const NEVER_EXPIRES_WARNING =
  'Tokens that never expire are a risk: a leaked one keeps working until someone notices and revokes it. Prefer an expiry and reissue the token when it runs out.';

const DAY = 86_400_000;

/** A date input's value (YYYY-MM-DD) → the end of that day in the viewer's time zone, as ISO. */
export function endOfDayIso(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** YYYY-MM-DD of a time in the viewer's time zone (for the date input's min). */
export function dateInputValue(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The request fields for an expiry choice, or an error keyed `expiresAt` when
 * a custom date is missing (left empty it must not silently mean "never").
 */
export function expiryFields(
  choice: ExpiryChoice,
  date: string,
): { fields: { expiresIn?: string; expiresAt?: string }; error?: string } {
  if (choice === 'custom') {
    if (!date) return { fields: {}, error: 'Choose a date.' };
    const iso = endOfDayIso(date);
    return iso ? { fields: { expiresAt: iso } } : { fields: {}, error: 'Enter a valid date.' };
  }
  return { fields: { expiresIn: choice } };
}

/** When a choice would expire, counted from `now` (null: never or no date yet). */
export function expiryTime(choice: ExpiryChoice, date: string, now: number): number | null {
  if (choice === 'never') return null;
  if (choice === 'custom') {
    const iso = endOfDayIso(date);
    return iso ? new Date(iso).getTime() : null;
  }
  return now + Number.parseInt(choice, 10) * DAY;
}

/** How the list shows a token's expiry. */
export type ExpiryState =
  | { kind: 'never' }
  | { kind: 'revoked'; at: string }
  | { kind: 'expired'; at: string }
  | { kind: 'soon'; at: string }
  | { kind: 'later'; at: string };

export function expiryState(token: Pick<Token, 'status' | 'expiresAt' | 'revokedAt'>, now: number): ExpiryState {
  if (token.status === 'revoked' && token.revokedAt) return { kind: 'revoked', at: token.revokedAt };
  if (!token.expiresAt) return { kind: 'never' };
  const at = new Date(token.expiresAt).getTime();
  if (token.status === 'expired' || at <= now) return { kind: 'expired', at: token.expiresAt };
  return { kind: at - now < 7 * DAY ? 'soon' : 'later', at: token.expiresAt };
}
