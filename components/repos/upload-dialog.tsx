'use client';

// Browser upload: files chosen or dropped, sent one after the other through
// the upload API (PUT …/files/{path}) with a progress bar each, cancellable,
// with the server's reason when one is refused (too large, duplicate,
// malformed). Package formats read name and version from the file itself.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { AlertIcon, CheckIcon, PlusIcon, XIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { MAX_UPLOAD_BYTES } from '@/lib/artifacts/limits';
import { formatClient } from '@/lib/formats/registry-client';
import { apiUpload, errorMessage } from '@/lib/http/client';
import { formatBytes } from './format';
import { filePath, filesKey, reposKey } from './queries';
import { packagesKey } from './package-queries';

type Status = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';
type Item = { id: number; file: File; target: string; status: Status; sent: number; message?: string };
type Uploaded = { path: string; size: number; sha256: string; package?: { name: string; version: string } };

const CONDA_SUBDIRS = ['noarch', 'linux-64', 'linux-aarch64', 'osx-64', 'osx-arm64', 'win-64'];

/** Where a file goes: raw files under the folder; conda into the chosen subdir (or the package's own). */
function targetOf(format: string, file: File, folder: string): string {
  const prefix = folder.trim().replace(/^\/+|\/+$/g, '');
  if (formatClient(format).upload.folder && prefix) return `${prefix}/${file.name}`;
  return file.name;
}

export type UploadDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  orgSlug: string;
  repo: { name: string; format: string };
};

export function UploadDialog({ open, onOpenChange, orgSlug, repo }: UploadDialogProps) {
  const [items, setItems] = useState<Item[]>([]);
  const [folder, setFolder] = useState('');
  const [dragging, setDragging] = useState(false);
  const nextId = useRef(1);
  const controllers = useRef(new Map<number, AbortController>());
  // Queued files cancelled while an earlier one uploads: start() walks the list it began with.
  const skipped = useRef(new Set<number>());
  const running = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const folderId = useId();
  const busy = items.some((i) => i.status === 'uploading');
  const queued = items.filter((i) => i.status === 'queued');

  // Closing the dialog cancels what is still in flight.
  useEffect(() => {
    const inFlight = controllers.current;
    if (!open) {
      for (const c of inFlight.values()) c.abort();
      inFlight.clear();
    }
  }, [open]);

  function update(id: number, patch: Partial<Item>) {
    setItems((all) => all.map((i) => (i.id === id ? { ...i, ...patch } : i)));
  }

  function add(files: FileList | File[]) {
    const added: Item[] = [...files].map((file) => {
      const tooLarge = file.size > MAX_UPLOAD_BYTES;
      return {
        id: nextId.current++,
        file,
        target: file.name,
        status: tooLarge ? 'failed' : 'queued',
        sent: 0,
        message: tooLarge ? `Too large: ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)}.` : undefined,
      };
    });
    setItems((all) => [...all, ...added]);
  }

  async function start() {
    if (running.current) return;
    running.current = true;
    let uploaded = 0;
    try {
      for (const item of queued) {
        if (skipped.current.has(item.id)) continue;
        const controller = new AbortController();
        controllers.current.set(item.id, controller);
        const target = targetOf(repo.format, item.file, folder);
        update(item.id, { status: 'uploading', target, sent: 0 });
        try {
          const result = await apiUpload<Uploaded>(filePath(orgSlug, repo.name, target), item.file, {
            signal: controller.signal,
            onProgress: (sent) => update(item.id, { sent }),
          });
          uploaded++;
          const what = result.package ? `${result.package.name} ${result.package.version} · ${result.path}` : result.path;
          update(item.id, { status: 'done', sent: item.file.size, target: result.path, message: what });
        } catch (err) {
          if (err instanceof DOMException && err.name === 'AbortError') update(item.id, { status: 'cancelled', message: 'Cancelled.' });
          else update(item.id, { status: 'failed', message: errorMessage(err) });
        } finally {
          controllers.current.delete(item.id);
        }
      }
    } finally {
      running.current = false;
    }
    if (uploaded) {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: filesKey(orgSlug, repo.name) }),
        queryClient.invalidateQueries({ queryKey: packagesKey(orgSlug, repo.name) }),
        queryClient.invalidateQueries({ queryKey: reposKey(orgSlug), exact: true }),
      ]);
      router.refresh(); // the header's file count and size
    }
  }

  function cancel(item: Item) {
    const c = controllers.current.get(item.id);
    if (c) return c.abort();
    skipped.current.add(item.id);
    update(item.id, { status: 'cancelled', message: 'Cancelled.' });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) add(e.dataTransfer.files);
  }

  const close = (next: boolean) => {
    if (!next) {
      // The effect above aborts the file in flight; those still queued must not follow it.
      for (const i of items) skipped.current.add(i.id);
      setItems([]);
      setFolder('');
    }
    onOpenChange(next);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={`Upload to ${repo.name}`}
      description={formatClient(repo.format).upload.hint}
      size="lg"
      footer={
        <>
          <Button type="button" variant="secondary" onClick={() => close(false)}>
            {busy ? 'Cancel uploads' : 'Close'}
          </Button>
          <Button type="button" disabled={queued.length === 0 || busy} loading={busy} onClick={() => void start()}>
            {queued.length > 1 ? `Upload ${queued.length} files` : 'Upload'}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {formatClient(repo.format).upload.folder === 'path' ? (
          <Field htmlFor={folderId} label="Folder" hint="Optional, e.g. releases/1.2. Files keep their own names.">
            <Input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="releases/1.2" disabled={busy} />
          </Field>
        ) : null}
        {formatClient(repo.format).upload.folder === 'subdir' ? (
          <Field htmlFor={folderId} label="Platform subdirectory" hint="Leave on automatic to use the subdir in the package's info/index.json.">
            <Select value={folder} onChange={(e) => setFolder(e.target.value)} disabled={busy}>
              <option value="">Automatic (from the package)</option>
              {CONDA_SUBDIRS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}

        <div
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            'flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors',
            dragging ? 'border-brand-500 bg-brand-50' : 'border-border-strong bg-subtle',
          )}
        >
          <p className="text-sm text-fg">Drop files here</p>
          <p className="text-xs text-fg-muted">or</p>
          <Button type="button" variant="secondary" size="sm" onClick={() => inputRef.current?.click()} data-autofocus>
            <PlusIcon /> Choose files
          </Button>
          <input
            ref={inputRef}
            type="file"
            multiple
            accept={formatClient(repo.format).upload.accept}
            className="sr-only"
            tabIndex={-1}
            aria-label="Files to upload"
            onChange={(e) => {
              if (e.target.files?.length) add(e.target.files);
              e.target.value = '';
            }}
          />
          <p className="text-xs text-fg-subtle">Up to {formatBytes(MAX_UPLOAD_BYTES)} per file.</p>
        </div>

        {items.length ? (
          <ul className="divide-y divide-border rounded-lg border border-border" aria-label="Uploads">
            {items.map((item) => (
              <UploadRow key={item.id} item={item} onCancel={() => cancel(item)} />
            ))}
          </ul>
        ) : null}
      </div>
    </Dialog>
  );
}

