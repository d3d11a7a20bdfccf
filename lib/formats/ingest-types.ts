// The contract of a format's browser/API upload (PUT /api/v1/orgs/{org}/repos/{repo}/files/{path…}):
// each format reads what it needs from the file itself (an archive's metadata)
// and stores it where its native routes serve it. The caller has checked
// artifact:create. Errors are ApiErrors: 400 for a malformed or misnamed file,
// 409 for a duplicate, 413 for one over the limit.
import type { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor';
import type { RepoRow } from '@/lib/repos/service';

export type IngestResult = { path: string; size: number; sha256: string; package?: { name: string; version: string } };

export type IngestOptions = { declaredSize?: number };

/** `name`: the path the client gave (a file name; conda may give `{subdir}/{file}`). */
export type Ingest = (actor: Actor, repo: RepoRow, name: string, body: Readable, opts: IngestOptions) => Promise<IngestResult>;
