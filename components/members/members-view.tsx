'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { InviteDialog } from './invite-dialog';
import { MembersTable } from './members-table';
import { PendingInvitations } from './pending-invitations';
import { orgPath } from './queries';

export type MembersViewProps = {
  org: { slug: string; name: string };
  viewer: { id: string; email: string; role: string };
  canEdit: boolean;
  canEditOwners: boolean;
};

/** The members page: members, pending invitations, invite, leave. */
export function MembersView({ org, viewer, canEdit, canEditOwners }: MembersViewProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const invitationsHeading = useId();

  async function leave() {
    try {
      await apiFetch(`${orgPath(org.slug)}/members/${encodeURIComponent(viewer.id)}`, { method: 'DELETE' });
    } catch (err) {
      toast({ title: `Could not leave ${org.name}`, description: errorMessage(err), variant: 'danger' });
      return;
    }
    toast({ title: `You left ${org.name}`, variant: 'success' });
    // The start page picks another organization (or offers to create one).
    router.replace('/');
  }

  return (
    <>
      <PageHeader
        title="Members"
        description={`People with access to ${org.name} and its repositories.`}
        actions={
          canEdit ? (
            <Button type="button" onClick={() => setInviting(true)}>
              <PlusIcon />
              Invite member
            </Button>
          ) : null
        }
      />

      <MembersTable
        orgSlug={org.slug}
        orgName={org.name}
        viewerId={viewer.id}
        canEdit={canEdit}
        canEditOwners={canEditOwners}
      />

      {canEdit ? (
        <section aria-labelledby={invitationsHeading} className="mt-10">
          <h2 id={invitationsHeading} className="mb-3 text-base font-semibold text-fg">
            Pending invitations
          </h2>
          <PendingInvitations orgSlug={org.slug} headingId={invitationsHeading} />
        </section>
      ) : null}

      <section className="mt-10 flex flex-wrap items-center justify-between gap-4 rounded-lg border border-border bg-surface px-5 py-4">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-fg">Leave organization</h2>
          <p className="mt-0.5 text-sm text-fg-muted">
            You lose access to {org.name} and its repositories. To come back you need a new invitation.
          </p>
        </div>
        <Button type="button" variant="secondary" className="text-danger-700!" onClick={() => setLeaving(true)}>
          Leave organization
        </Button>
      </section>

      {canEdit ? (
        <InviteDialog
          open={inviting}
          onOpenChange={setInviting}
          orgSlug={org.slug}
          orgName={org.name}
          canInviteOwners={canEditOwners}
        />
      ) : null}
      <ConfirmDialog
        open={leaving}
        onOpenChange={setLeaving}
        title={`Leave ${org.name}?`}
        body={
          <p>
            You ({viewer.email}) lose access to {org.name} and its repositories at once. Your personal access tokens for
            this organization stop working.
          </p>
        }
        confirmLabel="Leave organization"
        variant="danger"
        onConfirm={leave}
      />
    </>
  );
}
