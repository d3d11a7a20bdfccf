/**
 * Shapes shared by the organization and member specs (orgs, members).
 */

export type MemberView = { userId: string; email: string; name: string; role: string; joinedAt: string };
export type Page<T> = { items: T[]; nextCursor: string | null };
