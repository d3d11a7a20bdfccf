'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { PasswordField } from '@/components/ui/account-fields';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { NAVIGATING, useForm, type Checked } from '@/components/ui/use-form';
import { apiFetch, errorMessage, validate } from '@/lib/http/client';
import { acceptInvitationInput } from '@/lib/invitations/schema';
import type { orgRoleSummary, userSummary } from '@/lib/accounts/schema';
import type { z } from 'zod';

type AcceptResult = { user: z.output<typeof userSummary>; org: z.output<typeof orgRoleSummary> };

const acceptPath = (secret: string) => `/api/v1/invitations/${encodeURIComponent(secret)}/accept`;

/** For someone without an account: name + password, then the invitation creates the user and signs them in. */
export function AcceptWithNewAccount({ secret, email }: { secret: string; email: string }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { formRef, errors, formError, pending, onSubmit } = useForm();

  function check(): Checked<{ name: string; password: string }> {
    const checked = validate(acceptInvitationInput.required(), { name, password });
    const problems: Record<string, string> = { ...(checked.errors ?? {}) };
    if (!problems.password && password !== confirm) problems.confirm = 'The passwords do not match.';
    return Object.keys(problems).length ? { data: null, errors: problems } : { data: { name, password }, errors: null };
  }

  async function send(body: { name: string; password: string }) {
    const result = await apiFetch<AcceptResult>(acceptPath(secret), { method: 'POST', body });
    // The response set the session cookie; the console renders with it.
    router.push(`/${result.org.slug}/repositories`);
    return NAVIGATING;
  }

  return (
    <form ref={formRef} onSubmit={onSubmit({ check, send })} noValidate className="space-y-4">
      <FormError>{formError}</FormError>
      <Field htmlFor={`${id}-email`} label="E-mail" hint="Your account uses the invited address.">
        <Input type="email" name="email" value={email} readOnly autoComplete="username" />
      </Field>
      <Field htmlFor={`${id}-name`} label="Name" error={errors.name}>
        <Input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} required autoFocus />
      </Field>
      <PasswordField
        id={`${id}-password`}
        value={password}
        onChange={setPassword}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
      />
      <PasswordField
        id={`${id}-confirm`}
        label="Confirm password"
        name="confirm"
        value={confirm}
        onChange={setConfirm}
        error={errors.confirm}
        autoComplete="new-password"
      />
      <Button type="submit" loading={pending} className="w-full">
        Create account and accept invitation
      </Button>
    </form>
  );
}

/** For the signed-in invitee: one button. */
export function AcceptAsSignedInUser({ secret }: { secret: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setPending(true);
    setError(null);
    try {
      const result = await apiFetch<AcceptResult>(acceptPath(secret), { method: 'POST', body: {} });
      router.push(`/${result.org.slug}/repositories`);
    } catch (err) {
      setPending(false);
      setError(errorMessage(err));
    }
  }

  return (
    <div className="space-y-4">
      <FormError>{error}</FormError>
      <Button type="button" loading={pending} onClick={accept} className="w-full">
        Accept invitation
      </Button>
    </div>
  );
}
