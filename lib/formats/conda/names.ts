// Conda channel names: subdirs (platforms), package file names
// `{name}-{version}-{build}.{tar.bz2|conda}` and their parts. Conda forbids
// "-" in versions and build strings, so a file name splits from the right.

/** `noarch` or `<platform>-<arch>` (linux-64, osx-arm64, win-64, linux-aarch64, zos-z…). */
const SUBDIR_RE = /^(?:noarch|[a-z][a-z0-9]{0,15}-[a-z0-9_]{1,15})$/;
/** Conda package names are lower-case (conda's MatchSpec lower-cases what it looks up). */
const NAME_RE = /^[a-z0-9_][a-z0-9_.-]{0,199}$/;
const VERSION_RE = /^[A-Za-z0-9_.!+]{1,128}$/;
const BUILD_RE = /^[A-Za-z0-9_.+]{1,128}$/;

export const EXTENSIONS = ['.tar.bz2', '.conda'] as const;
export type Extension = (typeof EXTENSIONS)[number];

export const isValidSubdir = (s: string) => SUBDIR_RE.test(s);
export const isValidName = (s: string) => NAME_RE.test(s) && !s.endsWith('.') && !s.endsWith('-');
export const isValidVersion = (s: string) => VERSION_RE.test(s);
export const isValidBuild = (s: string) => BUILD_RE.test(s);

export type PackageFile = { file: string; name: string; version: string; build: string; ext: Extension; stem: string };

export type FileNameCheck = { ok: true; value: PackageFile } | { ok: false; reason: string };

/** Parses `{name}-{version}-{build}.tar.bz2|.conda`; the reason says what is wrong. */
export function parsePackageFile(file: string): FileNameCheck {
  const ext = EXTENSIONS.find((e) => file.endsWith(e));
  if (!ext) return { ok: false, reason: `${file} is not a conda package: only .tar.bz2 and .conda files are accepted.` };
  const stem = file.slice(0, -ext.length);
  const buildAt = stem.lastIndexOf('-');
  const versionAt = buildAt > 0 ? stem.lastIndexOf('-', buildAt - 1) : -1;
  if (versionAt <= 0) return { ok: false, reason: `${file} is not named {name}-{version}-{build}${ext}.` };
  const name = stem.slice(0, versionAt);
  const version = stem.slice(versionAt + 1, buildAt);
  const build = stem.slice(buildAt + 1);
  if (!isValidName(name)) return { ok: false, reason: `"${name}" in ${file} is not a valid conda package name (lower-case letters, digits, "_", "." and "-").` };
  if (!isValidVersion(version)) return { ok: false, reason: `"${version}" in ${file} is not a valid conda version.` };
  if (!isValidBuild(build)) return { ok: false, reason: `"${build}" in ${file} is not a valid conda build string.` };
  return { ok: true, value: { file, name, version, build, ext, stem } };
}

/** Where a package file is stored and served: `{subdir}/{file}`, the channel's own layout. */
export const packagePath = (subdir: string, file: string) => `${subdir}/${file}`;
