'use client';

import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';
import { AlertIcon } from '@/components/ui/icons';
import type { RepoSummary, ScopeItem } from '../model';
import type { StepProps } from './details-step';

export type ScopeAccessProps = StepProps & {
  org: string;
  scopes: ScopeItem[];
  repos: RepoSummary[];
};

const CATEGORY_LABELS: Record<string, string> = {
  repo: 'Repositories',
  artifact: 'Artifacts',
  'repo.member': 'Repository members',
  'org.member': 'Organization members',
  'org.settings': 'Organization settings',
  'org.owner': 'Owners',
  'signing-key': 'Signing key',
  audit: 'Audit log',
  entitlement: 'Entitlement tokens',
  token: 'Personal access tokens',
};

const LEVEL_VARIANTS: Record<string, BadgeVariant> = { read: 'success', write: 'brand', manage: 'warning' };

const APPLIES_TO: Record<string, string> = {
  repository: 'on the covered repositories',
  organization: 'on the organization',
  token: 'on your own tokens',
};

/** Scopes grouped by category, in the order the API lists them. */
export function groupScopes(scopes: ScopeItem[]): { category: string; label: string; items: ScopeItem[] }[] {
  const groups = new Map<string, ScopeItem[]>();
  for (const s of scopes) groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
  return [...groups].map(([category, items]) => ({ category, label: CATEGORY_LABELS[category] ?? category, items }));
}

function InlineError({ id, message }: { id: string; message?: string }) {
  return (
    <div id={id} aria-live="polite">
      {message ? (
        <p className="mt-1.5 flex items-start gap-1 text-xs font-medium text-danger-700">
          <AlertIcon className="mt-px size-3.5" />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}

/** Step 3 of a scope token: scope checkboxes by category, then repository coverage. */
export function ScopeAccess({ id, org, state, update, errors, scopes, repos }: ScopeAccessProps) {
  const chosen = new Set(state.scopes);
  const picked = new Set(state.repositories);
  const toggleScope = (scope: string, on: boolean) =>
    update({ scopes: on ? [...state.scopes, scope] : state.scopes.filter((s) => s !== scope) });
  const toggleRepo = (name: string, on: boolean) =>
    update({ repositories: on ? [...state.repositories, name] : state.repositories.filter((r) => r !== name) });
  const groups = groupScopes(scopes);
  const repoScopesChosen = scopes.some((s) => s.appliesTo === 'repository' && chosen.has(s.scope));

  return (
    <div className="space-y-6">
      <fieldset aria-describedby={`${id}-scopes-error`}>
        <legend className="text-sm font-semibold text-fg">Scopes</legend>
        <p className="mt-0.5 text-sm text-fg-muted">
          {chosen.size === 0 ? 'None chosen yet.' : `${chosen.size} chosen.`} A scope works only where you hold it yourself.
        </p>
        <InlineError id={`${id}-scopes-error`} message={errors.scopes} />
        <div className="mt-3 gap-3 lg:columns-2">
          {groups.map((g) => (
            <div key={g.category} className="mb-3 break-inside-avoid">
              <fieldset className="rounded-lg border border-border bg-surface px-4 pt-1 pb-4">
                <legend className="px-1 text-xs font-semibold tracking-wide text-fg-muted uppercase">{g.label}</legend>
                <ul className="space-y-3">
                  {g.items.map((s) => {
                    const error = errors[`scope:${s.scope}`];
                    const errorId = `${id}-scope-${s.scope.replace(/[^a-z0-9]/gi, '-')}-error`;
                    return (
                      <li key={s.scope}>
                        <Checkbox
                          name="scopes"
                          value={s.scope}
                          checked={chosen.has(s.scope)}
                          onChange={(e) => toggleScope(s.scope, e.target.checked)}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? errorId : undefined}
                          // The badge is hidden from the name ("repo:view"); the level is in the description.
                          label={
                            <span className="flex flex-wrap items-center gap-1.5">
                              <code className="font-mono text-[13px]">{s.scope}</code>
                              <Badge aria-hidden="true" variant={LEVEL_VARIANTS[s.level] ?? 'neutral'}>
                                {s.level}
                              </Badge>
                            </span>
                          }
                          description={
                            <>
                              <span className="sr-only">Level {s.level}. </span>
                              {s.description}
                              {s.appliesTo !== 'repository' ? ` (${APPLIES_TO[s.appliesTo] ?? s.appliesTo})` : ''}.
                            </>
                          }
                        />
                        {error ? <InlineError id={errorId} message={error} /> : null}
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset aria-describedby={`${id}-repositories-error`}>
        <legend className="text-sm font-semibold text-fg">Repositories</legend>
        <p className="mt-0.5 text-sm text-fg-muted">
          Which repositories the repository scopes cover.
          {!repoScopesChosen && chosen.size > 0 ? ' The scopes chosen so far are not repository scopes: this has no effect on them.' : ''}
        </p>
        <InlineError id={`${id}-repositories-error`} message={errors.repositories} />
        <div className="mt-3 space-y-2">
          {(
            [
              { value: 'all', label: 'All repositories', description: `Every current and future repository of ${org}.` },
              { value: 'selected', label: 'Selected repositories', description: 'Only the repositories you tick below.' },
            ] as const
          ).map((o) => (
            <label
              key={o.value}
              className={cn(
                'flex cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2.5',
                state.coverage === o.value ? 'border-brand-500 bg-brand-50/60' : 'border-border hover:bg-subtle',
              )}
            >
              <input
                type="radio"
                name="coverage"
                value={o.value}
                checked={state.coverage === o.value}
                onChange={() => update({ coverage: o.value })}
                aria-describedby={`${id}-coverage-${o.value}`}
                className="mt-0.5 size-4 shrink-0 cursor-pointer accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium text-fg">{o.label}</span>
                <span id={`${id}-coverage-${o.value}`} className="block text-xs text-fg-muted">
                  {o.description}
                </span>
              </span>
            </label>
          ))}
        </div>
        {state.coverage === 'selected' ? (
          repos.length ? (
            <fieldset className="mt-3 rounded-lg border border-border bg-surface p-4">
              <legend className="px-1 text-xs font-semibold tracking-wide text-fg-muted uppercase">Selected repositories</legend>
              <ul className="grid gap-2 sm:grid-cols-2">
                {repos.map((r) => {
                  const error = errors[`repo:${r.name}`];
                  return (
                    <li key={r.id}>
                      <Checkbox
                        name="repositories"
                        value={r.name}
                        checked={picked.has(r.name)}
                        onChange={(e) => toggleRepo(r.name, e.target.checked)}
                        aria-invalid={error ? true : undefined}
                        label={r.name}
                        description={error ? <span className="text-danger-700">{error}</span> : `${r.format}, ${r.visibility}`}
                      />
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : (
            <p className="mt-3 text-sm text-fg-muted">{org} has no repositories you can see. Choose “All repositories” instead.</p>
          )
        ) : null}
      </fieldset>
    </div>
  );
}
