// Reading an npm package tarball: its package.json, the few texts a manifest
// needs, and the list of members. The inspection worker reads them
// (tarball-members.ts, where the bounds are); the server gets the result.
import { asBuffer, inspectArchive, type InspectSource } from '@/lib/formats/archive/inspect';
import type { PackedTree } from './manifest';

export type Packed = PackedTree & { packageJson: Buffer | undefined };

/** Reads the gzipped tarball `source`; anything unreadable (or past a bound) is an ArchiveError. */
export async function readPacked(source: InspectSource, scanLimit?: number): Promise<Packed> {
  const r = await inspectArchive('npm-tarball', { scanLimit }, source);
  return { packageJson: asBuffer(r.packageJson), files: new Set(r.files), texts: new Map(r.texts) };
}

/**
 * Whether a published tarball bundles an npm-shrinkwrap.json (the registry
 * records it as `_hasShrinkwrap`; npm does not send it). A tarball that
 * cannot be read has none; one too large or too slow to check is an
 * ArchiveError.
 */
export async function bundlesShrinkwrap(tgz: Buffer, scanLimit?: number): Promise<boolean> {
  return inspectArchive('npm-shrinkwrap', { scanLimit }, { bytes: tgz });
}
