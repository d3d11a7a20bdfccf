import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cn } from './cn';
import { AlertIcon } from './icons';

export type FormErrorProps = Omit<ComponentPropsWithRef<'div'>, 'title'> & {
  title?: ReactNode;
  /** The message (or a list of messages). Nothing is rendered when both title and children are empty. */
  children?: ReactNode;
};

/**
 * Form-level error banner (e.g. "Invalid credentials", server failure).
 * Uses role="alert" so it is announced when it appears; it accepts a ref and
 * tabIndex={-1} so a form can move focus to it after a failed submit.
 */
export function FormError({ title, children, className, ...props }: FormErrorProps) {
  if (!title && (children === null || children === undefined || children === false || children === '')) return null;
  return (
    <div
      role="alert"
      {...props}
      className={cn(
        'flex gap-2.5 rounded-md border border-danger-200 bg-danger-50 px-3 py-2.5 text-sm text-danger-800',
        className,
      )}
    >
      <AlertIcon className="mt-0.5 text-danger-600" />
      <div className="min-w-0 space-y-0.5">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn(title ? 'text-danger-700' : null)}>{children}</div> : null}
      </div>
    </div>
  );
}
