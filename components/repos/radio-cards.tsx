'use client';

import { useId, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { AlertIcon } from '@/components/ui/icons';

export type RadioCardOption<T extends string> = { value: T; label: ReactNode; description: ReactNode };

export type RadioCardsProps<T extends string> = {
  /** The group's accessible name (its legend), e.g. "Visibility". */
  legend: ReactNode;
  hint?: ReactNode;
  name: string;
  value: T;
  onChange: (value: T) => void;
  options: readonly RadioCardOption<T>[];
  error?: string;
  disabled?: boolean;
  /** Grid columns from `sm` up. */
  columns?: 2 | 3 | 4;
  className?: string;
};

const grid = { 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-3', 4: 'sm:grid-cols-4' } as const;

/**
 * A radio group drawn as cards: a label and one explaining sentence each. The
 * group is a role="radiogroup" named by its legend, each radio by its label
 * and described by its sentence.
 */
export function RadioCards<T extends string>({
  legend,
  hint,
  name,
  value,
  onChange,
  options,
  error,
  disabled,
  columns = 3,
  className,
}: RadioCardsProps<T>) {
  const id = useId();
  const describedBy = cn(error ? `${id}-error` : null, hint ? `${id}-hint` : null) || undefined;
  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
      className={className}
    >
      <legend id={`${id}-legend`} className="text-sm font-medium text-fg">
        {legend}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
      <div className={cn('mt-2 grid gap-2', grid[columns])}>
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <label
              key={option.value}
              className={cn(
                'flex cursor-pointer gap-2.5 rounded-lg border p-3 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500',
                checked ? 'border-brand-500 bg-brand-50' : 'border-border bg-surface hover:bg-subtle',
                error && !checked && 'border-danger-200',
                disabled && 'cursor-not-allowed opacity-70',
              )}
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={checked}
                onChange={() => onChange(option.value)}
                // Named by its label alone; the sentence is its description.
                aria-labelledby={`${id}-${option.value}-label`}
                aria-describedby={`${id}-${option.value}`}
                className="mt-0.5 size-4 shrink-0 accent-brand-600 focus-visible:outline-none"
              />
              <span className="min-w-0">
                <span id={`${id}-${option.value}-label`} className="block text-sm font-medium text-fg">
                  {option.label}
                </span>
                <span id={`${id}-${option.value}`} className="mt-0.5 block text-xs text-fg-muted">
                  {option.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <div id={`${id}-error`} aria-live="polite">
        {error ? (
          <p className="mt-1.5 flex items-start gap-1 text-xs font-medium text-danger-700">
            <AlertIcon className="mt-px size-3.5" />
            <span>{error}</span>
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
