// Packages and versions as the console and API show them, whatever the format.
import { z } from 'zod';
import { pageQuery } from '@/lib/http/pagination';
import { repoParams } from '@/lib/repos/schema';

export const packageQuery = pageQuery.extend({ q: z.string().trim().max(200).optional() });

export const packageParams = repoParams.extend({ name: z.string().min(1).max(300) });

export const packageView = z.object({
  name: z.string(),
  displayName: z.string(),
  versionCount: z.number(),
  latest: z.string().nullable(),
  distTags: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});

export const packageFileView = z.object({ path: z.string(), filename: z.string(), size: z.number(), sha256: z.string() });

export const versionView = z.object({
  version: z.string(),
  createdAt: z.string(),
  yanked: z.boolean(),
  files: z.array(packageFileView),
});
