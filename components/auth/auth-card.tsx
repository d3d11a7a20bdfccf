import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

export type AuthCardProps = {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Below the card: links to the other auth pages. */
  footer?: ReactNode;
  className?: string;
};

/** The card of the sign-in, sign-up and invitation pages. */
export function AuthCard({ title, description, children, footer, className }: AuthCardProps) {
  return (
    <div className={cn('w-full', className)}>
      <div className="rounded-xl border border-border bg-surface px-6 py-7 shadow-sm sm:px-8">
        <h1 className="text-lg leading-7 font-semibold text-fg">{title}</h1>
        {description ? <div className="mt-1 text-sm text-fg-muted">{description}</div> : null}
        {children ? <div className="mt-6">{children}</div> : null}
      </div>
      {footer ? <div className="mt-5 text-center text-sm text-fg-muted">{footer}</div> : null}
    </div>
  );
}
