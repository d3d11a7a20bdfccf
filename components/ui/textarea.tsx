import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';
import { controlClasses } from './input';

export type TextareaProps = ComponentPropsWithRef<'textarea'>;

export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea rows={rows} {...props} className={cn(controlClasses, 'min-h-16 px-3 py-2 leading-5', className)} />
  );
}
