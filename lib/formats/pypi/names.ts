// PyPI project names (PEP 503 normalization, PEP 508 validity) and the
// check that an uploaded file belongs to the project it is uploaded for.

const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** PEP 503: lower-case, runs of "-", "_" and "." become one "-". */
export const normalizeName = (name: string) => name.replace(/[-_.]+/g, '-').toLowerCase();

/** PEP 508 name syntax, bounded so it fits a path segment. */
export const isValidName = (name: string) => name.length <= 200 && VALID_NAME.test(name);

/**
 * Wheel and sdist file names start with the project name (wheels replace "-"
 * with "_"), then "-" and the version: comparing normalized forms accepts both.
 */
export const fileBelongsTo = (filename: string, name: string) => normalizeName(filename).startsWith(`${normalizeName(name)}-`);

/** A file name that is one safe path segment of a distribution. */
export const isValidFilename = (filename: string) =>
  filename.length > 0 &&
  Buffer.byteLength(filename) <= 255 &&
  !/[\u0000-\u001f\u007f/\\]/.test(filename) &&
  filename !== '.' &&
  filename !== '..' &&
  /\.(whl|tar\.gz|zip|tar\.bz2|tgz|egg)$/i.test(filename);
