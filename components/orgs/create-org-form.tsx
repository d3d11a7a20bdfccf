'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { NAVIGATING, useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import type { orgRoleSummary } from '@/lib/accounts/schema';
import { createOrgInput } from '@/lib/orgs/schema';
import type { z } from 'zod';
import { slugify } from './slug';
import { SlugFields } from './slug-fields';

/** Name and slug of a new organization; the creator becomes its owner. */
export function CreateOrgForm({ cancelHref }: { cancelHref: string | null }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const { formRef, errors, formError, pending, onSubmit } = useForm();

  const submit = onSubmit({
    check: () => validate(createOrgInput, { name, slug }),
    send: async (body) => {
      const org = await apiFetch<z.output<typeof orgRoleSummary>>('/api/v1/orgs', { method: 'POST', body });
      router.push(`/${org.slug}/repositories`);
      return NAVIGATING;
    },
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <FormError>{formError}</FormError>
      <SlugFields
        idPrefix={id}
        name={name}
        slug={slug}
        onNameChange={(value) => {
          setName(value);
          if (!slugEdited) setSlug(slugify(value));
        }}
        onSlugChange={(value) => {
          setSlugEdited(value !== '');
          setSlug(value);
        }}
        nameError={errors.name}
        slugError={errors.slug}
      />
      <div className="flex flex-wrap items-center justify-end gap-2 pt-2">
        {cancelHref ? (
          <Link href={cancelHref} className={buttonClasses('secondary')}>
            Cancel
          </Link>
        ) : null}
        <Button type="submit" loading={pending}>
          Create organization
        </Button>
      </div>
    </form>
  );
}
