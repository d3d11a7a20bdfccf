'use client';

import { cn } from '@/components/ui/cn';
import { CheckIcon } from '@/components/ui/icons';

export type StepperProps = {
  steps: readonly { id: string; label: string }[];
  current: number;
  /** The furthest step reached: steps up to it can be revisited. */
  reached: number;
  /** Steps holding errors get a red marker. */
  invalid?: ReadonlySet<number>;
  onSelect: (index: number) => void;
  disabled?: boolean;
};

/**
 * The wizard's progress, "1 Details → 4 Review". The current step is
 * aria-current="step"; steps already reached are buttons to go back to.
 */
export function Stepper({ steps, current, reached, invalid, onSelect, disabled }: StepperProps) {
  return (
    <nav aria-label="Steps">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-2">
        {steps.map((step, i) => {
          const isCurrent = i === current;
          const done = !isCurrent && i <= reached;
          const bad = invalid?.has(i) ?? false;
          const state = isCurrent ? 'current' : bad ? 'has errors' : i < current ? 'completed' : done ? 'visited' : 'not reached yet';
          const marker = (
            <span
              aria-hidden="true"
              className={cn(
                'flex size-6 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                isCurrent
                  ? 'border-brand-600 bg-brand-600 text-white'
                  : bad
                    ? 'border-danger-500 bg-danger-50 text-danger-700'
                    : done
                      ? 'border-brand-200 bg-brand-50 text-brand-700'
                      : 'border-border-strong bg-surface text-fg-muted',
              )}
            >
              {done && !bad && !isCurrent ? <CheckIcon className="size-3.5" /> : i + 1}
            </span>
          );
          const label = (
            <span className={cn('text-sm font-medium', isCurrent ? 'text-fg' : bad ? 'text-danger-700' : done ? 'text-fg' : 'text-fg-muted')}>
              {step.label}
            </span>
          );
          const canGo = !isCurrent && i <= reached && !disabled;
          return (
            <li key={step.id} className="flex items-center gap-2">
              {i > 0 ? (
                <span aria-hidden="true" className={cn('h-px w-6 sm:w-10', i <= reached ? 'bg-brand-300' : 'bg-border-strong')} />
              ) : null}
              {canGo ? (
                <button
                  type="button"
                  onClick={() => onSelect(i)}
                  className="flex items-center gap-2 rounded-md py-1 pr-1.5 hover:bg-subtle"
                >
                  {marker}
                  {label}
                  <span className="sr-only">
                    {' '}
                    (step {i + 1} of {steps.length}, {state})
                  </span>
                </button>
              ) : (
                <span aria-current={isCurrent ? 'step' : undefined} className="flex items-center gap-2 py-1 pr-1.5">
                  {marker}
                  {label}
                  <span className="sr-only">
                    {' '}
                    (step {i + 1} of {steps.length}, {state})
                  </span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
