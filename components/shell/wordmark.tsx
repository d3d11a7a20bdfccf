import { cn } from '@/components/ui/cn';

/** The Tollgate mark: a gate bar over a road, drawn inline (no external assets). */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      className={cn('size-7 shrink-0', className)}
    >
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path d="M8 24V10" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M8 12.5h16" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M13 12.5v3M18 12.5v3" stroke="white" strokeOpacity="0.7" strokeWidth="2" strokeLinecap="round" />
      <path d="M8 24h16" stroke="white" strokeOpacity="0.7" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** Logo mark and the "Tollgate" name. */
export function Wordmark({ className, size = 'md' }: { className?: string; size?: 'md' | 'lg' }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight text-fg', className)}>
      <LogoMark className={size === 'lg' ? 'size-9' : 'size-7'} />
      <span className={size === 'lg' ? 'text-xl' : 'text-base'}>Tollgate</span>
    </span>
  );
}
