// Uploads from the console and the management API
// (PUT /api/v1/orgs/{org}/repos/{repo}/files/{path…}): one entry that checks
// artifact:create and hands the bytes to the repository's format, which reads
// what it needs from the file and stores it where its native routes serve it.
import type { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor';
import { putArtifact } from '@/lib/artifacts/service';
import { requireScope } from '@/lib/authz';
import { findRepo, repoResource } from '@/lib/repos/service';
import { ingestConda } from './conda/ingest';
import type { Ingest, IngestOptions, IngestResult } from './ingest-types';
import { ingestNpm } from './npm/ingest';
import { ingestPypi } from './pypi/ingest';

const ingestRaw: Ingest = (actor, repo, path, body, opts) => putArtifact(actor, repo, path, body, { declaredSize: opts.declaredSize });

const INGEST: Record<string, Ingest> = {
  raw: ingestRaw,
  pypi: ingestPypi,
  npm: ingestNpm,
  conda: ingestConda,
};

export async function uploadFile(actor: Actor, orgSlug: string, repoName: string, path: string, body: Readable, opts: IngestOptions): Promise<IngestResult> {
  const { repo } = await findRepo(orgSlug, repoName);
  requireScope(actor.principal, 'artifact:create', repoResource(repo));
  const ingest = INGEST[repo.format];
  if (!ingest) throw new Error(`No upload for the ${repo.format} format.`);
  return ingest(actor, repo, path, body, opts);
}
