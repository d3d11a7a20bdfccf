'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { AlertIcon, InfoIcon, TrashIcon } from '@/components/ui/icons';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { isRepositoryVisibility, REPOSITORY_VISIBILITIES, type RepositoryVisibility } from '@/lib/authz/scopes';
import { useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import { updateRepoInput } from '@/lib/repos/schema';
import { formatBytes } from './format';
import { VISIBILITY_OPTIONS } from './labels';
import { repoPath, reposKey, type Repo } from './queries';
import { RadioCards } from './radio-cards';

export type RepoSettingsProps = {
  orgSlug: string;
  repo: { name: string; visibility: string; description: string; fileCount: number | null; totalBytes: number | null };
  /** repo:edit — the form. */
  canEdit: boolean;
  /** repo:delete — the danger zone. */
  canDelete: boolean;
};

const VISIBILITIES = REPOSITORY_VISIBILITIES.map((value) => ({ value, ...VISIBILITY_OPTIONS[value] }));

/** What changes for the people and tokens reading the repository when visibility moves from → to. */
function visibilityWarning(from: string, to: RepositoryVisibility): string | null {
  if (from === to) return null;
  if (to === 'public') return 'Anyone on the internet will be able to list and download every file, without signing in.';
  if (from === 'distribution')
    return 'Entitlement tokens stop working on this repository at once: customers lose access until it is distribution again.';
  if (from === 'public') return 'Anonymous downloads stop at once: people and tools need a role or a token.';
  return null;
}

export function RepoSettings({ orgSlug, repo, canEdit, canDelete }: RepoSettingsProps) {
  return (
    <div className="space-y-8">
      {canEdit ? (
        <RepoSettingsForm
          // A fresh form when the saved values change (router.refresh after saving).
          key={`${repo.visibility}|${repo.description}`}
          orgSlug={orgSlug}
          repo={repo}
        />
      ) : (
        <p className="flex items-start gap-2 rounded-md border border-border bg-subtle px-3 py-2.5 text-sm text-fg-muted">
          <InfoIcon className="mt-0.5" />
          <span>Your role on this repository does not include changing its settings. Repository admins can.</span>
        </p>
      )}
      {canDelete ? <DangerZone orgSlug={orgSlug} repo={repo} /> : null}
    </div>
  );
}

function RepoSettingsForm({ orgSlug, repo }: { orgSlug: string; repo: RepoSettingsProps['repo'] }) {
  const id = useId();
  const router = useRouter();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const [visibility, setVisibility] = useState<RepositoryVisibility>(
    isRepositoryVisibility(repo.visibility) ? repo.visibility : 'private',
  );
  const [description, setDescription] = useState(repo.description);
  const { formRef, errors, formError, pending, onSubmit } = useForm();
  const warning = visibilityWarning(repo.visibility, visibility);

  const submit = onSubmit({
    check: () => validate(updateRepoInput, { visibility, description }),
    send: async (body) => {
      await apiFetch<Repo>(repoPath(orgSlug, repo.name), { method: 'PATCH', body });
      toast({ title: 'Settings saved', description: `${repo.name} is ${VISIBILITY_OPTIONS[visibility].label.toLowerCase()}.`, variant: 'success' });
      void queryClient.invalidateQueries({ queryKey: reposKey(orgSlug), exact: true });
      router.refresh(); // the header's badges and description
    },
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>General</CardTitle>
            <CardDescription>Who can read {repo.name}, and what it is for. The name and format cannot change.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="space-y-6">
          <FormError>{formError}</FormError>
          <div>
            <RadioCards
              legend="Visibility"
              name="visibility"
              value={visibility}
              onChange={setVisibility}
              options={VISIBILITIES}
              error={errors.visibility}
            />
            {warning ? (
              <p className="mt-2 flex items-start gap-2 rounded-md border border-warning-200 bg-warning-50 px-3 py-2 text-sm text-warning-800">
                <AlertIcon className="mt-0.5" />
                <span>{warning}</span>
              </p>
            ) : null}
          </div>
          <Field htmlFor={`${id}-description`} label="Description" error={errors.description} className="max-w-2xl">
            <Textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} rows={3} />
          </Field>
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={pending}>
            Save changes
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}

function DangerZone({ orgSlug, repo }: { orgSlug: string; repo: RepoSettingsProps['repo'] }) {
  const router = useRouter();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  async function destroy() {
    // Thrown errors stay inside the confirm dialog (it shows them and stays open).
    await apiFetch(repoPath(orgSlug, repo.name), { method: 'DELETE' });
    toast({ title: 'Repository deleted', description: `${repo.name} and its files are gone.`, variant: 'success' });
    queryClient.removeQueries({ queryKey: ['orgs', orgSlug, 'repos', repo.name] });
    await queryClient.invalidateQueries({ queryKey: reposKey(orgSlug), exact: true });
    router.push(`/${orgSlug}/repositories`);
  }

  return (
    <Card className="border-danger-200">
      <CardHeader className="border-danger-200">
        <div>
          <CardTitle className="text-danger-800">Danger zone</CardTitle>
          <CardDescription>Irreversible actions.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center justify-between gap-4">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold text-fg">Delete this repository</h3>
          <p className="mt-0.5 max-w-xl text-sm text-fg-muted">
            Its files, roles and every token grant on it are deleted. A repository created later with the same name is not
            covered by today&apos;s tokens.
          </p>
        </div>
        <Button type="button" variant="danger" onClick={() => setOpen(true)}>
          <TrashIcon />
          Delete repository
        </Button>
      </CardContent>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${repo.name}?`}
        body={
          <p>
            {repo.fileCount === null || repo.totalBytes === null
              ? 'Its files will be deleted.'
              : repo.fileCount === 0
                ? 'The repository is empty.'
                : `${repo.fileCount} ${repo.fileCount === 1 ? 'file' : 'files'} (${formatBytes(repo.totalBytes)}) will be deleted.`}{' '}
            Tokens and entitlements that grant it lose that grant. This cannot be undone.
          </p>
        }
        confirmText={repo.name}
        confirmLabel="Delete repository"
        variant="danger"
        onConfirm={destroy}
      />
    </Card>
  );
}
