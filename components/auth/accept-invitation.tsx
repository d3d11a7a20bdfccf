'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { ApiClientError, apiFetch, errorMessage, fieldErrors, validate } from '@/lib/http/client';
import { acceptInvitationInput } from '@/lib/invitations/schema';
import type { orgRoleSummary, userSummary } from '@/lib/accounts/schema';
import type { z } from 'zod';
import { useFocusAfterRender } from '@/components/forms/use-focus-after-render';

type AcceptResult = { user: z.output<typeof userSummary>; org: z.output<typeof orgRoleSummary> };

const acceptPath = (secret: string) => `/api/v1/invitations/${encodeURIComponent(secret)}/accept`;

/** For someone without an account: name + password, then the invitation creates the user and signs them in. */
export function AcceptWithNewAccount({ secret, email }: { secret: string; email: string }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
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
    const checked = validate(acceptInvitationInput.required(), { name, password });
    const problems: Record<string, string> = { ...(checked.errors ?? {}) };
    if (!problems.password && password !== confirm) problems.confirm = 'The passwords do not match.';
    if (Object.keys(problems).length) {
      setErrors(problems);
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await apiFetch<AcceptResult>(acceptPath(secret), { method: 'POST', body: { name, password } });
      // The response set the session cookie; the console renders with it.
      router.push(`/${result.org.slug}/repositories`);
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
      <Field htmlFor={`${id}-email`} label="E-mail" hint="Your account uses the invited address.">
        <Input type="email" name="email" value={email} readOnly autoComplete="username" />
      </Field>
      <Field htmlFor={`${id}-name`} label="Name" error={errors.name}>
        <Input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} required autoFocus />
      </Field>
      <Field
        htmlFor={`${id}-password`}
        label="Password"
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      >
        <Input
          type="password"
          name="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
        />
      </Field>
      <Field htmlFor={`${id}-confirm`} label="Confirm password" error={errors.confirm}>
        <Input
          type="password"
          name="confirm"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          autoComplete="new-password"
          required
        />
      </Field>
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
