// Storing a conda package, for the channel's PUT and the console's upload
// (ingest-types.ts). The archive is the authority: its info/index.json must
// agree with the file name `{name}-{version}-{build}.{ext}` and with the subdir
// it is uploaded to (the console may leave the subdir to the archive). What
// index.json says is kept as the artifact's metadata, from which repodata.json
// is rendered.
import type { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor';
import { putArtifact } from '@/lib/artifacts/service';
import { folderAndFile, type Ingest, type IngestResult } from '@/lib/formats/ingest-types';
import { badRequest } from '@/lib/http/errors';
import type { RepoRow } from '@/lib/repos/service';
import { mismatch } from './metadata';
import { isValidSubdir, packagePath, parsePackageFile } from './names';
import { readPackageInfo } from './package-info';

/**
 * Stores `file` in `subdir` (null: the subdir index.json names). A file that
 * is not a well-formed package agreeing with its name and subdir is a 400 and
 * leaves nothing stored; an existing path is a 409.
 */
export async function storeCondaPackage(
  actor: Actor,
  repo: RepoRow,
  subdir: string | null,
  file: string,
  body: Readable,
  opts: { declaredSize?: number } = {},
): Promise<IngestResult> {
  if (subdir !== null && !isValidSubdir(subdir)) throw badRequest(`"${subdir}" is not a conda subdir: use noarch or a platform such as linux-64, osx-arm64, win-64.`);
  const parsed = parsePackageFile(file);
  if (!parsed.ok) throw badRequest(parsed.reason);
  const pkg = parsed.value;
  const stored = await putArtifact(actor, repo, subdir === null ? file : packagePath(subdir, file), body, {
    declaredSize: opts.declaredSize,
    inspect: async (blobKey, digests) => {
      const metadata = await readPackageInfo(blobKey, digests.size, pkg);
      const why = mismatch(metadata.index, pkg, subdir);
      if (why) throw badRequest(why);
      if (!isValidSubdir(metadata.index.subdir)) throw badRequest(`info/index.json names subdir "${metadata.index.subdir}", which is not a conda subdir.`);
      return {
        path: packagePath(metadata.index.subdir, file),
        metadata,
        package: { name: pkg.name, displayName: pkg.name, version: pkg.version },
      };
    },
  });
  return { ...stored, package: { name: pkg.name, version: pkg.version } };
}

/** The console's upload: `name` is `{subdir}/{file}` or just `{file}`. */
export const ingestConda: Ingest = async (actor, repo, name, body, opts) => {
  const { folder, file } = folderAndFile(name, 'Upload a conda package by its file name (or {subdir}/{file name}).');
  return storeCondaPackage(actor, repo, folder ?? null, file, body, { declaredSize: opts.declaredSize });
};
