'use client';

import { signIn } from 'next-auth/react';
import { useId, useState } from 'react';
import { EmailField, PasswordField } from '@/components/ui/account-fields';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { signInInput } from '@/lib/accounts/schema';
import { NAVIGATING, useForm } from '@/components/ui/use-form';
import { validate } from '@/lib/http/client';

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
  const { formRef, bannerRef, errors, formError, pending, onSubmit } = useForm({
    initialError: signInErrorMessage(initialError),
    focusBanner: true,
  });

  async function send({ email }: { email: string }) {
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn('credentials', { email, password, redirect: false });
    } catch {
      throw new Error('Could not reach the server. Check your connection and try again.');
    }
    const failure = !result ? 'Sign-in failed. Try again.' : result.error ? result.error : result.ok ? null : 'Sign-in failed. Try again.';
    if (failure !== null) throw new Error(signInErrorMessage(failure) ?? 'Sign-in failed. Try again.');
    // A full page load: server components read the new session cookie.
    window.location.assign(callbackUrl);
    return NAVIGATING;
  }

  return (
    <form ref={formRef} onSubmit={onSubmit({ check: () => validate(signInInput, { email, password }), send })} noValidate className="space-y-4">
      <FormError ref={bannerRef} tabIndex={-1}>
        {formError}
      </FormError>
      <EmailField id={`${id}-email`} value={email} onChange={setEmail} error={errors.email} autoComplete="username" autoFocus={!defaultEmail} />
      <PasswordField
        id={`${id}-password`}
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoComplete="current-password"
        autoFocus={!!defaultEmail}
      />
      <Button type="submit" loading={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
