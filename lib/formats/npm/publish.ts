// The body of `npm publish` (PUT /{name}): one version's manifest and its
// tarball as a base64 attachment. Checked here, before anything is stored:
// names agree with the URL, exactly one version and one attachment, and the
// decoded tarball matches the shasum / sha512 integrity npm computed.
import crypto from 'node:crypto';
import { badRequest } from '@/lib/http/errors';
import { tarballFile, validTag } from './names';
import { isValidVersion } from './semver';

export type PublishRequest = {
  name: string;
  version: string;
  /** The version's manifest without dist (dist is always ours). */
  manifest: Record<string, unknown>;
  distTags: Record<string, string>;
  tarball: Buffer;
  /** The stored file name, `<basename>-<version>.tgz`. */
  file: string;
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function parsePublish(body: unknown, urlName: string): PublishRequest {
  if (!isObject(body)) throw badRequest('The publish body must be a JSON object.');
  if (body.name !== urlName) throw badRequest(`The body names "${String(body.name)}", the URL "${urlName}".`);
  if (!isObject(body.versions) || !isObject(body._attachments)) {
    throw badRequest('Only publishing is supported here: the body needs versions and _attachments.');
  }
  const versions = Object.entries(body.versions);
  const attachments = Object.entries(body._attachments);
  if (versions.length !== 1 || attachments.length !== 1) throw badRequest('Publish one version with one tarball at a time.');
  const [version, manifest] = versions[0]!;
  const [attachmentName, attachment] = attachments[0]!;
  if (!isValidVersion(version)) throw badRequest(`"${version.slice(0, 100)}" is not a valid semver version.`);
  if (!isObject(manifest) || manifest.name !== urlName || manifest.version !== version) {
    throw badRequest('versions[v] must be a manifest with the same name and version.');
  }
  if (!attachmentName.endsWith(`-${version}.tgz`)) throw badRequest('The attachment is not the tarball of the published version.');
  if (!isObject(attachment) || typeof attachment.data !== 'string') throw badRequest('The attachment needs base64 data.');

  const tarball = Buffer.from(attachment.data, 'base64');
  if (tarball.length === 0) throw badRequest('The tarball is empty.');
  if (attachment.length !== undefined && attachment.length !== tarball.length) {
    throw badRequest(`The attachment declares ${String(attachment.length)} bytes but carries ${tarball.length}.`);
  }
  checkDist(manifest.dist, tarball);

  const distTags: Record<string, string> = {};
  if (body['dist-tags'] !== undefined) {
    if (!isObject(body['dist-tags'])) throw badRequest('dist-tags must be an object.');
    for (const [tag, v] of Object.entries(body['dist-tags'])) {
      if (!validTag(tag) || v !== version) throw badRequest(`dist-tag "${tag.slice(0, 64)}" must name the published version.`);
      distTags[tag] = v;
    }
  }
  const { dist: _dist, ...rest } = manifest;
  void _dist;
  return { name: urlName, version, manifest: rest, distTags, tarball, file: tarballFile(urlName, version) };
}

/** The shasum (sha1 hex) and every sha512 in the integrity string must match the bytes; at least one must be given. */
function checkDist(dist: unknown, tarball: Buffer) {
  if (!isObject(dist)) throw badRequest('versions[v].dist with shasum or integrity is required.');
  let checked = false;
  if (dist.shasum !== undefined) {
    if (dist.shasum !== crypto.createHash('sha1').update(tarball).digest('hex')) throw badRequest('The tarball does not match dist.shasum.');
    checked = true;
  }
  if (dist.integrity !== undefined) {
    if (typeof dist.integrity !== 'string') throw badRequest('dist.integrity must be a string.');
    const sha512 = crypto.createHash('sha512').update(tarball).digest('base64');
    for (const entry of dist.integrity.trim().split(/\s+/)) {
      const m = /^sha512-([A-Za-z0-9+/=]+)(?:\?.*)?$/.exec(entry);
      if (!m) continue; // other algorithms: the sha1/sha512 checks suffice
      if (m[1] !== sha512) throw badRequest('The tarball does not match dist.integrity.');
      checked = true;
    }
  }
  if (!checked) throw badRequest('versions[v].dist needs a shasum or a sha512 integrity.');
}

/** Merges new dist-tags over stored ones (JSON text in, JSON text out). */
export function mergeDistTags(stored: string, next: Record<string, string>): string {
  let current: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(stored);
    if (isObject(v)) current = v;
  } catch {
    // a broken value is replaced
  }
  return JSON.stringify({ ...current, ...next });
}
