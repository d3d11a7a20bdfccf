// Organization and membership fields, shared by forms and the API.
import { z } from 'zod';
import { ORG_ROLES, REPO_ROLES, REPOSITORY_VISIBILITIES } from '@/lib/authz/scopes';
import { FORMAT_IDS } from '@/lib/formats/registry-client';

// Top-level console paths an org slug must not shadow (the console lives at /{org}/…).
// Every format's native routes live at /{format}/ (lib/formats/registry-client.ts).
export const RESERVED_SLUGS = new Set<string>([
  ...FORMAT_IDS, 'api', 't', 'signin', 'signup', 'signout', 'invite', 'invitations', 'orgs', 'new',
  'settings', 'account', 'admin', 'static', 'public', 'assets', 'health', 'login', 'logout', 'help', 'docs', 'tokens',
  'user', 'users', 'favicon.ico', 'robots.txt',
]);

export const orgSlug = z
  .string({ error: 'Enter a slug.' })
  .trim()
  .toLowerCase()
  .min(2, 'Use at least 2 characters.')
  .max(39, 'Use at most 39 characters.')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lower-case letters, digits and inner hyphens.')
  .refine((s) => !RESERVED_SLUGS.has(s), 'This slug is reserved.');

export const orgName = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Names are at most 100 characters.');

export const orgRole = z.enum(ORG_ROLES, { error: `Role must be one of: ${ORG_ROLES.join(', ')}.` });
export const repoRole = z.enum(REPO_ROLES, { error: `Role must be one of: ${REPO_ROLES.join(', ')}.` });
export const visibility = z.enum(REPOSITORY_VISIBILITIES, { error: `Visibility must be one of: ${REPOSITORY_VISIBILITIES.join(', ')}.` });

export const createOrgInput = z.object({ name: orgName, slug: orgSlug });
export const updateOrgInput = z
  .object({
    name: orgName.optional(),
    settings: z.object({ defaultVisibility: visibility.optional() }).strict().optional(),
  })
  .strict();

export const orgParams = z.object({ org: z.string().min(1).max(100) });
export const memberParams = orgParams.extend({ userId: z.string().min(1).max(100) });
export const changeRoleInput = z.object({ role: orgRole });

export const orgView = z.object({
  slug: z.string(),
  name: z.string(),
  role: z.string(),
  settings: z.object({ defaultVisibility: z.string() }),
});
export const memberView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  joinedAt: z.string(),
});
