'use client';

// The four states every console list goes through: a skeleton while the
// first page loads, the error with "Try again", the empty state, and the rows
// with "Load more" while the API has another page.
import type { ReactNode } from 'react';
import type { Page } from '@/lib/http/pagination';
import { errorMessage } from '@/lib/http/client';
import { Button } from './button';
import { cn } from './cn';
import { FormError } from './form-error';
import { Skeleton } from './skeleton';
import { Table, TBody, TD, TR } from './table';

/**
 * What a list reads from its query: a react-query infinite query of API pages
 * (usePagedList), or a plain query whose data is every row already.
 */
export type ListSource<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  data?: { pages: Page<T>[] } | T[];
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
};

/** The rows loaded so far (none before the first page). */
export function listRows<T>(source: Pick<ListSource<T>, 'data'>): T[] {
  const data = source.data;
  if (!data) return [];
  return Array.isArray(data) ? data : data.pages.flatMap((p) => p.items);
}

/** A list that could not be loaded: the API's message and a way to ask again. */
export function LoadError({ title, error, onRetry }: { title: ReactNode; error: unknown; onRetry: () => unknown }) {
  return (
    <FormError title={title}>
      {errorMessage(error)}{' '}
      <button type="button" className="font-medium underline" onClick={() => void onRetry()}>
        Try again
      </button>
    </FormError>
  );
}

export type PagedListProps<T> = {
  source: ListSource<T>;
  /** Shown while the first page loads (e.g. a TableSkeleton); mark it aria-busy. */
  skeleton: ReactNode;
  /** "The repositories could not be loaded." */
  errorTitle: ReactNode;
  /** Shown when the list has no rows. */
  empty: ReactNode;
  /** The rows, drawn (a table, a list). */
  children: (rows: T[]) => ReactNode;
  /** "Load more repositories": the button under the rows while another page exists. */
  moreLabel?: string;
  /** Classes of the row holding the "Load more" button (default: a gap above it). */
  moreClassName?: string;
};

export function PagedList<T>({ source, skeleton, errorTitle, empty, children, moreLabel = 'Load more', moreClassName = 'mt-3' }: PagedListProps<T>) {
  if (source.isPending) return skeleton;
  if (source.isError) return <LoadError title={errorTitle} error={source.error} onRetry={source.refetch} />;
  const rows = listRows(source);
  if (!rows.length) return empty;
  return (
    <>
      {children(rows)}
      {source.hasNextPage && source.fetchNextPage ? (
        <div className={cn('flex justify-center', moreClassName)}>
          <Button type="button" variant="secondary" size="sm" loading={source.isFetchingNextPage} onClick={() => void source.fetchNextPage?.()}>
            {moreLabel}
          </Button>
        </div>
      ) : null}
    </>
  );
}

export type TableSkeletonProps = {
  /** The table's accessible name. */
  label: string;
  /** The table's <THead>, the same as the loaded table's. */
  head: ReactNode;
  /**
   * One entry a column: the classes of a <Skeleton> bar, a node drawn in the
   * cell as it is, or null for an empty cell.
   */
  cells: readonly (string | ReactNode)[];
  rows?: number;
};

/** A table's head over a few grey rows, while its first page loads. */
export function TableSkeleton({ label, head, cells, rows = 3 }: TableSkeletonProps) {
  return (
    <Table aria-label={label} aria-busy="true">
      {head}
      <TBody>
        {Array.from({ length: rows }, (_, i) => (
          <TR key={i}>
            {cells.map((cell, c) => (
              <TD key={c}>{typeof cell === 'string' ? <Skeleton className={cell} /> : cell}</TD>
            ))}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

/** A person's cell while loading (TableSkeleton `cells`): an avatar and a bar. */
export const AVATAR_SKELETON = (
  <div className="flex items-center gap-2.5">
    <Skeleton className="size-8 rounded-full" />
    <Skeleton className="h-4 w-28" />
  </div>
);

/** Grey bars stacked, while a list that is not a table loads. */
export function StackSkeleton({ label, className, rows = 3 }: { label: string; className: string; rows?: number }) {
  return (
    <div className="space-y-2" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={className} />
      ))}
    </div>
  );
}
