'use client';

import { ErrorView } from '@/components/shell/error-view';
import { Wordmark } from '@/components/shell/wordmark';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="relative">
      <div className="absolute inset-x-0 top-10 flex justify-center">
        <Wordmark size="lg" />
      </div>
      <ErrorView error={error} retry={retry} fullPage />
    </main>
  );
}
