// The little of semver 2.0 the registry needs: which versions are valid,
// how two compare, and which version `latest` falls back to. Versions are the
// strict form npm publishes (after `semver.clean`), so no ranges, no loose forms.

export const VERSION_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const MAX_VERSION_LENGTH = 256;

export const isValidVersion = (v: string) => v.length <= MAX_VERSION_LENGTH && VERSION_RE.test(v);

/** What `semver.clean` does to a hand-written version: surrounding blanks and a leading "v" or "=" go. */
export const cleanVersion = (v: string) => v.trim().replace(/^[=v]+/, '');

export const isPrerelease = (v: string) => VERSION_RE.exec(v)?.[4] !== undefined;

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return compareNumeric(a, b);
  if (an !== bn) return an ? -1 : 1; // numeric identifiers sort first
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Digit strings of any length, compared as numbers. */
const compareNumeric = (a: string, b: string) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

/** Negative, zero or positive as `a` precedes, equals or follows `b` (build metadata ignored). Both must be valid. */
export function compareVersions(a: string, b: string): number {
  const x = VERSION_RE.exec(a);
  const y = VERSION_RE.exec(b);
  if (!x || !y) throw new Error(`not a version: ${x ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const c = compareNumeric(x[i]!, y[i]!);
    if (c) return Math.sign(c);
  }
  const [pa, pb] = [x[4], y[4]];
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1; // a release follows its prereleases
  const ia = pa.split('.');
  const ib = pb.split('.');
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    if (ia[i] === undefined) return -1;
    if (ib[i] === undefined) return 1;
    const c = compareIdentifiers(ia[i]!, ib[i]!);
    if (c) return Math.sign(c);
  }
  return 0;
}

/**
 * The version `latest` should name when it names nothing that exists (never
 * set, or its version deleted): the highest release, else the highest
 * prerelease — what the public registry does when `latest` is unpublished.
 */
export function fallbackLatest(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    if (!isValidVersion(v)) continue;
    if (best === undefined || (isPrerelease(best) && !isPrerelease(v)) || (isPrerelease(best) === isPrerelease(v) && compareVersions(v, best) > 0)) best = v;
  }
  return best;
}

/**
 * `latest` after `version` is added to a package whose live versions are
 * `live` (with or without `version`). A live `latest` moves only up, and a
 * prerelease never displaces a release (npm wants an explicit tag for
 * those); a `latest` that names nothing live becomes the fallback over every
 * version, the new one included — the version the packument shows anyway.
 */
export function latestAfterAdding(current: string | undefined, live: string[], version: string): string {
  const others = live.filter((v) => v !== version);
  if (current !== undefined && others.includes(current) && isValidVersion(current) && isValidVersion(version)) {
    const up = compareVersions(version, current) > 0 && (!isPrerelease(version) || isPrerelease(current));
    return up ? version : current;
  }
  return fallbackLatest([...others, version]) ?? version;
}
