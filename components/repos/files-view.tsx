'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatDate, formatDateTime } from '@/components/ui/time';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { InfoIcon, PackageIcon } from '@/components/ui/icons';
import { listRows, PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { useRowActions } from '@/components/ui/row-actions';
import { HeadRow, TBody, TD, TR, Table } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { apiFetch } from '@/lib/http/client';
import { exactBytes, formatBytes, shortSha } from './format';
import { filePath, filesKey, reposKey, useRepoFiles, type RepoFile } from './queries';
import { ShareLinkDialog } from './share-link-dialog';
import { UploadHelp } from './upload-help';

export type FilesViewProps = {
  orgSlug: string;
  repo: { name: string; format: string; urls: Record<string, string> };
  /** artifact:view — list the files. */
  canView: boolean;
  /** artifact:create — show how to upload. */
  canUpload: boolean;
  /** artifact:download — show how to download, and a Share link per file. */
  canDownload: boolean;
  /** artifact:delete — a Delete button per file. */
  canDelete: boolean;
};

const cellId = (index: number) => `file-${index}-path`;

export function FilesView({ orgSlug, repo, canView, canUpload, canDownload, canDelete }: FilesViewProps) {
  const router = useRouter();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const files = useRepoFiles(orgSlug, repo.name, canView);
  const [sharing, setSharing] = useState<string | null>(null);
  const actions = canDelete || canDownload;

  const { buttons, dialog } = useRowActions<RepoFile>([
    {
      label: 'Share link',
      when: () => canDownload,
      run: (file) => setSharing(file.path),
    },
    {
      label: 'Delete',
      danger: true,
      when: () => canDelete,
      confirm: {
        title: () => 'Delete this file?',
        body: (file) => (
          <div className="space-y-2">
            <p>
              <code className="font-mono break-all text-fg">{file.path}</code> ({formatBytes(file.size)}) is removed from{' '}
              {repo.name} at once. Package tools and customers can no longer download it.
            </p>
            <p className="flex items-start gap-1.5 text-xs">
              <InfoIcon className="mt-px size-3.5" />
              <span>Artifacts are immutable: the same path can be uploaded again afterwards.</span>
            </p>
          </div>
        ),
        label: 'Delete file',
      },
      run: remove,
    },
  ]);

  if (!canView) {
    return (
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Files</CardTitle>
            <CardDescription>
              {canUpload
                ? 'Your role lets you upload to this repository, but not list or download its files.'
                : 'Your role lets you see that this repository exists, but not its files.'}
            </CardDescription>
          </div>
        </CardHeader>
        {canUpload ? (
          <CardContent>
            <UploadHelp orgSlug={orgSlug} format={repo.format} urls={repo.urls} />
          </CardContent>
        ) : null}
      </Card>
    );
  }

  async function remove(file: RepoFile) {
    // Thrown errors stay inside the confirm dialog (it shows them and stays open).
    await apiFetch(filePath(orgSlug, repo.name, file.path), { method: 'DELETE' });
    toast({ title: 'File deleted', description: `${file.path} is gone from ${repo.name}.`, variant: 'success' });
    await queryClient.invalidateQueries({ queryKey: filesKey(orgSlug, repo.name) });
    void queryClient.invalidateQueries({ queryKey: reposKey(orgSlug), exact: true });
    router.refresh(); // the header's file count and size
  }

  return (
    <>
      <PagedList
        source={files}
        skeleton={
          <TableSkeleton
            label="Files"
            head={<Head actions={actions} />}
            cells={['h-4 w-48', 'ml-auto h-4 w-14', 'h-4 w-28', 'h-4 w-36', 'h-4 w-20', ...(actions ? [null] : [])]}
          />
        }
        errorTitle="The files could not be loaded."
        empty={
          <EmptyState
            icon={<PackageIcon />}
            title="No files yet"
            description={
              canUpload
                ? 'Package tools upload with a personal access token. Once a file is uploaded it shows up here.'
                : 'Nothing has been uploaded to this repository yet.'
            }
            action={
              canUpload ? (
                <div className="mx-auto max-w-2xl">
                  <UploadHelp orgSlug={orgSlug} format={repo.format} urls={repo.urls} />
                </div>
              ) : null
            }
            // The commands take the full width of the box (the action slot is centred and shrinks otherwise).
            className="[&>div:last-child]:self-stretch"
          />
        }
        moreLabel="Load more files"
      >
        {(rows) => (
          <Table aria-label="Files">
            <Head actions={actions} />
            <TBody>
              {rows.map((file, index) => (
                <TR key={file.path}>
                  <TD id={cellId(index)} className="max-w-md font-mono text-[13px] break-all">
                    {file.path}
                  </TD>
                  <TD className="text-right whitespace-nowrap tabular-nums" title={exactBytes(file.size)}>
                    {formatBytes(file.size)}
                  </TD>
                  <TD>
                    <div className="flex items-center gap-1">
                      <code className="font-mono text-[13px] text-fg-muted" title={file.sha256}>
                        {shortSha(file.sha256)}…
                      </code>
                      <CopyButton
                        text={file.sha256}
                        iconOnly
                        size="sm"
                        variant="ghost"
                        label={`Copy SHA-256 of ${file.path}`}
                        copiedLabel="SHA-256 copied"
                      />
                    </div>
                  </TD>
                  <TD className="text-fg-muted">{file.uploader ?? <span className="text-fg-subtle">—</span>}</TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    <time dateTime={file.createdAt} title={formatDateTime(file.createdAt)}>
                      {formatDate(file.createdAt)}
                    </time>
                  </TD>
                  {actions ? (
                    <TD className="text-right whitespace-nowrap">
                      {buttons(file, cellId(index))}
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {files.isSuccess && listRows(files).length > 0 && (canUpload || canDownload) ? (
        <details className="mt-6 rounded-lg border border-border bg-surface px-4 py-3 shadow-xs">
          <summary className="cursor-pointer text-sm font-medium text-fg select-none">
            {canUpload && canDownload ? 'How to upload and download' : canUpload ? 'How to upload' : 'How to download'}
          </summary>
          <div className="mt-3">
            <UploadHelp orgSlug={orgSlug} format={repo.format} urls={repo.urls} upload={canUpload} download={canDownload} />
          </div>
        </details>
      ) : null}
      {dialog}
      <ShareLinkDialog orgSlug={orgSlug} repoName={repo.name} path={sharing} onOpenChange={(open) => !open && setSharing(null)} />
    </>
  );
}

function Head({ actions }: { actions: boolean }) {
  return (
    <HeadRow columns={['Path', { label: 'Size', className: 'text-right' }, 'SHA-256', 'Uploaded by', 'Uploaded']} actions={actions} />
  );
}
