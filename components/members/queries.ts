'use client';

// Members and invitations of an organization through the management API,
// with react-query: one key per list, invalidated by every mutation.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '@/lib/http/client';
import type { Page } from '@/lib/http/pagination';
import type { createdInvitation, invitationView } from '@/lib/invitations/schema';
import type { memberView } from '@/lib/orgs/schema';

export type Member = z.output<typeof memberView>;
export type PendingInvitation = z.output<typeof invitationView>;
export type CreatedInvitation = z.output<typeof createdInvitation>;

export const orgPath = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}`;

export const membersKey = (slug: string) => ['orgs', slug, 'members'] as const;
export const invitationsKey = (slug: string) => ['orgs', slug, 'invitations'] as const;

const PAGE_SIZE = 100;

function listPath(base: string, cursor: string | null) {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) q.set('cursor', cursor);
  return `${base}?${q}`;
}

export function useMembers(slug: string) {
  return useInfiniteQuery({
    queryKey: membersKey(slug),
    queryFn: ({ pageParam, signal }) => apiFetch<Page<Member>>(listPath(`${orgPath(slug)}/members`, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useInvitations(slug: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: invitationsKey(slug),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<Page<PendingInvitation>>(listPath(`${orgPath(slug)}/invitations`, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

