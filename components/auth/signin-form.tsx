'use client';

import { signIn } from 'next-auth/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { signInInput } from '@/lib/accounts/schema';
import { validate } from '@/lib/http/client';
import { useFocusAfterRender } from '@/components/forms/use-focus-after-render';

/** The sign-in page's text for next-auth's error codes (see lib/auth/next-auth.ts). */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  const limited = /^rate_limited:(\d+)$/.exec(code);
  if (limited) {
    const seconds = Number(limited[1]);
    return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  }
  if (code === 'CredentialsSignin') return 'Wrong e-mail or password.';
  if (code === 'invalid_request') return 'Enter a valid e-mail address and your password.';
  if (code === 'SessionRequired') return 'Sign in to continue.';
  return 'Sign-in failed. Try again.';
}

export type SignInFormProps = {
  /** A same-site path to go to once signed in (already checked by the page). */
  callbackUrl: string;
  /** An error code next-auth put in the URL (?error=…), if any. */
  initialError?: string | null;
  defaultEmail?: string;
};

export function SignInForm({ callbackUrl, initialError, defaultEmail = '' }: SignInFormProps) {
  const id = useId();
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(signInErrorMessage(initialError));
  const [pending, setPending] = useState(false);
  const bannerRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusLater = useFocusAfterRender();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setFormError(null);
    const checked = validate(signInInput, { email, password });
    if (checked.errors) {
      setErrors(checked.errors);
      focusLater(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));
      return;
    }
    setErrors({});
    setPending(true);
    let failure: string | null;
    try {
      const result = await signIn('credentials', { email: checked.data.email, password, redirect: false });
      failure = !result ? 'Sign-in failed. Try again.' : result.error ? result.error : result.ok ? null : 'Sign-in failed. Try again.';
    } catch {
      failure = 'network';
    }
    if (failure === null) {
      // A full page load: server components read the new session cookie.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setFormError(failure === 'network' ? 'Could not reach the server. Check your connection and try again.' : signInErrorMessage(failure));
    focusLater(() => bannerRef.current);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError ref={bannerRef} tabIndex={-1}>
        {formError}
      </FormError>
      <Field htmlFor={`${id}-email`} label="E-mail" error={errors.email}>
        <Input
          type="email"
          name="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
          spellCheck={false}
          required
          autoFocus={!defaultEmail}
        />
      </Field>
      <Field htmlFor={`${id}-password`} label="Password" error={errors.password}>
        <Input
          type="password"
          name="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          autoFocus={!!defaultEmail}
        />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