function UploadRow({ item, onCancel }: { item: Item; onCancel: () => void }) {
  const percent = item.file.size ? Math.min(100, Math.round((item.sent / item.file.size) * 100)) : item.status === 'done' ? 100 : 0;
  const cancellable = item.status === 'queued' || item.status === 'uploading';
  return (
    <li className="space-y-1.5 px-3 py-2.5" data-status={item.status}>
      <div className="flex items-center gap-2 text-sm">
        {item.status === 'done' ? <CheckIcon className="size-4 shrink-0 text-success-600" aria-hidden /> : null}
        {item.status === 'failed' ? <AlertIcon className="size-4 shrink-0 text-danger-600" aria-hidden /> : null}
        <span className="min-w-0 flex-1 truncate font-mono text-[13px]" title={item.file.name}>
          {item.file.name}
        </span>
        <span className="shrink-0 text-xs text-fg-muted tabular-nums">{formatBytes(item.file.size)}</span>
        {cancellable ? (
          <Button type="button" variant="ghost" size="sm" onClick={onCancel} aria-label={`Cancel ${item.file.name}`}>
            <XIcon />
          </Button>
        ) : null}
      </div>
      {item.status === 'uploading' || item.status === 'done' ? (
        <div
          role="progressbar"
          aria-label={`Upload of ${item.file.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-1.5 overflow-hidden rounded-full bg-subtle"
        >
          <div
            className={cn('h-full rounded-full transition-[width]', item.status === 'done' ? 'bg-success-600' : 'bg-brand-600')}
            style={{ width: `${percent}%` }}
          />
        </div>
      ) : null}
      {item.message ? (
        <p
          className={cn('text-xs', item.status === 'failed' ? 'font-medium text-danger-700' : 'text-fg-muted')}
          role={item.status === 'failed' ? 'alert' : undefined}
        >
          {item.status === 'done' ? `Uploaded: ${item.message}` : item.message}
        </p>
      ) : item.status === 'queued' ? (
        <p className="text-xs text-fg-muted">Ready to upload</p>
      ) : item.status === 'uploading' ? (
        <p className="text-xs text-fg-muted tabular-nums">
          {formatBytes(item.sent)} of {formatBytes(item.file.size)} ({percent}%)
        </p>
      ) : null}
    </li>
  );
}
