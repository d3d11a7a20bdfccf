import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignupForm } from '@/components/auth/signup-form';
import { buttonClasses } from '@/components/ui/button';
import { hasUsers, signupOpen } from '@/lib/accounts/service';
import { currentActor } from '@/lib/auth/current';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignupPage() {
  const actor = await currentActor();
  if (actor.user) redirect('/');

  const [open, anyUsers] = await Promise.all([signupOpen(), hasUsers()]);

  if (!open) {
    return (
      <AuthCard
        title="Sign-up is closed"
        description="This Tollgate server does not take new sign-ups. Accounts are created from invitations."
      >
        <div className="space-y-3 text-sm text-fg-muted">
          <p>
            Ask an owner or admin of your organization to invite your e-mail address. The invitation link lets you
            choose a name and password and join their organization in one step.
          </p>
          <Link href="/signin" className={buttonClasses('secondary', 'md', 'w-full')}>
            I have an account: sign in
          </Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={anyUsers ? 'Create your account' : 'Create the first account'}
      description={
        anyUsers
          ? 'Your account comes with an organization of your own, which you own.'
          : 'Nobody has signed up on this server yet. The first account owns the first organization and can invite everyone else.'
      }
      footer={
        anyUsers ? (
          <>Joining an existing organization? Ask its admins for an invitation instead.</>
        ) : undefined
      }
    >
      <SignupForm showSignInLink={anyUsers} />
    </AuthCard>
  );
}
