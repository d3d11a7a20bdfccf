import type { ReactNode } from 'react';
import { cn } from './cn';

export type EmptyStateProps = {
  /** An icon element, e.g. <PackageIcon />. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** A button or link, e.g. <Button>New token</Button>. */
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center rounded-lg border border-dashed border-border-strong px-6 py-12 text-center',
        className,
      )}
    >
      {icon ? (
        <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-subtle text-fg-muted [&_svg]:size-5">
          {icon}
        </div>
      ) : null}
      <h3 className="text-sm font-semibold text-fg">{title}</h3>
      {description ? <p className="mt-1 max-w-sm text-sm text-fg-muted">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
