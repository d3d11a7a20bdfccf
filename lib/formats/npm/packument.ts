// Renders a package document ("packument") from stored rows. The manifest of
// each version is what the publisher sent (minus its dist); dist is always
// ours: the tarball URL under this registry and the digests we computed.
export type StoredVersion = {
  version: string;
  /** The manifest as published, JSON text. */
  metadata: string;
  createdAt: Date;
  tarball: { path: string; sha1: string | null; sha512: string | null } | null;
};

export type StoredPackage = { name: string; distTags: string; createdAt: Date; updatedAt: Date; versions: StoredVersion[] };

export type Packument = {
  _id: string;
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Record<string, unknown>>;
  time: Record<string, string>;
};

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `registryBase`: the registry root with a trailing slash, e.g. `https://host/t/<token>/npm/acme/js/`. */
export function renderPackument(pkg: StoredPackage, registryBase: string): Packument {
  const versions: Packument['versions'] = {};
  const time: Packument['time'] = { created: pkg.createdAt.toISOString(), modified: pkg.updatedAt.toISOString() };
  for (const v of pkg.versions) {
    if (!v.tarball) continue; // a version without its tarball is not installable
    const dist: Record<string, string> = { tarball: registryBase + encodeTarballPath(v.tarball.path) };
    if (v.tarball.sha1) dist.shasum = v.tarball.sha1;
    if (v.tarball.sha512) dist.integrity = `sha512-${v.tarball.sha512}`;
    versions[v.version] = { ...parseObject(v.metadata), name: pkg.name, version: v.version, _id: `${pkg.name}@${v.version}`, dist };
    time[v.version] = v.createdAt.toISOString();
  }
  const distTags: Record<string, string> = {};
  for (const [tag, version] of Object.entries(parseObject(pkg.distTags))) {
    if (typeof version === 'string' && versions[version]) distTags[tag] = version;
  }
  return { _id: pkg.name, name: pkg.name, 'dist-tags': distTags, versions, time };
}

/** Percent-encodes each segment of a stored path (the scope's "@" and "/" stay, as npm writes them). */
const encodeTarballPath = (path: string) => path.split('/').map((s) => encodeURIComponent(s).replace(/^%40/, '@')).join('/');
