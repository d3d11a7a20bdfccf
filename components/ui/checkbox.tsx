import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cn } from './cn';

export type CheckboxProps = Omit<ComponentPropsWithRef<'input'>, 'type'> & {
  /** Visible label, rendered to the right; clicking it toggles the box. */
  label?: ReactNode;
  /** Secondary text under the label, linked with aria-describedby. */
  description?: ReactNode;
};

const boxClasses =
  'size-4 shrink-0 cursor-pointer rounded-sm border-border-strong accent-brand-600 disabled:cursor-not-allowed disabled:opacity-55';

export function Checkbox({ label, description, className, id, ...props }: CheckboxProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const descriptionId = description ? `${inputId}-description` : undefined;
  const describedBy = cn(props['aria-describedby'], descriptionId) || undefined;

  const input = (
    <input
      type="checkbox"
      id={inputId}
      {...props}
      aria-describedby={describedBy}
      className={cn(boxClasses, label ? 'mt-0.5' : null, label ? null : className)}
    />
  );
  if (!label) return input;

  return (
    <div className={cn('flex items-start gap-2', className)}>
      {input}
      <div className="min-w-0">
        <label htmlFor={inputId} className="block cursor-pointer text-sm font-medium text-fg">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="mt-0.5 text-xs text-fg-muted">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
