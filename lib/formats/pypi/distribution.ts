// Storing one distribution file, shared by twine's upload and the console's:
// the bytes go to the blob store, then the archive's own metadata decides the
// project and version (what an uploader declares must agree with it), and the
// file lands at `{normalized name}/{filename}`, where the simple index links it.
import type { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor';
import { putArtifact } from '@/lib/artifacts/service';
import type { IngestResult } from '@/lib/formats/ingest-types';
import { badRequest } from '@/lib/http/errors';
import type { RepoRow } from '@/lib/repos/service';
import { readDistMetadata } from './dist-metadata';
import { filenameMismatch, isValidFilename, normalizeName, parseDistFilename } from './names';
import { sameVersion } from './version';

export type DistributionOptions = {
  /** What the uploader said the file is (twine's form): the archive must say the same. */
  declared?: { name: string; version: string };
  /** twine's requires_python; the archive's Requires-Python when absent. */
  requiresPython?: string;
  /** The directory the uploader chose: it must be the one the archive's name gives. */
  directory?: string;
  expectedSha256?: string;
  declaredSize?: number;
};

export async function storeDistribution(actor: Actor, repo: RepoRow, filename: string, body: Readable, opts: DistributionOptions = {}): Promise<Required<IngestResult>> {
  const parsed = isValidFilename(filename) ? parseDistFilename(filename) : null;
  if (!parsed) throw badRequest(`${filename} is not a distribution file name: {name}-{version}.tar.gz or .zip, or a wheel's {name}-{version}-{tags}.whl.`);
  if (opts.declared) {
    const mismatch = filenameMismatch(filename, opts.declared.name, opts.declared.version);
    if (mismatch) throw badRequest(mismatch);
  }
  // The path the file will most likely have: putArtifact refuses a duplicate of it before reading any bytes.
  const guess = normalizeName(opts.declared?.name ?? parsed.project);
  let pkg = { name: guess, version: '' };
  const stored = await putArtifact(actor, repo, `${opts.directory ?? guess}/${filename}`, body, {
    expectedSha256: opts.expectedSha256,
    declaredSize: opts.declaredSize,
    inspect: async (blobKey, digests) => {
      const meta = await readDistMetadata(blobKey, digests.size, parsed.kind);
      const { declared } = opts;
      if (declared && (normalizeName(declared.name) !== normalizeName(meta.name) || !sameVersion(declared.version, meta.version))) {
        throw badRequest(`The archive's metadata says ${meta.name} ${meta.version}, the upload says ${declared.name} ${declared.version}.`);
      }
      const mismatch = filenameMismatch(filename, meta.name, meta.version);
      if (mismatch) throw badRequest(`${mismatch} (from the archive's metadata)`);
      const name = normalizeName(meta.name);
      if (opts.directory !== undefined && opts.directory !== name) throw badRequest(`A file of ${meta.name} is stored under ${name}/, not ${opts.directory}/.`);
      pkg = { name, version: meta.version };
      const requiresPython = opts.requiresPython || meta.requiresPython;
      return {
        path: `${name}/${filename}`,
        metadata: { ...(requiresPython ? { requiresPython } : {}), ...(meta.summary ? { summary: meta.summary } : {}) },
        package: { name, displayName: meta.name, version: meta.version },
      };
    },
  });
  return { ...stored, package: pkg };
}
