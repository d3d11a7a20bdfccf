// Renders a package document ("packument") from stored rows, in full or in
// the abbreviated form npm asks for on install. The manifest of each version
// is what the publisher sent (minus its dist); dist is always ours: the
// tarball URL under this registry and the digests we computed.
//
// The documents are cached (lib/formats/index-cache.ts) as templates: every
// tarball URL starts with a marker that the request's own registry base
// replaces, so one rendering serves every credential form (a `/t/<token>/`
// client gets URLs that carry its token) and no token is ever cached.
import crypto from 'node:crypto';
import { fallbackLatest } from './semver';

export type StoredVersion = {
  version: string;
  /** The manifest as published, JSON text. */
  metadata: string;
  createdAt: Date;
  tarball: { path: string; sha1: string | null; sha512: string | null } | null;
};

export type StoredPackage = { name: string; distTags: string; createdAt: Date; updatedAt: Date; versions: StoredVersion[] };

type Manifest = Record<string, unknown>;

export type Packument = {
  _id: string;
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Manifest>;
  time: Record<string, string>;
};

export type AbbreviatedPackument = { name: string; modified: string; 'dist-tags': Record<string, string>; versions: Record<string, Manifest> };

export type PackumentKind = 'full' | 'abbreviated';

/** The media type of the abbreviated document (npm's "corgi"). */
export const ABBREVIATED_TYPE = 'application/vnd.npm.install-v1+json';

/** The manifest fields an install needs: what the public registry keeps in abbreviated documents. */
const ABBREVIATED_FIELDS = [
  'name', 'version', 'deprecated', 'dependencies', 'optionalDependencies', 'devDependencies', 'bundleDependencies',
  'peerDependencies', 'peerDependenciesMeta', 'acceptDependencies', 'bin', 'directories', 'engines', 'os', 'cpu', 'libc',
  'funding', 'license', '_hasShrinkwrap', 'hasInstallScript', 'dist',
] as const;

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The tags of the document: those naming a version it shows; `latest` always,
 * when there is any version (a missing or deleted one falls back to the
 * highest release), so `npm install <name>` keeps working after a delete.
 */
export function liveDistTags(stored: string, versions: Iterable<string>): Record<string, string> {
  const live = new Set(versions);
  const tags: Record<string, string> = {};
  for (const [tag, version] of Object.entries(parseObject(stored))) {
    if (typeof version === 'string' && live.has(version)) tags[tag] = version;
  }
  if (tags.latest === undefined) {
    const latest = fallbackLatest(live);
    if (latest !== undefined) tags.latest = latest;
  }
  return tags;
}

/** Each version's full manifest with our dist; versions without a tarball are left out (not installable). */
function manifests(pkg: StoredPackage, registryBase: string): Map<string, { manifest: Manifest; createdAt: Date }> {
  const out = new Map<string, { manifest: Manifest; createdAt: Date }>();
  for (const v of pkg.versions) {
    if (!v.tarball) continue;
    const dist: Record<string, string> = { tarball: registryBase + encodeTarballPath(v.tarball.path) };
    if (v.tarball.sha1) dist.shasum = v.tarball.sha1;
    if (v.tarball.sha512) dist.integrity = `sha512-${v.tarball.sha512}`;
    out.set(v.version, { manifest: { ...parseObject(v.metadata), name: pkg.name, version: v.version, _id: `${pkg.name}@${v.version}`, dist }, createdAt: v.createdAt });
  }
  return out;
}

/** `registryBase`: the registry root with a trailing slash, e.g. `https://host/t/<token>/npm/acme/js/`. */
export function renderPackument(pkg: StoredPackage, registryBase: string): Packument {
  const versions: Packument['versions'] = {};
  const time: Packument['time'] = { created: pkg.createdAt.toISOString(), modified: pkg.updatedAt.toISOString() };
  for (const [version, { manifest, createdAt }] of manifests(pkg, registryBase)) {
    versions[version] = manifest;
    time[version] = createdAt.toISOString();
  }
  return { _id: pkg.name, name: pkg.name, 'dist-tags': liveDistTags(pkg.distTags, Object.keys(versions)), versions, time };
}

/** The abbreviated document: per version only what an install reads. */
export function renderAbbreviated(pkg: StoredPackage, registryBase: string): AbbreviatedPackument {
  const versions: AbbreviatedPackument['versions'] = {};
  for (const [version, { manifest }] of manifests(pkg, registryBase)) versions[version] = abbreviate(manifest);
  return { name: pkg.name, modified: pkg.updatedAt.toISOString(), 'dist-tags': liveDistTags(pkg.distTags, Object.keys(versions)), versions };
}

function abbreviate(manifest: Manifest): Manifest {
  const out: Manifest = {};
  for (const field of ABBREVIATED_FIELDS) if (manifest[field] !== undefined) out[field] = manifest[field];
  // The registry derives this flag from the scripts (which the abbreviated document leaves out).
  const scripts = manifest.scripts;
  if (out.hasInstallScript === undefined && scripts && typeof scripts === 'object' && INSTALL_SCRIPTS.some((s) => s in scripts)) out.hasInstallScript = true;
  return out;
}

/**
 * JSON text of the document with U+0001 where the registry base goes. JSON
 * text never holds a raw U+0001 (JSON.stringify escapes control characters),
 * so the marker cannot collide with anything a publisher wrote.
 */
export function renderTemplate(pkg: StoredPackage, kind: PackumentKind): string {
  // A random stand-in during rendering: no stored manifest can contain it.
  const stand = `@@${crypto.randomBytes(12).toString('hex')}@@`;
  const doc = kind === 'full' ? renderPackument(pkg, stand) : renderAbbreviated(pkg, stand);
  return JSON.stringify(doc).replaceAll(stand, '\u0001');
}

/** The template with the request's registry base in every tarball URL. */
export const fillTemplate = (template: string, registryBase: string) => template.split('\u0001').join(JSON.stringify(registryBase).slice(1, -1));

/**
 * Whether an Accept header prefers the abbreviated document: npm sends
 * `application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, *\/*`
 * on install and plain `application/json` when it needs everything.
 */
export function wantsAbbreviated(accept: string | undefined): boolean {
  if (!accept) return false;
  let abbreviated = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    const weight = Number.isFinite(q) ? q : 0;
    if (type === ABBREVIATED_TYPE) abbreviated = Math.max(abbreviated, weight);
    else if (type === 'application/json') json = Math.max(json, weight);
  }
  return abbreviated > 0 && abbreviated >= json;
}

/** Percent-encodes each segment of a stored path (the scope's "@" and "/" stay, as npm writes them). */
const encodeTarballPath = (path: string) => path.split('/').map((s) => encodeURIComponent(s).replace(/^%40/, '@')).join('/');
