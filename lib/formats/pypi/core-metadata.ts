// The core metadata of a distribution (a wheel's METADATA, an sdist's
// PKG-INFO): RFC 822-style headers, then an optional body (the description).
// Pure. Only the fields the index needs are read: Name, Version,
// Requires-Python, Summary.
import { isValidName } from './names';

export type CoreMetadata = { name: string; version: string; requiresPython: string | null; summary: string | null };

export class MetadataError extends Error {}

/** PyPI's own limit on a summary; longer ones are cut, not refused. */
const MAX_SUMMARY = 512;
const MAX_REQUIRES_PYTHON = 1024;

/**
 * The headers, by lower-cased name, each with its values in order. Folded
 * values (continuation lines start with a space or tab) are unfolded into
 * one line, joined by single spaces. Headers end at the first empty line, or
 * at the first line that is not a header (as Python's email parser does).
 */
export function parseHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: { values: string[]; index: number } | null = null;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line)) {
      if (last) last.values[last.index] = `${last.values[last.index]} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) break;
    const key = line.slice(0, colon).toLowerCase();
    const values = headers.get(key) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(key, values);
    last = { values, index: values.length - 1 };
  }
  return headers;
}

/** Name and Version are required and checked; the other fields are null when absent or empty. */
export function parseCoreMetadata(text: string): CoreMetadata {
  const headers = parseHeaders(text);
  const first = (key: string) => headers.get(key)?.[0] || null;
  const name = first('name');
  const version = first('version');
  if (!name) throw new MetadataError('The metadata has no Name.');
  if (!isValidName(name)) throw new MetadataError(`The metadata's Name ${JSON.stringify(name)} is not a valid project name.`);
  if (!version) throw new MetadataError('The metadata has no Version.');
  if (version.length > 128 || /[\s/\\]/.test(version)) throw new MetadataError(`The metadata's Version ${JSON.stringify(version)} is not valid.`);
  const requiresPython = first('requires-python');
  if (requiresPython && requiresPython.length > MAX_REQUIRES_PYTHON) throw new MetadataError('The metadata\'s Requires-Python is too long.');
  const summary = first('summary');
  return { name, version, requiresPython, summary: summary ? summary.slice(0, MAX_SUMMARY) : null };
}
