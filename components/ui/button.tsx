import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

const base =
  'inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap select-none ' +
  'transition-colors disabled:cursor-not-allowed disabled:opacity-55 aria-disabled:cursor-not-allowed aria-disabled:opacity-55';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-600 text-white shadow-xs hover:bg-brand-700 active:bg-brand-800 disabled:hover:bg-brand-600',
  secondary:
    'border border-border-strong bg-surface text-fg shadow-xs hover:bg-subtle active:bg-muted disabled:hover:bg-surface',
  ghost: 'text-fg-muted hover:bg-subtle hover:text-fg active:bg-muted disabled:hover:bg-transparent',
  danger: 'bg-danger-600 text-white shadow-xs hover:bg-danger-700 active:bg-danger-800 disabled:hover:bg-danger-600',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'h-7 px-2.5 text-xs',
  md: 'h-9 px-3.5 text-sm',
};

/** Class string for anything that should look like a button (e.g. a next/link). */
export function buttonClasses(variant: ButtonVariant = 'primary', size: ButtonSize = 'md', className?: string) {
  return cn(base, variants[variant], sizes[size], className);
}

export type ButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and sets aria-busy. */
  loading?: boolean;
};

/**
 * Note: like a native <button>, the default type inside a <form> is "submit";
 * pass type="button" for buttons that must not submit.
 */
export function Button({
  variant = 'primary',
  size = 'md',
  loading = false,
  disabled,
  className,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      {...props}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses(variant, size, className)}
    >
      {loading ? <Spinner size={size === 'sm' ? 'sm' : 'md'} /> : null}
      {children}
    </button>
  );
}
