// npm package names and the registry paths that carry them. Scoped names come
// as `@scope%2fname` (npm's own encoding) or `@scope/name` (two segments); both
// resolve to one canonical name. Only lower-case names are accepted (npm's rule
// for new packages), so the canonical name is also the stored, normalized one.
import { badRequest } from '@/lib/http/errors';

const NAME_RE = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const MAX_NAME_LENGTH = 214;
const TAG_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type NpmRoute =
  | { kind: 'packument'; name: string }
  | { kind: 'tarball'; name: string; file: string }
  | { kind: 'dist-tag'; name: string; tag: string };

function decode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    throw badRequest('The path is not valid percent-encoding.');
  }
}

/** Validates a decoded package name; returns it. */
export function validateName(name: string): string {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || !NAME_RE.test(name)) {
    throw badRequest(`"${name.slice(0, 100)}" is not a valid npm package name (lower-case, URL-safe, at most ${MAX_NAME_LENGTH} characters).`);
  }
  return name;
}

/** The name without its scope: `@acme/lib` → `lib`. */
export const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** The stored tarball file name of a version, as the public registry names it. */
export const tarballFile = (name: string, version: string) => `${baseName(name)}-${version}.tgz`;

/** The artifact path of a tarball inside its repository. */
export const tarballPath = (name: string, file: string) => `${name}/-/${file}`;

/** Takes a package name off the front of decoded segments; returns it and the rest. */
function takeName(segments: string[]): { name: string; rest: string[] } | null {
  const first = segments[0];
  if (first === undefined) return null;
  if (first.startsWith('@') && !first.includes('/')) {
    const second = segments[1];
    if (second === undefined) return null;
    return { name: validateName(`${first}/${second}`), rest: segments.slice(2) };
  }
  return { name: validateName(first), rest: segments.slice(1) };
}

/** Routes the percent-encoded segments after `/npm/{org}/{repo}/`. null: no such route. */
export function parseNpmRoute(encoded: string[]): NpmRoute | null {
  const segments = encoded.map(decode);
  if (segments.some((s) => s === '' || /[\u0000-\u001f\u007f\\]/.test(s))) return null;
  // PUT /-/package/{name}/dist-tags/{tag}
  if (segments[0] === '-') {
    if (segments[1] !== 'package') return null;
    const taken = takeName(segments.slice(2));
    if (!taken || taken.rest.length !== 2 || taken.rest[0] !== 'dist-tags') return null;
    const tag = taken.rest[1]!;
    if (!TAG_RE.test(tag)) throw badRequest('Invalid dist-tag.');
    return { kind: 'dist-tag', name: taken.name, tag };
  }
  const taken = takeName(segments);
  if (!taken) return null;
  if (taken.rest.length === 0) return { kind: 'packument', name: taken.name };
  if (taken.rest.length === 2 && taken.rest[0] === '-') {
    const file = taken.rest[1]!;
    if (!/^[a-z0-9-~][a-z0-9-._~+]*\.tgz$/i.test(file) || file.includes('..')) throw badRequest('Invalid tarball file name.');
    return { kind: 'tarball', name: taken.name, file };
  }
  return null;
}

export const validTag = (tag: string) => TAG_RE.test(tag);
