// Validation of artifact paths taken from URLs. Every segment is decoded once
// and checked: no empty, "." or ".." segments, no NUL or control characters,
// no encoded slashes or backslashes, bounded lengths. A path that passes can
// only name something inside its repository (and is only ever a database key:
// bytes are addressed by sha256, never by this path).
import { badRequest } from '@/lib/http/errors';

export const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;

export function decodeSegments(encoded: string[]): string[] {
  return encoded.map((seg) => {
    let s: string;
    try {
      s = decodeURIComponent(seg);
    } catch {
      throw badRequest('The path is not valid percent-encoding.');
    }
    return checkSegment(s);
  });
}

/**
 * One decoded path segment, checked (see the top of this file), in Unicode
 * NFC: "é" sent precomposed or as e + U+0301 names the same file, so two
 * paths that look identical cannot both exist in a repository.
 */
function checkSegment(raw: string): string {
  const s = raw.normalize('NFC');
  if (s === '' || s === '.' || s === '..') throw badRequest('Empty, "." and ".." path segments are not allowed.');
  if (/[\u0000-\u001f\u007f/\\]/.test(s)) throw badRequest('The path contains a forbidden character.');
  if (Buffer.byteLength(s) > MAX_SEGMENT_LENGTH) throw badRequest(`Path segments are at most ${MAX_SEGMENT_LENGTH} bytes.`);
  return s;
}

/** An artifact path from already decoded segments (a route's [...path] parameter). */
export function checkedPath(decoded: string[]): string {
  if (decoded.length === 0) throw badRequest('A file path is needed after the repository.');
  const path = decoded.map(checkSegment).join('/');
  if (path.length > MAX_PATH_LENGTH) throw badRequest(`Paths are at most ${MAX_PATH_LENGTH} characters.`);
  return path;
}

/** An artifact path (segments after the repository) as stored: joined with "/". */
export const artifactPath = (encodedSegments: string[]): string => checkedPath(decodeSegments(encodedSegments));
