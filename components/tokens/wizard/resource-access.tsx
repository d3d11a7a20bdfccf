'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { AlertIcon, PlusIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/select';
import type { TokenAccess } from '@/lib/authz/scopes';
import { ACCESS_DESCRIPTIONS, ACCESS_LABELS, ACCESS_LEVELS, reposLacking, type RepoSummary } from '../model';
import type { StepProps } from './details-step';
import type { ResourceRow } from './state';

export type ResourceAccessProps = StepProps & {
  org: string;
  repos: RepoSummary[];
  /** Focus the repository picker of this row after it is added. */
  onRowAdded: (key: number) => void;
};

export const rowRepoId = (id: string, key: number) => `${id}-row-${key}-repo`;

/** Step 3 of a resource token: rows of [Repository, Access]. */
export function ResourceAccess({ id, org, state, update, errors, repos, onRowAdded }: ResourceAccessProps) {
  const rows = state.rows;
  const setRow = (key: number, patch: Partial<ResourceRow>) =>
    update({ rows: rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });

  function addRow() {
    const key = Math.max(-1, ...rows.map((r) => r.key)) + 1;
    const used = new Set(rows.map((r) => r.repo));
    const next = repos.find((r) => !used.has(r.name))?.name ?? '';
    update({ rows: [...rows, { key, repo: next, access: 'read' }] });
    onRowAdded(key);
  }

  return (
    <div className="space-y-4">
      {repos.length === 0 ? (
        <p className="rounded-md border border-border bg-subtle px-3 py-2.5 text-sm text-fg-muted">
          {org} has no repositories you can see yet. A token for <strong className="font-medium text-fg">All repositories (*)</strong>{' '}
          also covers the ones created later.
        </p>
      ) : null}
      {errors.rows ? (
        <p role="alert" className="flex items-start gap-1 text-sm font-medium text-danger-700">
          <AlertIcon className="mt-0.5" />
          <span>{errors.rows}</span>
        </p>
      ) : null}
      <ol className="space-y-3">
        {rows.map((row, i) => {
          const repoId = rowRepoId(id, row.key);
          const accessId = `${id}-row-${row.key}-access`;
          const target = row.repo === '*' ? repos : repos.filter((r) => r.name === row.repo);
          // The server's own message replaces this early warning once it has answered.
          const lacking = row.repo && !errors[`rows.${i}.access`] ? reposLacking(row.access, target) : [];
          const accessHint = (
            <>
              {ACCESS_DESCRIPTIONS[row.access]}
              {lacking.length ? (
                <span className="mt-1 flex items-start gap-1 text-warning-800">
                  <AlertIcon className="mt-px size-3.5 text-warning-600" />
                  <span>
                    You hold less than {row.access} on {lacking.slice(0, 3).map((r) => r.name).join(', ')}
                    {lacking.length > 3 ? ` and ${lacking.length - 3} more` : ''}: the token would be refused.
                  </span>
                </span>
              ) : null}
            </>
          );
          return (
            <li key={row.key}>
              <fieldset className="rounded-lg border border-border bg-surface p-4">
                <legend className="sr-only">Repository {i + 1}</legend>
                <div className="grid items-start gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
                  <Field
                    htmlFor={repoId}
                    label="Repository"
                    error={errors[`rows.${i}.repo`]}
                    hint={row.repo === '*' ? `Every current and future repository of ${org}.` : undefined}
                  >
                    <Select name={`resources.${i}.repo`} value={row.repo} onChange={(e) => setRow(row.key, { repo: e.target.value })} required>
                      <option value="" disabled>
                        Choose a repository…
                      </option>
                      <option value="*">All repositories (*)</option>
                      {repos.length ? (
                        <optgroup label={`Repositories of ${org}`}>
                          {repos.map((r) => (
                            <option key={r.id} value={r.name}>
                              {r.name} ({r.format}, {r.visibility})
                            </option>
                          ))}
                        </optgroup>
                      ) : null}
                      {row.repo && row.repo !== '*' && !repos.some((r) => r.name === row.repo) ? (
                        <option value={row.repo}>{row.repo}</option>
                      ) : null}
                    </Select>
                  </Field>
                  <Field htmlFor={accessId} label="Access" error={errors[`rows.${i}.access`]} hint={accessHint}>
                    <Select
                      name={`resources.${i}.access`}
                      value={row.access}
                      onChange={(e) => setRow(row.key, { access: e.target.value as TokenAccess })}
                    >
                      {ACCESS_LEVELS.map((a) => (
                        <option key={a} value={a}>
                          {ACCESS_LABELS[a]}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <div className="sm:pt-6">
                    <Button
                      type="button"
                      variant="ghost"
                      className="text-danger-700! hover:bg-danger-50! disabled:text-fg-subtle! disabled:hover:bg-transparent!"
                      onClick={() => update({ rows: rows.filter((r) => r.key !== row.key) })}
                      disabled={rows.length === 1}
                    >
                      Remove
                    </Button>
                  </div>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button type="button" variant="secondary" onClick={addRow} disabled={rows.length >= 100}>
        <PlusIcon />
        Add repository
      </Button>
      <details className="rounded-md border border-border px-3 py-2 text-sm text-fg-muted">
        <summary className="cursor-pointer font-medium text-fg">What the access levels allow</summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {ACCESS_LEVELS.map((a) => (
            <div key={a} className="contents">
              <dt className="font-medium text-fg">{ACCESS_LABELS[a]}</dt>
              <dd>{ACCESS_DESCRIPTIONS[a]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
