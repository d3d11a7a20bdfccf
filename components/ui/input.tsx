import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

/** Shared look of text-like form controls (input, textarea, select). */
export const controlClasses =
  'block w-full rounded-md border border-border-strong bg-surface text-sm text-fg shadow-xs transition-colors ' +
  'placeholder:text-fg-subtle ' +
  'disabled:cursor-not-allowed disabled:bg-subtle disabled:text-fg-muted ' +
  '[&[readonly]]:bg-subtle ' +
  'aria-[invalid=true]:border-danger-500';

export type InputProps = ComponentPropsWithRef<'input'>;

export function Input({ className, type = 'text', ...props }: InputProps) {
  return <input type={type} {...props} className={cn(controlClasses, 'h-9 px-3', className)} />;
}
