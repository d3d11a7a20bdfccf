import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

export type TableProps = ComponentPropsWithRef<'table'> & {
  /** Border + rounded frame around the table. Turn off inside a Card (use <CardContent flush>). */
  framed?: boolean;
  wrapperClassName?: string;
};

export function Table({ framed = true, className, wrapperClassName, ...props }: TableProps) {
  return (
    <div
      className={cn(
        'w-full overflow-x-auto',
        framed ? 'rounded-lg border border-border bg-surface shadow-xs' : null,
        wrapperClassName,
      )}
    >
      <table {...props} className={cn('w-full border-collapse text-left text-sm', className)} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentPropsWithRef<'thead'>) {
  return <thead {...props} className={cn('border-b border-border bg-subtle', className)} />;
}

export function TBody({ className, ...props }: ComponentPropsWithRef<'tbody'>) {
  return <tbody {...props} className={cn('divide-y divide-border', className)} />;
}

export function TR({ className, ...props }: ComponentPropsWithRef<'tr'>) {
  return <tr {...props} className={cn('transition-colors [tbody>&]:hover:bg-subtle/60', className)} />;
}

export function TH({ className, scope = 'col', ...props }: ComponentPropsWithRef<'th'>) {
  return (
    <th
      scope={scope}
      {...props}
      className={cn('h-9 px-4 text-xs font-medium whitespace-nowrap text-fg-muted', className)}
    />
  );
}

export function TD({ className, ...props }: ComponentPropsWithRef<'td'>) {
  return <td {...props} className={cn('px-4 py-2.5 align-middle text-fg', className)} />;
}

/** A table's header row: one TH per column (a string, or text with its own class), and an
 * unlabelled actions column when the rows carry buttons (screen readers still hear "Actions"). */
export function HeadRow({ columns, actions = false }: { columns: readonly (string | { label: string; className: string })[]; actions?: boolean }) {
  return (
    <THead>
      <TR>
        {columns.map((c) =>
          typeof c === 'string' ? <TH key={c}>{c}</TH> : <TH key={c.label} className={c.className}>{c.label}</TH>,
        )}
        {actions ? (
          <TH className="relative">
            <span className="sr-only">Actions</span>
          </TH>
        ) : null}
      </TR>
    </THead>
  );
}
