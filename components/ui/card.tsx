import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return <div {...props} className={cn('rounded-lg border border-border bg-surface shadow-xs', className)} />;
}

export function CardHeader({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return (
    <div
      {...props}
      className={cn('flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-border px-5 py-4', className)}
    />
  );
}

export type CardTitleProps = ComponentPropsWithRef<'h2'> & { as?: 'h2' | 'h3' | 'h4' };

export function CardTitle({ as: Tag = 'h2', className, ...props }: CardTitleProps) {
  return <Tag {...props} className={cn('text-base font-semibold leading-6 text-fg', className)} />;
}

export function CardDescription({ className, ...props }: ComponentPropsWithRef<'p'>) {
  return <p {...props} className={cn('mt-0.5 text-sm text-fg-muted', className)} />;
}

export type CardContentProps = ComponentPropsWithRef<'div'> & {
  /** No padding: for tables or lists that run edge to edge. */
  flush?: boolean;
};

export function CardContent({ flush, className, ...props }: CardContentProps) {
  return <div {...props} className={cn(flush ? null : 'px-5 py-4', className)} />;
}

export function CardFooter({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return (
    <div
      {...props}
      className={cn(
        'flex flex-wrap items-center justify-end gap-2 rounded-b-lg border-t border-border bg-subtle px-5 py-3',
        className,
      )}
    />
  );
}
