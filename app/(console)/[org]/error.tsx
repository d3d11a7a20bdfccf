'use client';

import { useParams } from 'next/navigation';
import { ErrorView } from '@/components/shell/error-view';

/** Errors inside an organization's pages keep the console frame around them. */
export default function OrgError({ error, retry }: { error: unknown; retry: () => void }) {
  const params = useParams<{ org: string }>();
  return (
    <ErrorView
      error={error}
      retry={retry}
      homeHref={params?.org ? `/${params.org}/repositories` : '/'}
      homeLabel="Back to repositories"
    />
  );
}
