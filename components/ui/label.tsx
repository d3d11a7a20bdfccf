import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

export type LabelProps = ComponentPropsWithRef<'label'> & {
  /** Shows a visual "*" marker. Put `required` on the control itself for assistive tech. */
  required?: boolean;
};

export function Label({ className, required, children, ...props }: LabelProps) {
  return (
    <label {...props} className={cn('block text-sm font-medium text-fg', className)}>
      {children}
      {required ? (
        <span aria-hidden="true" className="ml-0.5 text-danger-600">
          *
        </span>
      ) : null}
    </label>
  );
}
