import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';
import { ChevronDownIcon } from './icons';
import { controlClasses } from './input';

export type SelectProps = ComponentPropsWithRef<'select'> & {
  /** Classes for the wrapper; use it for width (the select itself fills the wrapper). */
  wrapperClassName?: string;
};

/** A native <select>, styled. Pass <option> elements as children. */
export function Select({ className, wrapperClassName, children, ...props }: SelectProps) {
  return (
    <div className={cn('relative', wrapperClassName)}>
      <select {...props} className={cn(controlClasses, 'h-9 appearance-none pr-8 pl-3', className)}>
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-fg-muted" />
    </div>
  );
}
