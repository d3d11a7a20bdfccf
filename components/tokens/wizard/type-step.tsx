'use client';

import { cn } from '@/components/ui/cn';
import { AlertIcon } from '@/components/ui/icons';
import type { StepProps } from './details-step';
import type { WizardState } from './state';

const TYPES: { value: WizardState['type']; title: string; description: string; example: string }[] = [
  {
    value: 'resource',
    title: 'Resource token',
    description: 'Pick repositories and give the token one access level on each: read, upload, write or manage.',
    example: 'e.g. “libs: read” for a build that installs packages',
  },
  {
    value: 'scope',
    title: 'Scope token',
    description: 'Pick individual permission scopes and which repositories they cover, including organization scopes.',
    example: 'e.g. “artifact:download, repo:view” on two repositories',
  },
];

/** Step 2: resource or scope token, as two radio cards. */
export function TypeStep({ id, state, update, errors }: StepProps) {
  const error = errors.type;
  return (
    <fieldset aria-describedby={error ? `${id}-type-error` : undefined}>
      <legend className="sr-only">Token type</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {TYPES.map((t) => {
          const checked = state.type === t.value;
          const titleId = `${id}-type-${t.value}-title`;
          const descriptionId = `${id}-type-${t.value}-description`;
          return (
            <label
              key={t.value}
              className={cn(
                'flex cursor-pointer items-start gap-3 rounded-lg border bg-surface p-4 transition-colors has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-500',
                checked ? 'border-brand-500 bg-brand-50/60 ring-1 ring-brand-500' : 'border-border-strong hover:bg-subtle',
              )}
            >
              <input
                type="radio"
                name="type"
                value={t.value}
                checked={checked}
                onChange={() => update({ type: t.value })}
                aria-labelledby={titleId}
                aria-describedby={descriptionId}
                data-autofocus={checked ? '' : undefined}
                className="mt-0.5 size-4 shrink-0 cursor-pointer accent-brand-600 focus-visible:outline-none"
              />
              <span className="min-w-0">
                <span id={titleId} className="block text-sm font-semibold text-fg">
                  {t.title}
                </span>
                <span id={descriptionId} className="mt-1 block text-sm text-fg-muted">
                  {t.description}
                </span>
                <span className="mt-2 block text-xs text-fg-subtle">{t.example}</span>
              </span>
            </label>
          );
        })}
      </div>
      <div id={`${id}-type-error`} aria-live="polite">
        {error ? (
          <p className="mt-2 flex items-start gap-1 text-xs font-medium text-danger-700">
            <AlertIcon className="mt-px size-3.5" />
            <span>{error}</span>
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
