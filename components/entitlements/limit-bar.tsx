// A limit's use as a bar: brand below 80 %, amber from 80 %, red once reached.
import { cn } from '@/components/ui/cn';
import { formatBytes } from '@/components/repos/format';
import { LIMIT_LABEL, limitLevel, type Quota } from './model';

const integer = new Intl.NumberFormat('en-US');

/** "7 of 10", "1.2 MiB of 5.0 MiB". */
export const limitText = (l: Pick<Quota, 'limit' | 'used' | 'max'>) =>
  l.limit === 'bytes' ? `${formatBytes(l.used)} of ${formatBytes(l.max)}` : `${integer.format(l.used)} of ${integer.format(l.max)}`;

const FILL = { ok: 'bg-brand-500', warning: 'bg-warning-500', reached: 'bg-danger-600' } as const;

export function LimitBar({ limit, label, className }: { limit: Quota; label?: string; className?: string }) {
  const level = limitLevel(limit.fraction);
  const percent = Math.min(100, Math.round(limit.fraction * 100));
  const name = label ?? LIMIT_LABEL[limit.limit];
  return (
    <div className={cn('min-w-28', className)} data-level={level}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-fg-muted">{name}</span>
        <span className={cn('tabular-nums', level === 'reached' ? 'font-medium text-danger-700' : level === 'warning' ? 'font-medium text-warning-800' : 'text-fg')}>
          {limitText(limit)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${name}: ${limitText(limit)}${level === 'reached' ? ' (limit reached)' : ''}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-1 h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn('h-full rounded-full', FILL[level])} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
