import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ICONS } from '@/components/shell/icon';
import { Wordmark } from '@/components/shell/wordmark';

export const metadata: Metadata = { icons: ICONS };

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-canvas">
      <main className="flex flex-1 flex-col items-center justify-center px-4 py-12">
        <Link href="/" className="mb-8 rounded-md" aria-label="Tollgate home">
          <Wordmark size="lg" />
        </Link>
        <div className="w-full max-w-md">{children}</div>
      </main>
      <footer className="pb-6 text-center text-xs text-fg-subtle">
        Tollgate · package distribution behind token-based access control
      </footer>
    </div>
  );
}
