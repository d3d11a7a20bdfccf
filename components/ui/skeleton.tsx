import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

/** A pulsing placeholder block; size it with className (e.g. "h-4 w-32"). Hidden from assistive tech. */
export function Skeleton({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return <div aria-hidden="true" {...props} className={cn('animate-pulse rounded-md bg-muted', className)} />;
}
