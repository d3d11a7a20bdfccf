// Personal access token fields: one schema for the token wizard, the API and
// the OpenAPI document.
import ms from 'ms';
import { z } from 'zod';
import { SCOPES, TOKEN_ACCESS } from '@/lib/authz/scopes';

export const TOKEN_STATUSES = ['active', 'expired', 'revoked'] as const;
export const DEFAULT_EXPIRY = '90d';

/** `30d`, `12h`, `5m`, `2w`, `90s` → milliseconds; `never` → null. */
export function parseDuration(text: string): number | null | undefined {
  if (text === 'never') return null;
  if (!/^\d{1,6}\s*[smhdw]$/.test(text)) return undefined;
  const value = ms(text.replace(/\s+/g, '') as ms.StringValue);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export const expiresIn = z
  .string()
  .trim()
  .refine((s) => parseDuration(s) !== undefined, 'Use a duration such as 30d, 12h or 5m, or "never".');

const future = z.iso
  .datetime({ offset: true, error: 'Use an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z.' })
  .refine((s) => new Date(s).getTime() > Date.now(), 'The expiry must be in the future.');

const tokenName = z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');
const description = z.string().trim().max(500, 'Use at most 500 characters.');

export const resourceGrant = z.object({
  repo: z.string().trim().min(1, 'Choose a repository or "*".').max(100),
  access: z.enum(TOKEN_ACCESS, { error: `Access must be one of: ${TOKEN_ACCESS.join(', ')}.` }),
});

const scopeNames = SCOPES.map((s) => s.scope) as [string, ...string[]];

export const createTokenInput = z
  .object({
    org: z.string({ error: 'Choose an organization.' }).trim().min(1, 'Choose an organization.').max(100),
    name: tokenName,
    description: description.optional(),
    expiresIn: expiresIn.optional(),
    expiresAt: future.optional(),
    type: z.enum(['resource', 'scope'], { error: 'Type must be "resource" or "scope".' }),
    resources: z.array(resourceGrant).max(100).optional(),
    scopes: z.array(z.enum(scopeNames, { error: 'Unknown scope.' })).max(scopeNames.length).optional(),
    repositories: z.union([z.literal('*'), z.array(z.string().trim().min(1).max(100)).max(100)]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.resources && v.scopes) {
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'A token carries resources or scopes, not both.' });
    }
    if (v.expiresIn && v.expiresAt) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Give expiresIn or expiresAt, not both.' });
    if (v.type === 'resource' && !v.resources?.length) ctx.addIssue({ code: 'custom', path: ['resources'], message: 'Add at least one repository.' });
    if (v.type === 'resource' && v.repositories !== undefined) ctx.addIssue({ code: 'custom', path: ['repositories'], message: 'Resource tokens list repositories in resources.' });
    if (v.type === 'scope' && !v.scopes?.length) ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'Choose at least one scope.' });
    if (v.type === 'scope' && v.repositories === undefined) ctx.addIssue({ code: 'custom', path: ['repositories'], message: 'Choose the repositories the scopes cover: "*" or a list.' });
    if (Array.isArray(v.repositories) && v.repositories.length === 0) ctx.addIssue({ code: 'custom', path: ['repositories'], message: 'Choose at least one repository, or "*".' });
  });
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const updateTokenInput = z
  .object({
    name: tokenName.optional(),
    description: description.optional(),
    expiresIn: expiresIn.optional(),
    expiresAt: future.nullable().optional(),
    reissue: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => !(v.expiresIn && v.expiresAt), { path: ['expiresAt'], message: 'Give expiresIn or expiresAt, not both.' });

export const tokenParams = z.object({ id: z.string().min(1).max(100) });
export const listTokensQuery = z.object({
  status: z.enum(TOKEN_STATUSES).optional(),
  org: z.string().trim().toLowerCase().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(100).optional(),
});

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(['resource', 'scope']),
  status: z.enum(TOKEN_STATUSES),
  prefix: z.string(),
  lastFour: z.string(),
  resources: z.array(z.object({ repo: z.string(), access: z.string() })).optional(),
  scopes: z.array(z.string()).optional(),
  repositories: z.union([z.literal('*'), z.array(z.string())]).optional(),
  org: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedAddress: z.string().nullable(),
  createdAt: z.string(),
});
export const scopeListView = z.object({
  items: z.array(z.object({ scope: z.string(), level: z.string(), appliesTo: z.string(), category: z.string(), description: z.string() })),
});
