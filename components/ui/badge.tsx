import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

export type BadgeVariant = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const variants: Record<BadgeVariant, string> = {
  neutral: 'border-border bg-subtle text-fg-muted',
  brand: 'border-brand-200 bg-brand-50 text-brand-700',
  success: 'border-success-200 bg-success-50 text-success-800',
  warning: 'border-warning-200 bg-warning-50 text-warning-800',
  danger: 'border-danger-200 bg-danger-50 text-danger-700',
};

export type BadgeProps = ComponentPropsWithRef<'span'> & { variant?: BadgeVariant };

export function Badge({ variant = 'neutral', className, ...props }: BadgeProps) {
  return (
    <span
      {...props}
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-2 py-px text-xs leading-5 font-medium whitespace-nowrap [&_svg]:size-3',
        variants[variant],
        className,
      )}
    />
  );
}
