import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { firstParam, safeCallbackUrl } from '@/components/auth/callback-url';
import { SignInForm } from '@/components/auth/signin-form';
import { hasUsers, signupOpen } from '@/lib/accounts/service';
import { currentActor } from '@/lib/auth/current';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackUrl = safeCallbackUrl(firstParam(query.callbackUrl));
  const actor = await currentActor();
  if (actor.user) redirect(callbackUrl);

  const [open, anyUsers] = await Promise.all([signupOpen(), hasUsers()]);

  return (
    <AuthCard
      title="Sign in to Tollgate"
      description={
        callbackUrl.startsWith('/invite/')
          ? 'Sign in with the invited account to accept the invitation.'
          : 'Use the e-mail address and password of your account.'
      }
      footer={
        !anyUsers ? (
          <>
            No account exists yet.{' '}
            <Link href="/signup" className="font-medium text-brand-700 hover:underline">
              Create the first account
            </Link>
          </>
        ) : open ? (
          <>
            New to Tollgate?{' '}
            <Link href="/signup" className="font-medium text-brand-700 hover:underline">
              Create an account
            </Link>
          </>
        ) : (
          <>New accounts join by invitation: ask an administrator of your organization for one.</>
        )
      }
    >
      <SignInForm callbackUrl={callbackUrl} initialError={firstParam(query.error) ?? null} />
    </AuthCard>
  );
}
