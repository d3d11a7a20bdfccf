'use client';

// The edit page: the entitlement loaded, then the form with its values.
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { LoadError } from '@/components/ui/paged-list';
import { Skeleton } from '@/components/ui/skeleton';
import { EntitlementForm } from './entitlement-form';
import { useEntitlement } from './queries';

export function EditEntitlement({ org, id }: { org: string; id: string }) {
  const query = useEntitlement(org, id);
  const back = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href={`/${org}/entitlements/${encodeURIComponent(id)}`} className="text-brand-700 hover:underline">
        {query.data?.name ?? 'Entitlement'}
      </Link>
    </nav>
  );
  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the entitlement" className="space-y-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (query.isError) return <LoadError title="The entitlement could not be loaded." error={query.error} onRetry={query.refetch} />;
  const e = query.data;
  return (
    <>
      {back}
      <PageHeader title={`Edit ${e.name}`} description="Every field but the token string. Changes apply to the next download." />
      {e.status === 'revoked' ? (
        <p className="text-sm text-fg-muted">A revoked entitlement cannot be changed.</p>
      ) : (
        <EntitlementForm org={org} mode="edit" entitlement={e} />
      )}
    </>
  );
}
