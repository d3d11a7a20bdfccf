// The token wizard's state, the request it becomes, and where each error
// (from the shared zod schema or from the API) is shown: which step, which
// field. Error keys are the wizard's own ("rows.0.repo", "scope:repo:view"),
// translated from the API's detail paths ("resources.0.repo", "scopes.3").
import type { TokenAccess } from '@/lib/authz/scopes';
import { validate } from '@/lib/http/client';
import { createTokenInput, type CreateTokenInput } from '@/lib/tokens/schema';
import { DEFAULT_EXPIRY_CHOICE, expiryFields, type ExpiryChoice } from '../model';

export const STEPS = [
  { id: 'details', label: 'Details', title: 'Details', description: 'Name the token after where it is used, and choose how long it lives.' },
  { id: 'type', label: 'Type', title: 'Token type', description: 'Grant access per repository, or pick individual permission scopes.' },
  { id: 'access', label: 'Access', title: 'Access', description: 'What the token may do. It never gets more than you hold yourself.' },
  { id: 'review', label: 'Review', title: 'Review', description: 'Check the token before creating it. Its grant cannot be changed later.' },
] as const;
export type StepIndex = 0 | 1 | 2 | 3;
export const LAST_STEP: StepIndex = 3;

export type ResourceRow = { key: number; repo: string; access: TokenAccess };

export type WizardState = {
  name: string;
  description: string;
  expiry: ExpiryChoice;
  expiryDate: string;
  type: 'resource' | 'scope';
  rows: ResourceRow[];
  scopes: string[];
  coverage: 'all' | 'selected';
  repositories: string[];
};

export const initialState = (): WizardState => ({
  name: '',
  description: '',
  expiry: DEFAULT_EXPIRY_CHOICE,
  expiryDate: '',
  type: 'resource',
  rows: [{ key: 0, repo: '', access: 'read' }],
  scopes: [],
  coverage: 'all',
  repositories: [],
});

export type Built = {
  body: CreateTokenInput;
  /** The arrays as sent, to map "scopes.3" / "repositories.1" back to names. */
  sentScopes: string[];
  sentRepositories: string[];
  /** Problems the schema cannot see (a custom date left empty, a repository listed twice). */
  extra: Record<string, string>;
};

/** The POST /api/v1/tokens body; scopes and repositories in catalogue order. */
export function buildRequest(org: string, s: WizardState, scopeOrder: readonly string[], repoOrder: readonly string[]): Built {
  const extra: Record<string, string> = {};
  const expiry = expiryFields(s.expiry, s.expiryDate);
  if (expiry.error) extra.expiryDate = expiry.error;

  const base = {
    org,
    name: s.name,
    ...(s.description.trim() ? { description: s.description } : {}),
    ...expiry.fields,
  };

  if (s.type === 'resource') {
    const seen = new Map<string, number>();
    s.rows.forEach((row, i) => {
      if (!row.repo) extra[`rows.${i}.repo`] = 'Choose a repository.';
      else if (seen.has(row.repo)) extra[`rows.${i}.repo`] = `${row.repo === '*' ? 'All repositories' : row.repo} is already in row ${seen.get(row.repo)! + 1}.`;
      else seen.set(row.repo, i);
    });
    return {
      body: { ...base, type: 'resource', resources: s.rows.map((r) => ({ repo: r.repo, access: r.access })) },
      sentScopes: [],
      sentRepositories: [],
      extra,
    };
  }

  const chosen = new Set(s.scopes);
  const sentScopes = [...scopeOrder.filter((x) => chosen.has(x)), ...s.scopes.filter((x) => !scopeOrder.includes(x))];
  const picked = new Set(s.repositories);
  const sentRepositories =
    s.coverage === 'all' ? [] : [...repoOrder.filter((x) => picked.has(x)), ...s.repositories.filter((x) => !repoOrder.includes(x))];
  return {
    body: { ...base, type: 'scope', scopes: sentScopes, repositories: s.coverage === 'all' ? '*' : sentRepositories },
    sentScopes,
    sentRepositories,
    extra,
  };
}

/** API / schema detail paths → the wizard's error keys. */
export function toWizardErrors(raw: Record<string, string>, built: Pick<Built, 'sentScopes' | 'sentRepositories'>, expiry: ExpiryChoice): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, message: string) => {
    if (!Object.hasOwn(out, key)) out[key] = message;
  };
  for (const [path, message] of Object.entries(raw)) {
    let m: RegExpExecArray | null;
    if (path === 'name' || path === 'description' || path === 'type') put(path, message);
    else if (path === 'expiresIn') put('expiry', message);
    else if (path === 'expiresAt') put(expiry === 'custom' ? 'expiryDate' : 'expiry', message);
    else if (path === 'resources') put('rows', message);
    else if ((m = /^resources\.(\d+)\.(repo|repositoryId)$/.exec(path))) put(`rows.${m[1]}.repo`, message);
    else if ((m = /^resources\.(\d+)\.access$/.exec(path))) put(`rows.${m[1]}.access`, message);
    else if ((m = /^resources\.(\d+)$/.exec(path))) put(`rows.${m[1]}.repo`, message);
    else if (path === 'scopes') put('scopes', message);
    else if ((m = /^scopes\.(\d+)$/.exec(path))) {
      const scope = built.sentScopes[Number(m[1])];
      put(scope ? `scope:${scope}` : 'scopes', message);
    } else if (path === 'repositories' || path === 'repositoryIds') put('repositories', message);
    else if ((m = /^(?:repositories|repositoryIds)\.(\d+)$/.exec(path))) {
      const repo = built.sentRepositories[Number(m[1])];
      put(repo ? `repo:${repo}` : 'repositories', message);
    } else put('form', out.form ? `${out.form} ${message}` : message);
  }
  return out;
}

/** The step that shows an error key. */
export function stepOf(key: string): StepIndex {
  if (key === 'name' || key === 'description' || key === 'expiry' || key === 'expiryDate') return 0;
  if (key === 'type') return 1;
  if (key === 'rows' || key.startsWith('rows.') || key === 'scopes' || key.startsWith('scope:') || key === 'repositories' || key.startsWith('repo:')) {
    return 2;
  }
  return 3;
}

/** The earliest step with an error, or null. */
export function firstStepWithErrors(errors: Record<string, string>): StepIndex | null {
  const steps = Object.keys(errors).map(stepOf);
  return steps.length ? (Math.min(...steps) as StepIndex) : null;
}

/**
 * Client-side check with the API's own schema, for the steps up to `through`:
 * errors keyed for the wizard, or none.
 */
export function checkSteps(
  org: string,
  s: WizardState,
  through: StepIndex,
  scopeOrder: readonly string[],
  repoOrder: readonly string[],
): { built: Built; errors: Record<string, string> } {
  const built = buildRequest(org, s, scopeOrder, repoOrder);
  const checked = validate(createTokenInput, built.body);
  const schemaErrors = checked.errors ? toWizardErrors(checked.errors, built, s.expiry) : {};
  // Our own messages win over the schema's generic ones for the same field.
  const all = { ...schemaErrors, ...built.extra };
  const errors = Object.fromEntries(Object.entries(all).filter(([key]) => stepOf(key) <= through && key !== 'form'));
  return { built, errors };
}
