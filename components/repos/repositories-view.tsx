'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PackageIcon, PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatDateTime, formatRelative } from '@/components/ui/time';
import { CreateRepoDialog } from './create-repo-dialog';
import { exactBytes, formatBytes } from './format';
import { FormatBadge, VisibilityBadge } from './repo-badges';
import { useRepos } from './queries';

export type RepositoriesViewProps = {
  org: { slug: string; name: string; defaultVisibility: string };
  /** repo:create on the organization. */
  canCreate: boolean;
};

/** The repositories page: the list the viewer can see, and "Create repository". */
export function RepositoriesView({ org, canCreate }: RepositoriesViewProps) {
  const [creating, setCreating] = useState(false);
  const repos = useRepos(org.slug);
  // One "Create repository" button at a time: in the header, or in the empty state.
  const empty = repos.isSuccess && repos.data.pages.every((p) => p.items.length === 0);
  const createButton = canCreate ? (
    <Button type="button" onClick={() => setCreating(true)}>
      <PlusIcon />
      Create repository
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Repositories"
        description={`Package repositories of ${org.name} and who can read them.`}
        actions={empty ? null : createButton}
      />
      <ReposTable orgSlug={org.slug} emptyAction={createButton} />
      {canCreate ? (
        <CreateRepoDialog
          open={creating}
          onOpenChange={setCreating}
          orgSlug={org.slug}
          orgName={org.name}
          defaultVisibility={org.defaultVisibility}
        />
      ) : null}
    </>
  );
}

function ReposTable({ orgSlug, emptyAction }: { orgSlug: string; emptyAction: ReactNode }) {
  const repos = useRepos(orgSlug);

  return (
    <PagedList
      source={repos}
      skeleton={
        <TableSkeleton
          label="Repositories"
          head={<Head />}
          cells={['h-4 w-32', 'h-5 w-12 rounded-full', 'h-5 w-16 rounded-full', 'h-4 w-48', 'ml-auto h-4 w-8', 'ml-auto h-4 w-14', 'h-4 w-20']}
        />
      }
      errorTitle="The repositories could not be loaded."
      empty={
        <EmptyState
          icon={<PackageIcon />}
          title="No repositories yet"
          description={
            emptyAction
              ? 'Repositories hold raw files and PyPI, npm and conda packages. Create one, then upload with curl, twine, npm or conda.'
              : 'Repositories hold raw files and PyPI, npm and conda packages. None is shared with you yet: ask an admin of this organization for a role on one.'
          }
          action={emptyAction}
        />
      }
      moreLabel="Load more repositories"
    >
      {(rows) => (
        <Table aria-label="Repositories">
          <Head />
          <TBody>
            {rows.map((repo) => (
              <TR key={repo.id}>
                <TD className="font-medium">
                  <Link
                    href={`/${orgSlug}/repositories/${encodeURIComponent(repo.name)}`}
                    className="font-mono text-[13px] text-brand-700 hover:underline"
                  >
                    {repo.name}
                  </Link>
                </TD>
                <TD>
                  <FormatBadge format={repo.format} />
                </TD>
                <TD>
                  <VisibilityBadge visibility={repo.visibility} />
                </TD>
                <TD className="max-w-xs text-fg-muted">
                  {repo.description ? (
                    <span className="line-clamp-2" title={repo.description}>
                      {repo.description}
                    </span>
                  ) : (
                    <span className="text-fg-subtle">—</span>
                  )}
                </TD>
                {repo.permissions.includes('artifact:view') ? (
                  <>
                    <TD className="text-right tabular-nums">{repo.fileCount ?? 0}</TD>
                    <TD className="text-right whitespace-nowrap tabular-nums" title={exactBytes(repo.totalBytes ?? 0)}>
                      {formatBytes(repo.totalBytes ?? 0)}
                    </TD>
                  </>
                ) : (
                  // Uploaders and distribution managers do not see the files.
                  <>
                    <TD className="text-right text-fg-subtle">—</TD>
                    <TD className="text-right text-fg-subtle">—</TD>
                  </>
                )}
                <TD className="whitespace-nowrap text-fg-muted">
                  <time dateTime={repo.updatedAt} title={formatDateTime(repo.updatedAt)}>
                    {formatRelative(repo.updatedAt)}
                  </time>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </PagedList>
  );
}

function Head() {
  return (
    <THead>
      <TR>
        <TH>Name</TH>
        <TH>Format</TH>
        <TH>Visibility</TH>
        <TH>Description</TH>
        <TH className="text-right">Files</TH>
        <TH className="text-right">Size</TH>
        <TH>Updated</TH>
      </TR>
    </THead>
  );
}
