// Repository fields, shared by the console forms and the API.
import { z } from 'zod';
import { FORMAT_IDS, type FormatId } from '@/lib/formats/registry-client';
import { repoRole, visibility } from '@/lib/orgs/schema';

export const REPOSITORY_FORMATS = FORMAT_IDS;
export type RepositoryFormat = FormatId;

export const repoName = z
  .string({ error: 'Enter a name.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit.');

export const format = z.enum(REPOSITORY_FORMATS, { error: `Format must be one of: ${REPOSITORY_FORMATS.join(', ')}.` });

export const createRepoInput = z.object({
  name: repoName,
  format,
  visibility: visibility.optional(),
  description: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
});

export const updateRepoInput = z
  .object({
    visibility: visibility.optional(),
    description: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
  })
  .strict();

export const repoParams = z.object({ org: z.string().min(1).max(100), repo: z.string().min(1).max(200) });
export const repoMemberParams = repoParams.extend({ userId: z.string().min(1).max(100) });
export const repoFileParams = repoParams.extend({ path: z.array(z.string().max(1024)).min(1).max(64) });
export const setRepoRoleInput = z.object({ role: repoRole });

export const repoView = z.object({
  id: z.string(),
  name: z.string(),
  format: z.string(),
  visibility: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  fileCount: z.number().nullable(),
  totalBytes: z.number().nullable(),
  urls: z.record(z.string(), z.string()),
  permissions: z.array(z.string()),
});
export const repoMemberView = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string() });
export const uploadView = z.object({
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
  package: z.object({ name: z.string(), version: z.string() }).optional(),
});

export const fileView = z.object({
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
  contentType: z.string(),
  uploader: z.string().nullable(),
  createdAt: z.string(),
});
