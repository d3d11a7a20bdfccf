// Uploads from the console and the management API
// (PUT /api/v1/orgs/{org}/repos/{repo}/files/{path…}): one entry that checks
// artifact:create and hands the bytes to the repository's format, which reads
// what it needs from the file and stores it where its native routes serve it.
import type { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { findRepo, repoResource } from '@/lib/repos/service';
import type { IngestOptions, IngestResult } from './ingest-types';
import { findFormat } from './registry';

export async function uploadFile(actor: Actor, orgSlug: string, repoName: string, path: string, body: Readable, opts: IngestOptions): Promise<IngestResult> {
  const { repo } = await findRepo(orgSlug, repoName);
  requireScope(actor.principal, 'artifact:create', repoResource(repo));
  const format = findFormat(repo.format);
  if (!format) throw new Error(`No upload for the ${repo.format} format.`);
  return format.ingest(actor, repo, path, body, opts);
}
