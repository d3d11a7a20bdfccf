/**
 * Shapes shared by the invitation specs (invitations-manage, invitations-accept).
 */

export type Page<T> = { items: T[]; nextCursor: string | null };
export type PublicInvitation = { org: { slug: string; name: string }; email: string; role: string; expiresAt: string; existingUser: boolean };
