'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { isRepositoryVisibility, REPOSITORY_VISIBILITIES, type RepositoryVisibility } from '@/lib/authz/scopes';
import { NAVIGATING, useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import { createRepoInput, REPOSITORY_FORMATS, type RepositoryFormat } from '@/lib/repos/schema';
import { FORMAT_OPTIONS, VISIBILITY_OPTIONS } from './labels';
import { reposKey, reposPath, type Repo } from './queries';
import { RadioCards } from './radio-cards';

export type CreateRepoDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  orgSlug: string;
  orgName: string;
  /** The organization's default visibility for new repositories, preselected. */
  defaultVisibility: string;
};

const FORMATS = REPOSITORY_FORMATS.map((value) => ({ value, ...FORMAT_OPTIONS[value] }));
const VISIBILITIES = REPOSITORY_VISIBILITIES.map((value) => ({ value, ...VISIBILITY_OPTIONS[value] }));

/** Name, format, visibility and description → POST; on success, the new repository's page. */
export function CreateRepoDialog({ open, onOpenChange, orgSlug, orgName, defaultVisibility }: CreateRepoDialogProps) {
  const id = useId();
  const formId = `${id}-form`;
  const router = useRouter();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const initialVisibility: RepositoryVisibility = isRepositoryVisibility(defaultVisibility) ? defaultVisibility : 'private';
  const [name, setName] = useState('');
  const [format, setFormat] = useState<RepositoryFormat>('raw');
  const [visibility, setVisibility] = useState<RepositoryVisibility>(initialVisibility);
  const [description, setDescription] = useState('');
  const { formRef, errors, formError, pending, onSubmit, reset } = useForm();
  const [wasOpen, setWasOpen] = useState(open);

  // Start blank every time the dialog opens (adjusting state during render).
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setName('');
      setFormat('raw');
      setVisibility(initialVisibility);
      setDescription('');
      reset();
    }
  }

  const submit = onSubmit({
    check: () => validate(createRepoInput, { name, format, visibility, description: description || undefined }),
    send: async (body) => {
      const repo = await apiFetch<Repo>(reposPath(orgSlug), { method: 'POST', body });
      void queryClient.invalidateQueries({ queryKey: reposKey(orgSlug) });
      toast({ title: 'Repository created', description: `${repo.name} is ready for its first upload.`, variant: 'success' });
      onOpenChange(false);
      router.push(`/${orgSlug}/repositories/${encodeURIComponent(repo.name)}`);
      return NAVIGATING;
    },
  });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Create repository"
      description={`A new package repository in ${orgName}. You administer what you create.`}
      size="lg"
      dismissible={!pending}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            Create repository
          </Button>
        </>
      }
    >
      <form id={formId} ref={formRef} onSubmit={submit} noValidate className="space-y-5">
        <FormError>{formError}</FormError>
        <Field
          htmlFor={`${id}-name`}
          label="Name"
          error={errors.name}
          hint="Lower-case letters, digits, “.”, “_” and “-”. Part of every URL of the repository; it cannot be changed later."
          className="max-w-md"
        >
          <Input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="releases"
            className="font-mono"
            required
            data-autofocus=""
          />
        </Field>
        <RadioCards
          legend="Format"
          name="format"
          value={format}
          onChange={setFormat}
          options={FORMATS}
          error={errors.format}
          columns={2}
        />
        <RadioCards
          legend="Visibility"
          hint={`${VISIBILITY_OPTIONS[initialVisibility].label} is the default of ${orgName}.`}
          name="visibility"
          value={visibility}
          onChange={setVisibility}
          options={VISIBILITIES}
          error={errors.visibility}
        />
        <Field htmlFor={`${id}-description`} label="Description" error={errors.description} hint="Optional. Shown in the list.">
          <Textarea
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={1000}
            rows={2}
          />
        </Field>
      </form>
    </Dialog>
  );
}
