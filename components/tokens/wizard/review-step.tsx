'use client';

import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { AlertIcon } from '@/components/ui/icons';
import { ACCESS_LABELS, EXPIRY_CHOICES, expiryTime, NEVER_EXPIRES_WARNING, repoLabel, type ScopeItem } from '../model';
import { formatDate, useNow } from '@/components/ui/time';
import type { StepIndex, WizardState } from './state';

export type ReviewStepProps = {
  org: string;
  state: WizardState;
  scopes: ScopeItem[];
  onEdit: (step: StepIndex) => void;
};

function Section({ title, step, onEdit, children }: { title: string; step: StepIndex; onEdit: (s: StepIndex) => void; children: ReactNode }) {
  return (
    <section className="border-b border-border py-4 first:pt-0 last:border-b-0 last:pb-0">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h3 className="text-sm font-semibold text-fg">{title}</h3>
        <Button type="button" variant="ghost" size="sm" onClick={() => onEdit(step)} aria-label={`Change ${title.toLowerCase()}`}>
          Change
        </Button>
      </div>
      {children}
    </section>
  );
}

/** Step 4: everything the token will be, with a way back to each part. */
export function ReviewStep({ org, state, scopes, onEdit }: ReviewStepProps) {
  const now = useNow();
  const at = now === null ? null : expiryTime(state.expiry, state.expiryDate, now);
  const expiryLabel = EXPIRY_CHOICES.find((c) => c.value === state.expiry)?.label ?? state.expiry;
  const descriptions = new Map(scopes.map((s) => [s.scope, s]));
  const chosenScopes = scopes.length ? scopes.filter((s) => state.scopes.includes(s.scope)).map((s) => s.scope) : state.scopes;

  return (
    <div>
      <Section title="Details" step={0} onEdit={onEdit}>
        <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-y-1.5 text-sm">
          <dt className="text-fg-muted">Name</dt>
          <dd className="font-medium break-words text-fg">{state.name}</dd>
          <dt className="text-fg-muted">Description</dt>
          <dd className="break-words whitespace-pre-line text-fg">{state.description.trim() || <span className="text-fg-subtle">None</span>}</dd>
          <dt className="text-fg-muted">Expires</dt>
          <dd className="text-fg">
            {state.expiry === 'never' ? (
              <Badge variant="warning">
                <AlertIcon />
                Never
              </Badge>
            ) : at !== null ? (
              <>
                {formatDate(at)}
                {state.expiry !== 'custom' ? <span className="text-fg-muted"> ({expiryLabel} from now)</span> : null}
              </>
            ) : (
              expiryLabel
            )}
          </dd>
        </dl>
        {state.expiry === 'never' ? <p className="mt-2 text-xs text-warning-800">{NEVER_EXPIRES_WARNING}</p> : null}
      </Section>

      <Section title="Type" step={1} onEdit={onEdit}>
        <p className="text-sm text-fg">
          <Badge variant={state.type === 'resource' ? 'brand' : 'neutral'}>{state.type === 'resource' ? 'Resource token' : 'Scope token'}</Badge>
        </p>
      </Section>

      <Section title="Access" step={2} onEdit={onEdit}>
        {state.type === 'resource' ? (
          <ul className="space-y-1 text-sm">
            {state.rows.map((r) => (
              <li key={r.key} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium text-fg">{r.repo ? repoLabel(r.repo) : '—'}</span>
                {r.repo === '*' ? <span className="text-xs text-fg-muted">(current and future repositories of {org})</span> : null}
                <span className="text-fg-muted">→</span>
                <span className="text-fg">
                  {ACCESS_LABELS[r.access]} <span className="text-fg-muted">({r.access})</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <div className="space-y-2 text-sm">
            <ul className="flex flex-wrap gap-1.5">
              {chosenScopes.map((s) => (
                <li key={s}>
                  <code title={descriptions.get(s)?.description} className="rounded border border-border bg-subtle px-1.5 py-0.5 font-mono text-xs">
                    {s}
                  </code>
                </li>
              ))}
            </ul>
            <p className="text-fg">
              <span className="text-fg-muted">On: </span>
              {state.coverage === 'all' ? `All repositories of ${org}, current and future` : state.repositories.join(', ')}
            </p>
          </div>
        )}
      </Section>
    </div>
  );
}
