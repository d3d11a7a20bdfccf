import Link from 'next/link';
import { CopyButton } from '@/components/ui/copy-button';
import { ChevronRightIcon } from '@/components/ui/icons';
import { exactBytes, formatBytes } from './format';
import { URL_LABELS } from './labels';
import { FormatBadge, VisibilityBadge } from './repo-badges';

export type RepoHeaderProps = {
  orgSlug: string;
  /** artifact:view — the file count and size (an uploader or a distribution manager does not see the files). */
  showStats: boolean;
  repo: {
    name: string;
    format: string;
    visibility: string;
    description: string;
    fileCount: number | null;
    totalBytes: number | null;
    urls: Record<string, string>;
  };
};

/** Name, badges, description and the URLs package tools use, each with a copy button. */
export function RepoHeader({ orgSlug, repo, showStats }: RepoHeaderProps) {
  const urls = Object.entries(repo.urls);
  return (
    <header className="mb-5">
      <nav aria-label="Breadcrumb" className="mb-2">
        <ol className="flex items-center gap-1 text-sm text-fg-muted">
          <li>
            <Link href={`/${orgSlug}/repositories`} className="hover:text-fg hover:underline">
              Repositories
            </Link>
          </li>
          <li aria-hidden="true">
            <ChevronRightIcon className="size-3.5" />
          </li>
          <li>
            <span aria-current="page" className="font-mono text-[13px] text-fg">
              {repo.name}
            </span>
          </li>
        </ol>
      </nav>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <h1 className="font-mono text-xl leading-7 font-semibold break-all text-fg">{repo.name}</h1>
        <div className="flex items-center gap-1.5">
          <FormatBadge format={repo.format} />
          <VisibilityBadge visibility={repo.visibility} />
        </div>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-fg-muted">
        {repo.description || <span className="text-fg-subtle">No description.</span>}
      </p>
      {showStats && repo.fileCount !== null && repo.totalBytes !== null ? (
        <p className="mt-1 text-xs text-fg-subtle">
          {repo.fileCount} {repo.fileCount === 1 ? 'file' : 'files'} ·{' '}
          <span title={exactBytes(repo.totalBytes)}>{formatBytes(repo.totalBytes)}</span>
        </p>
      ) : null}
      {urls.length ? (
        <dl className="mt-4 grid gap-2 rounded-lg border border-border bg-surface p-3 shadow-xs">
          {urls.map(([key, url]) => {
            const meta = URL_LABELS[key] ?? { label: `${key} URL`, hint: '' };
            return (
              <div key={key} className="flex flex-wrap items-center gap-x-3 gap-y-1 sm:flex-nowrap">
                <dt className="w-32 shrink-0 text-xs font-medium text-fg-muted" title={meta.hint || undefined}>
                  {meta.label}
                </dt>
                <dd className="flex min-w-0 flex-1 items-center gap-2">
                  <code className="min-w-0 flex-1 truncate rounded-md border border-border bg-subtle px-2 py-1 font-mono text-[13px] text-fg" title={url}>
                    {url}
                  </code>
                  <CopyButton text={url} iconOnly size="sm" label={`Copy ${meta.label.toLowerCase()}`} />
                </dd>
              </div>
            );
          })}
        </dl>
      ) : null}
    </header>
  );
}
