'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { SlugFields } from '@/components/orgs/slug-fields';
import { slugify } from '@/components/orgs/slug';
import { EmailField, PasswordField } from '@/components/ui/account-fields';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import type { z } from 'zod';
import { signupInput, type orgRoleSummary, type userSummary } from '@/lib/accounts/schema';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { NAVIGATING, useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';

type SignupResult = { user: z.output<typeof userSummary>; org: z.output<typeof orgRoleSummary> };

export function SignupForm({ showSignInLink = true }: { showSignInLink?: boolean }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [orgName, setOrgName] = useState('');
  const [orgSlug, setOrgSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const { formRef, errors, formError, pending, onSubmit } = useForm();

  const submit = onSubmit({
    check: () => validate(signupInput, { name, email, password, orgName, orgSlug }),
    send: async (body) => {
      const result = await apiFetch<SignupResult>('/api/v1/signup', { method: 'POST', body });
      // The response set the session cookie; the console renders with it.
      router.push(`/${result.org.slug}/repositories`);
      return NAVIGATING;
    },
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <FormError>{formError}</FormError>
      <Field htmlFor={`${id}-name`} label="Name" error={errors.name}>
        <Input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} required />
      </Field>
      <EmailField id={`${id}-email`} value={email} onChange={setEmail} error={errors.email} autoComplete="email" />
      <PasswordField
        id={`${id}-password`}
        value={password}
        onChange={setPassword}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
      />

      <div className="border-t border-border pt-4">
        <p className="mb-3 text-sm text-fg-muted">
          Your organization holds your repositories, members and tokens. You can create more later.
        </p>
        <div className="space-y-4">
          <SlugFields
            idPrefix={id}
            name={orgName}
            slug={orgSlug}
            onNameChange={(value) => {
              setOrgName(value);
              if (!slugEdited) setOrgSlug(slugify(value));
            }}
            onSlugChange={(value) => {
              setSlugEdited(value !== '');
              setOrgSlug(value);
            }}
            nameError={errors.orgName}
            slugError={errors.orgSlug}
          />
        </div>
      </div>

      <Button type="submit" loading={pending} className="w-full">
        Create account
      </Button>
      {showSignInLink ? (
        <p className="text-center text-sm text-fg-muted">
          Already have an account?{' '}
          <Link href="/signin" className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
        </p>
      ) : null}
    </form>
  );
}
