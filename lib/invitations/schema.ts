// Invitation fields, shared by the invite form, the accept page and the API.
import { z } from 'zod';
import { email, newPassword, personName } from '@/lib/accounts/schema';
import { orgRole, repoRole } from '@/lib/orgs/schema';

export const INVITATION_TTL_DAYS = 7;

export const createInvitationInput = z.object({
  email,
  role: orgRole,
  repositories: z
    .array(z.object({ repo: z.string().trim().min(1, 'Choose a repository.').max(100), role: repoRole }))
    .max(100)
    .optional(),
});

export const invitationParams = z.object({ org: z.string().min(1).max(100), id: z.string().min(1).max(100) });
export const secretParams = z.object({ secret: z.string().min(1).max(200) });

// New users send a name and password; a signed-in invitee sends nothing.
export const acceptInvitationInput = z.object({
  name: personName.optional(),
  password: newPassword.optional(),
});

export const invitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  repositories: z.array(z.object({ repo: z.string(), role: z.string() })),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const createdInvitation = invitationView.extend({ acceptUrl: z.string(), emailed: z.boolean() });
export const publicInvitation = z.object({
  org: z.object({ slug: z.string(), name: z.string() }),
  email: z.string(),
  role: z.string(),
  expiresAt: z.string(),
  existingUser: z.boolean(),
});
