// Artifacts (stored files) of a repository: listing, deletion and the
// upload path every format shares (bytes to the blob store, then one row).
import type { Readable } from 'node:stream';
import mime from 'mime-types';
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db/client';
import { MAX_UPLOAD_BYTES } from './limits';
import { bumpContentVersion } from '@/lib/formats/index-cache';
import { badRequest, conflict, notFound, payloadTooLarge } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { findRepo, repoResource, type RepoRow } from '@/lib/repos/service';
import { blobStore, BlobTooLargeError, type BlobDigests } from '@/lib/storage';
import { collectBlobs } from '@/lib/storage/gc';


export const contentTypeFor = (path: string) => mime.lookup(path) || 'application/octet-stream';

const fileView = (a: { path: string; size: bigint; sha256: string; contentType: string; createdAt: Date; uploader: { email: string } | null }) => ({
  path: a.path,
  size: Number(a.size),
  sha256: a.sha256,
  contentType: a.contentType,
  uploader: a.uploader?.email ?? null,
  createdAt: a.createdAt.toISOString(),
});

export async function listFiles(actor: Actor, slug: string, name: string, q: PageQuery) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:view', repoResource(repo));
  const rows = await db().artifact.findMany({
    where: { repositoryId: repo.id },
    orderBy: [{ path: 'asc' }, { id: 'asc' }],
    select: { id: true, path: true, size: true, sha256: true, contentType: true, createdAt: true, uploader: { select: { email: true } } },
    ...pageArgs(q),
  });
  return toPage(rows, q, fileView);
}

export async function deleteFile(actor: Actor, slug: string, name: string, path: string) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:delete', repoResource(repo));
  const artifact = await db().artifact.findUnique({ where: { repositoryId_path: { repositoryId: repo.id, path } } });
  if (!artifact) throw notFound('No such file.');
  await db().$transaction(async (tx) => {
    await tx.artifact.delete({ where: { id: artifact.id } });
    await bumpContentVersion(tx, repo.id);
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'artifact.deleted',
      target: { type: 'artifact', id: artifact.id, label: `${repo.name}/${path}` },
      data: { size: Number(artifact.size), sha256: artifact.sha256 },
    });
  });
  await collectBlobs([artifact.blobKey]);
}

/**
 * Stores an uploaded file at `path` (artifacts are immutable: an existing path
 * is a 409). The caller has checked artifact:create. The bytes stream to the
 * blob store first; the row is written only once they are durable.
 */
export type PutOptions = {
  declaredSize?: number;
  /** The digest the client announced: a mismatch is a 400 and nothing stays stored. */
  expectedSha256?: string;
  /** Format-specific facts kept with the file (JSON object). */
  metadata?: Record<string, unknown>;
  /** The package version the file belongs to, created if new (name normalized by the format). */
  package?: PackageRef;
  /**
   * Reads the stored blob (an archive's metadata, say) before any row is
   * written. It may throw (a 400 for a malformed archive: the blob is removed
   * again) or return facts that replace the options' own, including the final
   * path when only the archive knows it (an npm tarball's name and version).
   */
  inspect?: (blobKey: string, digests: BlobDigests) => Promise<Inspection>;
};

export type PackageRef = { name: string; displayName: string; version: string; versionMetadata?: Record<string, unknown> };
export type Inspection = { path?: string; metadata?: Record<string, unknown>; package?: PackageRef };

export async function putArtifact(actor: Actor, repo: RepoRow, path: string, body: Readable, opts: PutOptions = {}) {
  if (opts.declaredSize !== undefined && opts.declaredSize > MAX_UPLOAD_BYTES) throw tooLarge();
  const exists = await db().artifact.findUnique({ where: { repositoryId_path: { repositoryId: repo.id, path } }, select: { id: true } });
  if (exists) throw conflict(`${path} exists. Artifacts are immutable: delete it first.`);
  let digests;
  try {
    digests = await blobStore().put(body, { maxBytes: MAX_UPLOAD_BYTES });
  } catch (err) {
    if (err instanceof BlobTooLargeError) throw tooLarge();
    throw err;
  }
  if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== digests.sha256) {
    await collectBlobs([digests.sha256]);
    throw badRequest(`The file's sha256 is ${digests.sha256}, not the announced ${opts.expectedSha256}.`);
  }
  let pkg = opts.package;
  let metadata = opts.metadata ?? {};
  try {
    if (opts.inspect) {
      const found = await opts.inspect(digests.sha256, digests);
      path = found.path ?? path;
      metadata = found.metadata ?? metadata;
      pkg = found.package ?? pkg;
    }
  } catch (err) {
    await collectBlobs([digests.sha256]);
    throw err;
  }
  const filename = path.split('/').pop() ?? path;
  try {
    const artifact = await db().$transaction(async (tx) => {
      let packageVersionId: string | null = null;
      if (pkg) {
        const p = await tx.package.upsert({
          where: { repositoryId_name: { repositoryId: repo.id, name: pkg.name } },
          create: { repositoryId: repo.id, name: pkg.name, displayName: pkg.displayName },
          update: { updatedAt: new Date() }, // the packument's `modified`
        });
        const v = await tx.packageVersion.upsert({
          where: { packageId_version: { packageId: p.id, version: pkg.version } },
          create: { packageId: p.id, version: pkg.version, metadata: JSON.stringify(pkg.versionMetadata ?? {}) },
          update: {},
        });
        packageVersionId = v.id;
      }
      const artifact = await tx.artifact.create({
        data: {
          packageVersionId,
          metadata: JSON.stringify(metadata),
          repositoryId: repo.id,
          path,
          filename,
          size: BigInt(digests.size),
          sha256: digests.sha256,
          sha1: digests.sha1,
          md5: digests.md5,
          sha512: digests.sha512,
          contentType: contentTypeFor(path),
          blobKey: digests.sha256,
          uploaderId: actor.user?.id ?? null,
        },
      });
      await bumpContentVersion(tx, repo.id);
      await recordAudit(tx, actor, {
        orgId: repo.orgId,
        action: 'artifact.uploaded',
        target: { type: 'artifact', id: artifact.id, label: `${repo.name}/${path}` },
        data: { size: digests.size, sha256: digests.sha256 },
      });
      return artifact;
    });
    return { path: artifact.path, size: digests.size, sha256: digests.sha256 };
  } catch (err) {
    await collectBlobs([digests.sha256]);
    if ((err as { code?: string }).code === 'P2002') throw conflict(`${path} exists. Artifacts are immutable: delete it first.`);
    throw err;
  }
}

const tooLarge = () => payloadTooLarge(`Uploads are limited to ${MAX_UPLOAD_BYTES} bytes.`);
