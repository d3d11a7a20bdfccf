'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { ApiClientError, apiFetch, errorMessage, fieldErrors, validate } from '@/lib/http/client';
import type { orgRoleSummary } from '@/lib/accounts/schema';
import { createOrgInput } from '@/lib/orgs/schema';
import type { z } from 'zod';
import { slugify } from './slug';
import { SlugFields } from './slug-fields';
import { useFocusAfterRender } from '@/components/forms/use-focus-after-render';

/** Name and slug of a new organization; the creator becomes its owner. */
export function CreateOrgForm({ cancelHref }: { cancelHref: string | null }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusLater = useFocusAfterRender();

  const focusFirstInvalid = () =>
    focusLater(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setFormError(null);
    const checked = validate(createOrgInput, { name, slug });
    if (checked.errors) {
      setErrors(checked.errors);
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const org = await apiFetch<z.output<typeof orgRoleSummary>>('/api/v1/orgs', { method: 'POST', body: checked.data });
      router.push(`/${org.slug}/repositories`);
    } catch (err) {
      setPending(false);
      const byField = err instanceof ApiClientError ? fieldErrors(err.details) : {};
      setErrors(byField);
      if (Object.keys(byField).length) focusFirstInvalid();
      else setFormError(errorMessage(err));
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
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
