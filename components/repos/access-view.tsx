'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { InfoIcon, UsersIcon } from '@/components/ui/icons';
import { AVATAR_SKELETON, listRows, PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { Select } from '@/components/ui/select';
import { useRowActions } from '@/components/ui/row-actions';
import { HeadRow, TBody, TD, TR, Table } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { REPO_ROLES } from '@/lib/authz/scopes';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { AddRepoMemberForm } from './add-repo-member-form';
import { REPO_ROLE_OPTIONS, repoRoleLabel } from './labels';
import { repoMembersKey, repoPath, useRepoMembers, type RepoMember } from './queries';

export type AccessViewProps = {
  orgSlug: string;
  orgName: string;
  repoName: string;
  viewer: { id: string; orgRole: string };
  /** repo.member:view — the list. */
  canView: boolean;
  /** repo.member:edit — role selects, Remove, Add member. */
  canEdit: boolean;
};

const cellId = (userId: string) => `repo-member-${userId}-email`;

/** The Access tab: who holds which role on the repository. */
export function AccessView({ orgSlug, orgName, repoName, viewer, canView, canEdit }: AccessViewProps) {
  const headingId = useId();
  const router = useRouter();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const members = useRepoMembers(orgSlug, repoName, canView);
  const base = `${repoPath(orgSlug, repoName)}/members`;
  // A repository role is all a member has here; owners and admins keep their implicit admin.
  const viewerDependsOnRole = viewer.orgRole !== 'owner' && viewer.orgRole !== 'admin';

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: RepoMember; role: string }) =>
      apiFetch<RepoMember>(`${base}/${encodeURIComponent(member.userId)}`, { method: 'PUT', body: { role } }),
    onSuccess: (updated, { member }) => {
      toast({
        title: 'Role changed',
        description: `${member.name || member.email} is now ${repoRoleLabel(updated.role)} of ${repoName}.`,
        variant: 'success',
      });
      // Your own role decides which tabs and buttons the pages show.
      if (member.userId === viewer.id) router.refresh();
    },
    onError: (err, { member }) => {
      toast({ title: `Could not change the role of ${member.email}`, description: errorMessage(err), variant: 'danger' });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: repoMembersKey(orgSlug, repoName) }),
  });

  async function remove(member: RepoMember) {
    // Thrown errors stay inside the confirm dialog (it shows them and stays open).
    await apiFetch(`${base}/${encodeURIComponent(member.userId)}`, { method: 'DELETE' });
    toast({
      title: 'Access removed',
      description: `${member.name || member.email} no longer has a role on ${repoName}.`,
      variant: 'success',
    });
    await queryClient.invalidateQueries({ queryKey: repoMembersKey(orgSlug, repoName) });
    if (member.userId !== viewer.id) return;
    // Without their role a member may no longer see this repository at all.
    if (viewerDependsOnRole) router.push(`/${orgSlug}/repositories`);
    else router.refresh();
  }

  const { buttons, dialog } = useRowActions<RepoMember>([
    {
      label: 'Remove',
      danger: true,
      confirm: {
        title: (member) => `Remove ${member.name || member.email || 'member'} from ${repoName}?`,
        body: (member) => (
          <p>
            {member.userId === viewer.id && viewerDependsOnRole ? (
              <>
                You lose your role on {repoName} at once, and with it access to this page unless the repository is public.
              </>
            ) : (
              <>
                <strong className="font-medium text-fg">{member.email}</strong> loses the{' '}
                {repoRoleLabel(member.role).toLowerCase()} role on {repoName} at once, and so do their tokens. They stay a
                member of {orgName}.
              </>
            )}
          </p>
        ),
        label: 'Remove access',
      },
      run: remove,
    },
  ]);

  if (!canView) {
    return (
      <p className="flex items-start gap-2 rounded-md border border-border bg-subtle px-3 py-2.5 text-sm text-fg-muted">
        <InfoIcon className="mt-0.5" />
        <span>Your role on this repository does not include seeing who has access to it. Repository admins can.</span>
      </p>
    );
  }


  return (
    <div className="space-y-8">
      {canEdit ? (
        <AddRepoMemberForm
          orgSlug={orgSlug}
          orgName={orgName}
          repoName={repoName}
          existing={new Set(listRows(members).map((m) => m.userId))}
        />
      ) : (
        <p className="flex items-start gap-2 rounded-md border border-border bg-subtle px-3 py-2.5 text-sm text-fg-muted">
          <InfoIcon className="mt-0.5" />
          <span>You can see who has access. Repository admins can change it.</span>
        </p>
      )}

      <section aria-labelledby={headingId}>
        <h2 id={headingId} className="text-base font-semibold text-fg">
          Repository members
        </h2>
        <p className="mt-0.5 mb-3 text-sm text-fg-muted">
          People with a role on {repoName}. Owners and admins of {orgName} are not listed: they administer every repository.
        </p>

        <PagedList
          source={members}
          skeleton={<TableSkeleton label="Repository members" head={<Head />} cells={[AVATAR_SKELETON, 'h-4 w-40', 'h-8 w-36', null]} rows={2} />}
          errorTitle="The repository members could not be loaded."
          empty={
            <EmptyState
              icon={<UsersIcon />}
              title="No repository members"
              description={
                canEdit
                  ? `Only the owners and admins of ${orgName} can reach this repository. Add members above.`
                  : `Only the owners and admins of ${orgName} can reach this repository.`
              }
            />
          }
          moreLabel="Load more members"
        >
          {(rows) => (
            <Table aria-label="Repository members">
              <Head />
              <TBody>
                {rows.map((member) => {
                  const self = member.userId === viewer.id;
                  const pendingRole =
                    changeRole.isPending && changeRole.variables?.member.userId === member.userId
                      ? changeRole.variables.role
                      : null;
                  return (
                    <TR key={member.userId}>
                      <TD>
                        <div className="flex min-w-0 items-center gap-2.5">
                          <Avatar name={member.name || member.email} decorative />
                          <span className="truncate font-medium">{member.name || '—'}</span>
                          {self ? <Badge variant="brand">You</Badge> : null}
                        </div>
                      </TD>
                      <TD id={cellId(member.userId)} className="text-fg-muted">
                        {member.email}
                      </TD>
                      <TD>
                        {canEdit ? (
                          <Select
                            aria-label={`Repository role for ${member.email}`}
                            value={pendingRole ?? member.role}
                            disabled={pendingRole !== null}
                            onChange={(e) => changeRole.mutate({ member, role: e.target.value })}
                            wrapperClassName="w-40"
                            className="h-8"
                          >
                            {(REPO_ROLES as readonly string[]).includes(member.role) ? null : (
                              <option value={member.role}>{repoRoleLabel(member.role)}</option>
                            )}
                            {REPO_ROLES.map((r) => (
                              <option key={r} value={r}>
                                {REPO_ROLE_OPTIONS[r].label}
                              </option>
                            ))}
                          </Select>
                        ) : (
                          <Badge variant={member.role === 'admin' ? 'brand' : 'neutral'}>{repoRoleLabel(member.role)}</Badge>
                        )}
                      </TD>
                      <TD className="text-right">
                        {canEdit ? buttons(member, cellId(member.userId)) : null}
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          )}
        </PagedList>
      </section>

      {dialog}
    </div>
  );
}

const Head = () => <HeadRow columns={['Name', 'E-mail', 'Role']} actions />;
