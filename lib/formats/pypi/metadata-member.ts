// The inspection worker's part of reading a distribution's core metadata
// (dist-metadata.ts is the server's): a wheel's
// `{dist}-{version}.dist-info/METADATA` (exactly one .dist-info directory at
// the top level, as pip requires), an sdist's top-level
// `{name}-{version}/PKG-INFO` (.tar.gz streamed and stopped at the first
// one, .zip by random access).
import { ArchiveError, readTarMembers, readZipMembers } from '@/lib/formats/archive';
import type { ByteSource } from '@/lib/formats/archive/byte-source';
import { gunzip } from '@/lib/formats/archive/decompress';
import type { DistKind } from './names';

/**
 * How much of an sdist's decompressed tar is scanned for PKG-INFO (which
 * build tools write near the start): a gzip bomb costs at most this.
 */
export const MAX_SDIST_SCAN_BYTES = 1024 ** 3;

const SDIST_PKG_INFO = /^[^/]+\/PKG-INFO$/;

export type DistMetadataArgs = { kind: DistKind; scanLimit?: number };

export async function distMetadataMember(source: ByteSource, { kind, scanLimit = MAX_SDIST_SCAN_BYTES }: DistMetadataArgs): Promise<Uint8Array> {
  return kind === 'wheel' ? wheelMetadata(source) : kind === 'sdist-zip' ? zipSdistMetadata(source) : tarSdistMetadata(source, scanLimit);
}

async function wheelMetadata(source: ByteSource): Promise<Buffer> {
  const dirs = new Set<string>();
  const found = await readZipMembers(source, (name) => {
    const dir = /^([^/]+\.dist-info)\//.exec(name)?.[1];
    if (!dir) return false;
    dirs.add(dir);
    return name === `${dir}/METADATA`;
  });
  if (dirs.size !== 1) throw new ArchiveError(`a wheel has exactly one top-level .dist-info directory, this one has ${dirs.size}.`);
  const [dir] = dirs;
  const metadata = found.get(`${dir}/METADATA`);
  if (!metadata) throw new ArchiveError(`the wheel has no ${dir}/METADATA.`);
  return metadata;
}

async function zipSdistMetadata(source: ByteSource): Promise<Buffer> {
  const found = await readZipMembers(source, (name) => SDIST_PKG_INFO.test(name));
  const [first] = found.values();
  if (!first) throw new ArchiveError('the sdist has no top-level {name}-{version}/PKG-INFO.');
  return first;
}

async function tarSdistMetadata(source: ByteSource, scanLimit: number): Promise<Buffer> {
  const tooBig = () => new ArchiveError(`no PKG-INFO in the first ${scanLimit} bytes of the sdist.`);
  const found = await readTarMembers(gunzip(source, scanLimit, tooBig), (name) => SDIST_PKG_INFO.test(name), (f) => f.size > 0);
  const [first] = found.values();
  if (!first) throw new ArchiveError('the sdist has no top-level {name}-{version}/PKG-INFO.');
  return first;
}
