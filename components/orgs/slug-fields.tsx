'use client';

import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

export type SlugFieldsProps = {
  idPrefix: string;
  name: string;
  slug: string;
  onNameChange: (name: string) => void;
  onSlugChange: (slug: string) => void;
  nameError?: string;
  slugError?: string;
  disabled?: boolean;
};

/** "Organization name" and "Slug" inputs; the parent derives the slug until the user edits it. */
export function SlugFields({ idPrefix, name, slug, onNameChange, onSlugChange, nameError, slugError, disabled }: SlugFieldsProps) {
  return (
    <>
      <Field htmlFor={`${idPrefix}-org-name`} label="Organization name" error={nameError}>
        <Input
          name="orgName"
          value={name}
          onChange={(e) => onNameChange(e.target.value)}
          autoComplete="organization"
          maxLength={100}
          required
          disabled={disabled}
        />
      </Field>
      <Field
        htmlFor={`${idPrefix}-org-slug`}
        label="Slug"
        error={slugError}
        hint={
          <>
            Used in URLs: <span className="font-mono text-fg">/{slug || 'your-org'}/…</span>. Lower-case letters, digits
            and hyphens.
          </>
        }
      >
        <Input
          name="orgSlug"
          value={slug}
          onChange={(e) => onSlugChange(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={39}
          required
          disabled={disabled}
          className="font-mono"
        />
      </Field>
    </>
  );
}
