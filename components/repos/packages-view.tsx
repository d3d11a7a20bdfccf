'use client';

// The packages of a repository (pypi, npm, conda) with their versions: one row
// per package; expanding it lists its versions, newest first, with files.
import { useId, useState } from 'react';
import { formatDate, formatDateTime } from '@/components/ui/time';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ChevronDownIcon, ChevronRightIcon, PackageIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { PagedList, StackSkeleton } from '@/components/ui/paged-list';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/http/client';
import { exactBytes, formatBytes, shortSha } from './format';
import { usePackages, useVersions, type PackageSummary } from './package-queries';

export function PackagesView({ orgSlug, repo }: { orgSlug: string; repo: { name: string; format: string } }) {
  const [q, setQ] = useState('');
  const searchId = useId();
  const packages = usePackages(orgSlug, repo.name, q.trim());

  return (
    <div className="space-y-4">
      <div className="max-w-sm">
        <label htmlFor={searchId} className="sr-only">
          Filter packages by name
        </label>
        <Input id={searchId} type="search" placeholder="Filter by name" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <PagedList
        source={packages}
        skeleton={<StackSkeleton label="Loading packages" className="h-12 w-full" />}
        errorTitle="The packages could not be loaded."
        empty={
          <EmptyState
            icon={<PackageIcon />}
            title={q ? 'No package matches' : 'No packages yet'}
            description={q ? `Nothing in ${repo.name} has “${q}” in its name.` : 'Packages appear here once a file is uploaded or published.'}
          />
        }
        moreLabel="Load more packages"
        // The page's space-y sets the gap above the button.
        moreClassName=""
      >
        {(rows) => (
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface shadow-xs" aria-label="Packages">
            {rows.map((p) => (
              <PackageRow key={p.name} orgSlug={orgSlug} repo={repo.name} pkg={p} />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}

function PackageRow({ orgSlug, repo, pkg }: { orgSlug: string; repo: string; pkg: PackageSummary }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const versions = useVersions(orgSlug, repo, pkg.name, open);
  const items = versions.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = Object.entries(pkg.distTags);
  return (
    <li>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-3 px-4 py-3 text-left hover:bg-subtle focus-visible:-outline-offset-2"
      >
        {open ? <ChevronDownIcon className="size-4 text-fg-muted" /> : <ChevronRightIcon className="size-4 text-fg-muted" />}
        <span className="min-w-0 flex-1 truncate font-medium text-fg">{pkg.displayName}</span>
        <span className="text-sm text-fg-muted">{pkg.latest ? `latest ${pkg.latest}` : '—'}</span>
        <span className="w-24 text-right text-sm text-fg-muted tabular-nums">
          {pkg.versionCount} {pkg.versionCount === 1 ? 'version' : 'versions'}
        </span>
        <time className="w-28 text-right text-sm text-fg-muted" dateTime={pkg.updatedAt} title={formatDateTime(pkg.updatedAt)}>
          {formatDate(pkg.updatedAt)}
        </time>
      </button>
      {open ? (
        <div id={panelId} className="border-t border-border bg-subtle px-4 py-3">
          {tags.length ? (
            <p className="mb-2 text-xs text-fg-muted">
              Tags:{' '}
              {tags.map(([tag, v]) => (
                <code key={tag} className="mr-2 font-mono">
                  {tag} → {v}
                </code>
              ))}
            </p>
          ) : null}
          {versions.isPending ? (
            <Skeleton className="h-8 w-full" />
          ) : versions.isError ? (
            <p className="text-sm text-danger-700">{errorMessage(versions.error)}</p>
          ) : (
            <table className="w-full text-sm" aria-label={`Versions of ${pkg.displayName}`}>
              <thead>
                <tr className="text-left text-xs text-fg-muted">
                  <th scope="col" className="py-1 pr-4 font-medium">Version</th>
                  <th scope="col" className="py-1 pr-4 font-medium">Files</th>
                  <th scope="col" className="py-1 font-medium">Published</th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr key={v.version} className="align-top">
                    <td className="py-1.5 pr-4 font-mono">
                      {v.version}
                      {v.yanked ? <span className="ml-2 text-xs text-warning-700">yanked</span> : null}
                    </td>
                    <td className="py-1.5 pr-4">
                      {v.files.length === 0 ? (
                        <span className="text-fg-subtle">no files</span>
                      ) : (
                        <ul className="space-y-0.5">
                          {v.files.map((f) => (
                            <li key={f.path} className="font-mono text-[13px] break-all">
                              {f.filename}{' '}
                              <span className="text-fg-muted" title={exactBytes(f.size)}>
                                ({formatBytes(f.size)}, sha256 {shortSha(f.sha256)}…)
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="py-1.5 whitespace-nowrap text-fg-muted">
                      <time dateTime={v.createdAt} title={formatDateTime(v.createdAt)}>
                        {formatDate(v.createdAt)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {versions.hasNextPage ? (
            <Button type="button" variant="ghost" size="sm" className="mt-2" loading={versions.isFetchingNextPage} onClick={() => versions.fetchNextPage()}>
              More versions
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
