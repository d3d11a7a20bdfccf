'use client';

import { Badge } from '@/components/ui/badge';
import { PagedList } from '@/components/ui/paged-list';
import { Skeleton } from '@/components/ui/skeleton';
import { useRowActions, useRowMutation } from '@/components/ui/row-actions';
import { HeadRow, TBody, TD, TR, Table } from '@/components/ui/table';
import { apiFetch } from '@/lib/http/client';
import { formatDateTime, formatRelative } from '@/components/ui/time';
import { invitationsKey, orgPath, useInvitations, type PendingInvitation } from './queries';
import { roleLabel } from './roles';

const cellId = (id: string) => `invitation-${id}-email`;

/** Invitations not yet accepted, revoked or expired; only for those who may invite. */
export function PendingInvitations({ orgSlug, headingId }: { orgSlug: string; headingId: string }) {
  const invitations = useInvitations(orgSlug, true);

  const mutate = useRowMutation(invitationsKey(orgSlug));
  const revoke = (invitation: PendingInvitation) =>
    mutate(() => apiFetch(`${orgPath(orgSlug)}/invitations/${encodeURIComponent(invitation.id)}`, { method: 'DELETE' }), {
      title: 'Invitation revoked',
      description: `The link sent to ${invitation.email} no longer works.`,
    });

  const { buttons, dialog } = useRowActions<PendingInvitation>([
    {
      label: 'Revoke',
      danger: true,
      confirm: {
        title: () => 'Revoke this invitation?',
        body: (invitation) => (
          <p>
            The link sent to <strong className="font-medium text-fg">{invitation.email}</strong> stops working at once.
            You can invite them again later.
          </p>
        ),
        label: 'Revoke invitation',
      },
      run: revoke,
    },
  ]);

  return (
    <>
      <PagedList
        source={invitations}
        skeleton={
          <div aria-busy="true" className="space-y-2 rounded-lg border border-border bg-surface p-4">
            <span className="sr-only">Loading pending invitations</span>
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        }
        errorTitle="The pending invitations could not be loaded."
        empty={
          <p className="rounded-lg border border-dashed border-border-strong px-4 py-6 text-center text-sm text-fg-muted">
            No pending invitations. Invitations you send appear here until they are accepted, revoked or expire.
          </p>
        }
        moreLabel="Load more invitations"
      >
        {(rows) => (
          <Table aria-labelledby={headingId}>
            <HeadRow columns={['E-mail', 'Role', 'Invited by', 'Expires']} actions />
            <TBody>
              {rows.map((invitation) => (
                <TR key={invitation.id}>
                  <TD id={cellId(invitation.id)} className="font-medium">
                    {invitation.email}
                  </TD>
                  <TD>
                    <Badge>{roleLabel(invitation.role)}</Badge>
                  </TD>
                  <TD className="text-fg-muted">{invitation.invitedBy ?? '—'}</TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
                      {formatRelative(invitation.expiresAt)}
                    </time>
                  </TD>
                  <TD className="text-right">
                    {buttons(invitation, cellId(invitation.id))}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {dialog}
    </>
  );
}
