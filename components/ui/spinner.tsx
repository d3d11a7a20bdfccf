import { cn } from './cn';

export type SpinnerProps = {
  size?: 'sm' | 'md' | 'lg';
  /** When set, the spinner is announced (role="status") with this text. Otherwise decorative. */
  label?: string;
  className?: string;
};

const sizes = { sm: 'size-3.5', md: 'size-4', lg: 'size-6' } as const;

export function Spinner({ size = 'md', label, className }: SpinnerProps) {
  const svg = (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
      focusable="false"
      className={cn('animate-spin shrink-0', sizes[size], className)}
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (!label) return svg;
  return (
    <span role="status" className="inline-flex items-center">
      {svg}
      <span className="sr-only">{label}</span>
    </span>
  );
}
