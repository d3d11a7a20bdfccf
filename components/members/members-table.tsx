'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { UsersIcon } from '@/components/ui/icons';
import { AVATAR_SKELETON, PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { Select } from '@/components/ui/select';
import { useRowActions, useRowMutation } from '@/components/ui/row-actions';
import { HeadRow, TBody, TD, TR, Table } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { formatDate, formatDateTime } from '@/components/ui/time';
import { membersKey, orgPath, useMembers, type Member } from './queries';
import { assignableRoles, ROLE_LABELS, roleLabel } from './roles';

export type MembersTableProps = {
  orgSlug: string;
  orgName: string;
  viewerId: string;
  /** org.member:edit: role selects and Remove buttons. */
  canEdit: boolean;
  /** org.owner:edit: owners may grant, change and remove the owner role. */
  canEditOwners: boolean;
};

const cellId = (userId: string) => `member-${userId}-email`;

export function MembersTable({ orgSlug, orgName, viewerId, canEdit, canEditOwners }: MembersTableProps) {
  const router = useRouter();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const members = useMembers(orgSlug);

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: string }) =>
      apiFetch<Member>(`${orgPath(orgSlug)}/members/${encodeURIComponent(member.userId)}`, { method: 'PATCH', body: { role } }),
    onSuccess: (updated, { member }) => {
      toast({ title: 'Role changed', description: `${member.name || member.email} is now ${roleLabel(updated.role)}.`, variant: 'success' });
      // Your own role decides which buttons the pages show.
      if (member.userId === viewerId) router.refresh();
    },
    onError: (err, { member }) => {
      toast({ title: `Could not change the role of ${member.email}`, description: errorMessage(err), variant: 'danger' });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey(orgSlug) }),
  });

  const mutate = useRowMutation(membersKey(orgSlug));
  const remove = (member: Member) =>
    mutate(() => apiFetch(`${orgPath(orgSlug)}/members/${encodeURIComponent(member.userId)}`, { method: 'DELETE' }), {
      title: 'Member removed',
      description: `${member.email} no longer has access to ${orgName} and its repositories.`,
    });

  const { buttons, dialog } = useRowActions<Member>([
    {
      label: 'Remove',
      danger: true,
      confirm: {
        title: (member) => `Remove ${member.name || member.email || 'member'}?`,
        body: (member) => (
          <p>
            <strong className="font-medium text-fg">{member.email}</strong> loses access to {orgName} and its
            repositories at once, and is signed out. They can only come back with a new invitation.
          </p>
        ),
        label: 'Remove member',
      },
      run: remove,
    },
  ]);

  return (
    <>
      <PagedList
        source={members}
        skeleton={<TableSkeleton label="Members" head={<Head />} cells={[AVATAR_SKELETON, 'h-4 w-40', 'h-8 w-36', 'h-4 w-20', null]} />}
        errorTitle="The members could not be loaded."
        empty={<EmptyState icon={<UsersIcon />} title="No members" description="This organization has no members." />}
        moreLabel="Load more members"
      >
        {(rows) => (
          <Table aria-label="Members">
            <Head />
            <TBody>
              {rows.map((member) => {
                const self = member.userId === viewerId;
                const ownerLocked = member.role === 'owner' && !canEditOwners;
                const pendingRole =
                  changeRole.isPending && changeRole.variables?.member.userId === member.userId ? changeRole.variables.role : null;
                const roles = assignableRoles(canEditOwners);
                return (
                  <TR key={member.userId}>
                    <TD>
                      <div className="flex min-w-0 items-center gap-2.5">
                        <Avatar name={member.name || member.email} decorative />
                        <span className="truncate font-medium">{member.name}</span>
                        {self ? <Badge variant="brand">You</Badge> : null}
                      </div>
                    </TD>
                    <TD id={cellId(member.userId)} className="text-fg-muted">
                      {member.email}
                    </TD>
                    <TD>
                      {canEdit && !ownerLocked ? (
                        <Select
                          aria-label={`Role for ${member.email}`}
                          value={pendingRole ?? member.role}
                          disabled={pendingRole !== null}
                          onChange={(e) => changeRole.mutate({ member, role: e.target.value })}
                          wrapperClassName="w-48"
                          className="h-8"
                        >
                          {roles.includes(member.role as (typeof roles)[number]) ? null : (
                            <option value={member.role}>{roleLabel(member.role)}</option>
                          )}
                          {roles.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Badge variant={member.role === 'owner' ? 'brand' : 'neutral'}>{roleLabel(member.role)}</Badge>
                      )}
                    </TD>
                    <TD className="whitespace-nowrap text-fg-muted">
                      <time dateTime={member.joinedAt} title={formatDateTime(member.joinedAt)}>
                        {formatDate(member.joinedAt)}
                      </time>
                    </TD>
                    <TD className="text-right">
                      {canEdit && !self && !ownerLocked ? buttons(member, cellId(member.userId)) : null}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </PagedList>
      {dialog}
    </>
  );
}

const Head = () => <HeadRow columns={['Name', 'E-mail', 'Role', 'Joined']} actions />;
