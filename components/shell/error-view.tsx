'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

export type ErrorViewProps = {
  error: unknown;
  retry: () => void;
  /** Fills the viewport (root error page) or sits inside the console frame. */
  fullPage?: boolean;
  homeHref?: string;
  homeLabel?: string;
};

/** "Something went wrong" with a retry, for error.tsx boundaries. */
export function ErrorView({ error, retry, fullPage = false, homeHref = '/', homeLabel = 'Go to the console' }: ErrorViewProps) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className={cn('flex flex-col items-center justify-center px-4 text-center', fullPage ? 'min-h-dvh py-12' : 'py-20')}>
      <p className="font-mono text-sm font-semibold text-danger-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-fg-muted">
        This page could not be shown. It is probably temporary: try again in a moment. If it keeps happening, give your
        administrator the reference below.
      </p>
      {digest ? (
        <p className="mt-3 text-xs text-fg-subtle">
          Reference: <code className="rounded-sm bg-subtle px-1.5 py-0.5 text-fg-muted">{digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button type="button" onClick={() => retry()}>
          Try again
        </Button>
        <Link href={homeHref} className={buttonClasses('secondary')}>
          {homeLabel}
        </Link>
      </div>
    </div>
  );
}
