import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { CreateOrgForm } from '@/components/orgs/create-org-form';
import { currentUser } from '@/lib/accounts/service';
import { currentActor } from '@/lib/auth/current';

export const metadata: Metadata = { title: 'Create organization' };

export default async function NewOrgPage() {
  const actor = await currentActor();
  if (!actor.user) redirect('/signin?callbackUrl=/orgs/new');
  const me = await currentUser(actor);
  const first = me.orgs[0];

  return (
    <div className="mx-auto w-full max-w-lg">
      <AuthCard
        title={first ? 'Create organization' : 'Create your first organization'}
        description={
          first
            ? 'A new organization with its own repositories, members and tokens. You will be its owner.'
            : 'You are not a member of any organization yet. Create one to host repositories, or ask for an invitation to an existing one.'
        }
      >
        <CreateOrgForm cancelHref={first ? `/${first.slug}/repositories` : null} />
      </AuthCard>
    </div>
  );
}
