// The contract of a format's browser/API upload (PUT /api/v1/orgs/{org}/repos/{repo}/files/{path…}):
// each format reads what it needs from the file itself (an archive's metadata)
// and stores it where its native routes serve it. The caller has checked
// artifact:create. Errors are ApiErrors: 400 for a malformed or misnamed file,
// 409 for a duplicate, 413 for one over the limit.
import type { Readable } from 'node:stream';
import { badRequest } from '@/lib/http/errors';
import type { Actor } from '@/lib/auth/actor';
import type { RepoRow } from '@/lib/repos/service';

export type IngestResult = { path: string; size: number; sha256: string; package?: { name: string; version: string } };

export type IngestOptions = { declaredSize?: number };

/** `name`: the path the client gave (a file name; conda may give `{subdir}/{file}`). */
/**
 * `name` as `{folder}/{file}` or `{file}`: the format's folder (a PyPI project,
 * a conda subdir) is optional. Segments were checked by the upload route.
 */
export function folderAndFile(name: string, usage: string): { folder: string | undefined; file: string } {
  const segments = name.split('/');
  if (segments.length > 2) throw badRequest(usage);
  const file = segments.pop()!;
  return { folder: segments[0], file };
}

export type Ingest = (actor: Actor, repo: RepoRow, name: string, body: Readable, opts: IngestOptions) => Promise<IngestResult>;
