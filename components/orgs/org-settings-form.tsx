'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { AlertIcon, InfoIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { REPOSITORY_VISIBILITIES, type RepositoryVisibility } from '@/lib/authz/scopes';
import { useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import { updateOrgInput, type orgView } from '@/lib/orgs/schema';
import type { z } from 'zod';

export const VISIBILITY_OPTIONS: Record<RepositoryVisibility, { label: string; description: string }> = {
  public: {
    label: 'Public',
    description: 'Anyone can view and download, without signing in. Uploads still need credentials.',
  },
  private: {
    label: 'Private',
    description: 'Only members with access to the repository, and their tokens, can see and download.',
  },
  distribution: {
    label: 'Distribution',
    description: 'Like private, and also readable with the entitlement tokens you issue to customers.',
  },
};

export type OrgSettingsFormProps = {
  org: { slug: string; name: string; defaultVisibility: string };
  canEdit: boolean;
};

export function OrgSettingsForm({ org, canEdit }: OrgSettingsFormProps) {
  const id = useId();
  const router = useRouter();
  const { toast } = useToast();
  const [name, setName] = useState(org.name);
  const [visibility, setVisibility] = useState(org.defaultVisibility);
  const { formRef, errors, formError, pending, onSubmit } = useForm();
  const visibilityError = errors['settings.defaultVisibility'] ?? errors.settings;

  const submit = onSubmit({
    check: () => (canEdit ? validate(updateOrgInput, { name, settings: { defaultVisibility: visibility } }) : null),
    send: async (body) => {
      const updated = await apiFetch<z.output<typeof orgView>>(`/api/v1/orgs/${encodeURIComponent(org.slug)}`, { method: 'PATCH', body });
      setName(updated.name);
      setVisibility(updated.settings.defaultVisibility);
      toast({ title: 'Settings saved', variant: 'success' });
      router.refresh();
    },
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>General</CardTitle>
            <CardDescription>The organization&apos;s name and the defaults for new repositories.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="space-y-6">
          {!canEdit ? (
            <p className="flex items-start gap-2 rounded-md border border-border bg-subtle px-3 py-2.5 text-sm text-fg-muted">
              <InfoIcon className="mt-0.5" />
              <span>You can view these settings. Owners and admins can change them.</span>
            </p>
          ) : null}
          <FormError>{formError}</FormError>

          <Field htmlFor={`${id}-name`} label="Organization name" error={errors.name} className="max-w-md">
            <Input
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              autoComplete="organization"
              disabled={!canEdit}
              required
            />
          </Field>

          <div className="max-w-md">
            <p className="mb-1.5 text-sm font-medium text-fg">Slug</p>
            <code className="inline-block rounded-md border border-border bg-subtle px-2 py-1 text-sm text-fg">{org.slug}</code>
            <p className="mt-1.5 text-xs text-fg-muted">Part of every URL of the organization; it cannot be changed.</p>
          </div>

          <fieldset aria-describedby={visibilityError ? `${id}-visibility-error` : undefined} disabled={!canEdit}>
            <legend className="text-sm font-medium text-fg">Default visibility for new repositories</legend>
            <p className="mt-1 text-xs text-fg-muted">Each repository can still choose its own visibility when it is created.</p>
            <div className="mt-3 grid gap-2 sm:grid-cols-3">
              {REPOSITORY_VISIBILITIES.map((value) => {
                const option = VISIBILITY_OPTIONS[value];
                const checked = visibility === value;
                return (
                  <label
                    key={value}
                    className={cn(
                      'flex cursor-pointer gap-2.5 rounded-lg border p-3 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500',
                      checked ? 'border-brand-500 bg-brand-50' : 'border-border bg-surface hover:bg-subtle',
                      !canEdit && 'cursor-not-allowed opacity-70',
                    )}
                  >
                    <input
                      type="radio"
                      name="defaultVisibility"
                      value={value}
                      checked={checked}
                      onChange={() => setVisibility(value)}
                      aria-labelledby={`${id}-vis-${value}-name`}
                      aria-describedby={`${id}-vis-${value}`}
                      className="mt-0.5 size-4 shrink-0 accent-brand-600 focus-visible:outline-none"
                    />
                    <span className="min-w-0">
                      <span id={`${id}-vis-${value}-name`} className="block text-sm font-medium text-fg">
                        {option.label}
                      </span>
                      <span id={`${id}-vis-${value}`} className="mt-0.5 block text-xs text-fg-muted">
                        {option.description}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
            <div id={`${id}-visibility-error`} aria-live="polite">
              {visibilityError ? (
                <p className="mt-1.5 flex items-start gap-1 text-xs font-medium text-danger-700">
                  <AlertIcon className="mt-px size-3.5" />
                  <span>{visibilityError}</span>
                </p>
              ) : null}
            </div>
          </fieldset>
        </CardContent>
        {canEdit ? (
          <CardFooter>
            <Button type="submit" loading={pending}>
              Save changes
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}
