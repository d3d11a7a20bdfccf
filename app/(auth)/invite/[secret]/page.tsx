import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptAsSignedInUser, AcceptWithNewAccount } from '@/components/auth/accept-invitation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { roleLabel } from '@/components/members/roles';
import { buttonClasses } from '@/components/ui/button';
import { currentActor } from '@/lib/auth/current';
import { isApiError } from '@/lib/http/errors';
import { lookupInvitation } from '@/lib/invitations/service';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

type Props = { params: Promise<{ secret: string }> };

type Invitation = Awaited<ReturnType<typeof lookupInvitation>>;

/** The status of an ApiError (isApiError also recognises other bundles' copies). */
function apiErrorStatus(err: unknown): number | null {
  return isApiError(err) ? err.status : null;
}

async function findInvitation(secret: string): Promise<Invitation | null> {
  try {
    return await lookupInvitation(secret);
  } catch (err) {
    if (apiErrorStatus(err) === 404) return null;
    throw err;
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function Details({ invitation }: { invitation: Invitation }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-border bg-subtle px-4 py-3 text-sm">
      <dt className="text-fg-muted">Organization</dt>
      <dd className="font-medium text-fg">{invitation.org.name}</dd>
      <dt className="text-fg-muted">Role</dt>
      <dd className="text-fg">{roleLabel(invitation.role)}</dd>
      <dt className="text-fg-muted">Invited e-mail</dt>
      <dd className="break-all text-fg">{invitation.email}</dd>
      <dt className="text-fg-muted">Expires</dt>
      <dd className="text-fg">
        <time dateTime={invitation.expiresAt}>{dateFormat.format(new Date(invitation.expiresAt))} UTC</time>
      </dd>
    </dl>
  );
}

export default async function InvitationPage({ params }: Props) {
  const { secret } = await params;
  const [invitation, actor] = await Promise.all([findInvitation(secret), currentActor()]);

  if (!invitation) {
    return (
      <AuthCard
        title="This invitation is no longer valid (used, revoked or expired)"
        description="Invitation links work once and expire after seven days. Ask the person who invited you to send a new invitation."
      >
        <Link href={actor.user ? '/' : '/signin'} className={buttonClasses('secondary', 'md', 'w-full')}>
          {actor.user ? 'Go to the console' : 'Go to sign-in'}
        </Link>
      </AuthCard>
    );
  }

  const title = `Join ${invitation.org.name} on Tollgate`;
  const user = actor.user;

  if (user && user.email.toLowerCase() === invitation.email.toLowerCase()) {
    return (
      <AuthCard title={title} description={`You are signed in as ${user.email}.`}>
        <div className="space-y-5">
          <Details invitation={invitation} />
          <AcceptAsSignedInUser secret={secret} />
        </div>
      </AuthCard>
    );
  }

  if (user) {
    return (
      <AuthCard title={title} description="This invitation is for a different account.">
        <div className="space-y-5">
          <Details invitation={invitation} />
          <p className="text-sm text-fg">
            You are signed in as <strong className="font-medium break-all">{user.email}</strong>, but the invitation was
            sent to <strong className="font-medium break-all">{invitation.email}</strong>. Sign out, then open this link
            again to accept it as {invitation.email}.
          </p>
          <div className="flex flex-wrap gap-2">
            <SignOutButton redirectTo={`/invite/${encodeURIComponent(secret)}`} variant="primary" />
            <Link href="/" className={buttonClasses('secondary')}>
              Back to the console
            </Link>
          </div>
        </div>
      </AuthCard>
    );
  }

  if (invitation.existingUser) {
    const signin = `/signin?callbackUrl=/invite/${encodeURIComponent(secret)}`;
    return (
      <AuthCard title={title} description={`An account for ${invitation.email} already exists.`}>
        <div className="space-y-5">
          <Details invitation={invitation} />
          <Link href={signin} className={buttonClasses('primary', 'md', 'w-full')}>
            Sign in as {invitation.email} to accept
          </Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title} description="Choose your name and a password to create your account and join.">
      <div className="space-y-6">
        <Details invitation={invitation} />
        <AcceptWithNewAccount secret={secret} email={invitation.email} />
      </div>
    </AuthCard>
  );
}
