import type { Metadata } from 'next';
import Link from 'next/link';
import { ICONS } from '@/components/shell/icon';
import { Wordmark } from '@/components/shell/wordmark';
import { buttonClasses } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found', icons: ICONS };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12 text-center">
      <Link href="/" className="mb-10 rounded-md" aria-label="Tollgate home">
        <Wordmark size="lg" />
      </Link>
      <p className="font-mono text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-fg-muted">
        This page does not exist, or you do not have access to it. If someone sent you this link, check that you are
        signed in with the right account.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Link href="/" className={buttonClasses('primary')}>
          Go to the console
        </Link>
      </div>
    </main>
  );
}
