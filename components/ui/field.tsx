import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { cn } from './cn';
import { AlertIcon } from './icons';
import { Label } from './label';

export type FieldControlProps = {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
};

/** Ids and ARIA attributes for a control inside a <Field>: hint → `${id}-hint`, error → `${id}-error`. */
export function fieldControlProps(id: string, opts: { hint?: ReactNode; error?: ReactNode } = {}): FieldControlProps {
  const describedBy = cn(opts.error ? `${id}-error` : null, opts.hint ? `${id}-hint` : null);
  return {
    id,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': opts.error ? true : undefined,
  };
}

export type FieldProps = {
  /** Id of the control; the label points at it and hint/error ids derive from it. */
  htmlFor: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Error message; when set, the control gets aria-invalid and the message is linked to it. */
  error?: ReactNode;
  /** Visual "*" on the label (also put `required` on the control). */
  required?: boolean;
  className?: string;
  /**
   * A single control element: it receives id, aria-describedby and aria-invalid automatically
   * (existing aria-describedby is kept). For composite children, pass a function that
   * receives those props and spreads them onto the real control.
   */
  children: ReactElement<Record<string, unknown>> | ((control: FieldControlProps) => ReactNode);
};

export function Field({ htmlFor, label, hint, error, required, className, children }: FieldProps) {
  const control = fieldControlProps(htmlFor, { hint, error });
  let content: ReactNode;
  if (typeof children === 'function') {
    content = children(control);
  } else if (isValidElement(children)) {
    const own = children.props['aria-describedby'];
    content = cloneElement(children, {
      ...control,
      'aria-describedby': cn(typeof own === 'string' ? own : null, control['aria-describedby']) || undefined,
    });
  } else {
    content = children;
  }

  return (
    <div className={className}>
      <Label htmlFor={htmlFor} required={required} className="mb-1.5">
        {label}
      </Label>
      {content}
      {/* Always rendered so screen readers announce an error when it appears. */}
      <div id={`${htmlFor}-error`} aria-live="polite" aria-atomic="true">
        {error ? (
          <p className="mt-1.5 flex items-start gap-1 text-xs font-medium text-danger-700">
            <AlertIcon className="mt-px size-3.5" />
            <span>{error}</span>
          </p>
        ) : null}
      </div>
      {hint ? (
        <p id={`${htmlFor}-hint`} className="mt-1.5 text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
