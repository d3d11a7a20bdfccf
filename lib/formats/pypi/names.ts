// PyPI project names (PEP 503 normalization, PEP 508 validity), distribution
// file names, and the checks that an uploaded file belongs to the project
// (and version) it is uploaded for.
import { sameVersion } from './version';

const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** PEP 503: lower-case, runs of "-", "_" and "." become one "-". */
export const normalizeName = (name: string) => name.replace(/[-_.]+/g, '-').toLowerCase();

/** PEP 508 name syntax, bounded so it fits a path segment. */
export const isValidName = (name: string) => name.length <= 200 && VALID_NAME.test(name);

/**
 * A file name that is one safe path segment of a distribution we can read the
 * metadata of: a wheel or an sdist (.tar.gz, or the older .zip). PyPI itself
 * no longer takes eggs, .tar.bz2 or .tgz sdists (PEP 527), nor do we.
 */
export const isValidFilename = (filename: string) =>
  filename.length > 0 &&
  Buffer.byteLength(filename) <= 255 &&
  !/[\u0000-\u001f\u007f/\\]/.test(filename) &&
  distKind(filename) !== null;

export type DistKind = 'wheel' | 'sdist-tar' | 'sdist-zip';

const EXTENSIONS: [string, DistKind][] = [
  ['.whl', 'wheel'],
  ['.tar.gz', 'sdist-tar'],
  ['.zip', 'sdist-zip'],
];

/** The kind of distribution a file name says it is, by its extension (any case). */
export function distKind(filename: string): DistKind | null {
  const lower = filename.toLowerCase();
  return EXTENSIONS.find(([ext]) => lower.endsWith(ext) && lower.length > ext.length)?.[1] ?? null;
}

const stem = (filename: string, kind: DistKind) => filename.slice(0, filename.length - EXTENSIONS.find(([, k]) => k === kind)![0].length);

/**
 * The project and version a file name states: a wheel's
 * `{dist}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, an sdist's
 * `{name}-{version}.tar.gz` split at its last "-" (PEP 625; older sdists
 * with a "-" in the version are recognised by filenameMismatch, which knows
 * the name). Null when the name has no such shape.
 */
export function parseDistFilename(filename: string): { kind: DistKind; project: string; version: string } | null {
  const kind = distKind(filename);
  if (!kind) return null;
  const base = stem(filename, kind);
  if (kind === 'wheel') {
    const parts = base.split('-');
    if ((parts.length !== 5 && parts.length !== 6) || parts.some((p) => !p)) return null;
    return { kind, project: parts[0]!, version: parts[1]! };
  }
  const dash = base.lastIndexOf('-');
  if (dash <= 0 || dash === base.length - 1) return null;
  return { kind, project: base.slice(0, dash), version: base.slice(dash + 1) };
}

/**
 * Why `filename` is not a distribution of project `name` at `version` (names
 * compared normalized, versions by sameVersion), or null when it is one.
 */
export function filenameMismatch(filename: string, name: string, version: string): string | null {
  const parsed = parseDistFilename(filename);
  if (!parsed) return `${filename} is not a wheel or sdist file name ({name}-{version}…).`;
  let { project, version: fileVersion } = parsed;
  if (parsed.kind !== 'wheel') {
    // "foo-1.0-1.tar.gz" is foo 1.0-1: split where the name ends, not at the last "-".
    const base = stem(filename, parsed.kind);
    for (let i = base.indexOf('-'); i > 0; i = base.indexOf('-', i + 1)) {
      if (normalizeName(base.slice(0, i)) === normalizeName(name)) {
        project = base.slice(0, i);
        fileVersion = base.slice(i + 1);
        break;
      }
    }
  }
  if (normalizeName(project) !== normalizeName(name)) return `${filename} is a file of ${project}, not of ${name}.`;
  if (!sameVersion(fileVersion, version)) return `${filename} is version ${fileVersion}, not ${version}.`;
  return null;
}
