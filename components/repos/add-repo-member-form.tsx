'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import { useMembers } from '@/components/members/queries';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { FormError } from '@/components/ui/form-error';
import { AlertIcon, PlusIcon } from '@/components/ui/icons';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { REPO_ROLES, type RepoRole } from '@/lib/authz/scopes';
import { useForm } from '@/components/ui/use-form';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { REPO_ROLE_OPTIONS, repoRoleLabel } from './labels';
import { repoMembersKey, repoPath, type RepoMember } from './queries';

export type AddRepoMemberFormProps = {
  orgSlug: string;
  orgName: string;
  repoName: string;
  /** Users who already hold a role here (not offered again). */
  existing: ReadonlySet<string>;
};

/** Org roles that already administer every repository: a repository role adds nothing for them. */
const IMPLICIT_ADMINS = new Set(['owner', 'admin']);

/** Picks an organization member and a repository role → PUT …/members/{userId}. */
export function AddRepoMemberForm({ orgSlug, orgName, repoName, existing }: AddRepoMemberFormProps) {
  const id = useId();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const members = useMembers(orgSlug);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<RepoRole>('reader');
  const { formRef, errors, formError, pending, onSubmit } = useForm();

  // The picker offers the whole organization: load every page.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = members;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const candidates = (members.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (m) => !existing.has(m.userId) && !IMPLICIT_ADMINS.has(m.role),
  );
  // A chosen member who has just been added (or left) is no longer a candidate.
  const selected = candidates.some((m) => m.userId === userId) ? userId : '';

  const submit = onSubmit({
    check: () => (selected ? { data: selected, errors: null } : { data: null, errors: { userId: 'Choose a member.' } }),
    send: async (userId: string) => {
      const member = candidates.find((m) => m.userId === userId);
      await apiFetch<RepoMember>(`${repoPath(orgSlug, repoName)}/members/${encodeURIComponent(userId)}`, {
        method: 'PUT',
        body: { role },
      });
      toast({
        title: 'Member added',
        description: `${member?.name || member?.email || 'The member'} is now ${repoRoleLabel(role)} of ${repoName}.`,
        variant: 'success',
      });
      setUserId('');
      setRole('reader');
      await queryClient.invalidateQueries({ queryKey: repoMembersKey(orgSlug, repoName) });
    },
  });

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Add member</CardTitle>
          <CardDescription>
            Give a member of {orgName} a role on this repository. Owners and admins of {orgName} administer every repository
            already.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form ref={formRef} onSubmit={submit} noValidate className="space-y-3">
          <FormError>{formError}</FormError>
          {members.isPending ? (
            <div aria-busy="true" className="flex gap-3">
              <span className="sr-only">Loading members</span>
              <Skeleton className="h-9 flex-1" />
              <Skeleton className="h-9 w-44" />
              <Skeleton className="h-9 w-28" />
            </div>
          ) : members.isError ? (
            <FormError title="The members of the organization could not be loaded.">
              {errorMessage(members.error)}{' '}
              <button type="button" className="font-medium underline" onClick={() => members.refetch()}>
                Try again
              </button>
            </FormError>
          ) : candidates.length === 0 && !hasNextPage ? (
            <p className="rounded-md border border-dashed border-border-strong px-3 py-3 text-sm text-fg-muted">
              Every member of {orgName} who could use a role here has one. To add someone else,{' '}
              <Link href={`/${orgSlug}/members`} className="font-medium text-brand-700 underline">
                invite them to the organization
              </Link>{' '}
              first.
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-3">
              <div className="min-w-56 flex-1">
                <Label htmlFor={`${id}-member`} className="mb-1.5">
                  Member
                </Label>
                <Select
                  id={`${id}-member`}
                  value={selected}
                  onChange={(e) => setUserId(e.target.value)}
                  aria-invalid={errors.userId ? true : undefined}
                  aria-describedby={errors.userId ? `${id}-member-error` : undefined}
                >
                  <option value="">Choose a member…</option>
                  {candidates.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name ? `${m.name} (${m.email})` : m.email}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="w-44">
                <Label htmlFor={`${id}-role`} className="mb-1.5">
                  Role
                </Label>
                <Select
                  id={`${id}-role`}
                  value={role}
                  onChange={(e) => setRole(e.target.value as RepoRole)}
                  aria-describedby={`${id}-role-help${errors.role ? ` ${id}-role-error` : ''}`}
                  aria-invalid={errors.role ? true : undefined}
                >
                  {REPO_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {REPO_ROLE_OPTIONS[r].label}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" loading={pending}>
                <PlusIcon />
                Add member
              </Button>
            </div>
          )}
          {errors.userId || errors.role ? (
            <p
              id={errors.userId ? `${id}-member-error` : `${id}-role-error`}
              className="flex items-start gap-1 text-xs font-medium text-danger-700"
            >
              <AlertIcon className="mt-px size-3.5" />
              <span>{errors.userId ?? errors.role}</span>
            </p>
          ) : null}
          <ul id={`${id}-role-help`} className="grid gap-x-6 gap-y-1 text-xs text-fg-muted sm:grid-cols-2">
            {REPO_ROLES.map((r) => (
              <li key={r} className={cn(r === role && 'text-fg')}>
                <span className={cn('font-medium', r === role ? 'text-fg' : 'text-fg-muted')}>
                  {REPO_ROLE_OPTIONS[r].label}:
                </span>{' '}
                {REPO_ROLE_OPTIONS[r].description}
              </li>
            ))}
          </ul>
        </form>
      </CardContent>
    </Card>
  );
}
