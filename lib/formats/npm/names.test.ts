import { describe, expect, it } from 'vitest';
import { baseName, parseNpmRoute, tarballFile, tarballPath, validateName } from './names';

describe('parseNpmRoute', () => {
  it('reads plain and scoped packument paths', () => {
    expect(parseNpmRoute(['left-pad'])).toEqual({ kind: 'packument', name: 'left-pad' });
    expect(parseNpmRoute(['@acme%2flib'])).toEqual({ kind: 'packument', name: '@acme/lib' });
    expect(parseNpmRoute(['@acme%2Flib'])).toEqual({ kind: 'packument', name: '@acme/lib' });
    expect(parseNpmRoute(['@acme', 'lib'])).toEqual({ kind: 'packument', name: '@acme/lib' });
  });

  it('reads tarball paths in both scoped forms', () => {
    expect(parseNpmRoute(['left-pad', '-', 'left-pad-1.0.0.tgz'])).toEqual({ kind: 'tarball', name: 'left-pad', file: 'left-pad-1.0.0.tgz' });
    expect(parseNpmRoute(['@acme', 'lib', '-', 'lib-1.0.0.tgz'])).toEqual({ kind: 'tarball', name: '@acme/lib', file: 'lib-1.0.0.tgz' });
    expect(parseNpmRoute(['@acme%2flib', '-', 'lib-1.0.0.tgz'])).toEqual({ kind: 'tarball', name: '@acme/lib', file: 'lib-1.0.0.tgz' });
  });

  it('reads dist-tag paths', () => {
    expect(parseNpmRoute(['-', 'package', '@acme%2flib', 'dist-tags', 'beta'])).toEqual({ kind: 'dist-tag', name: '@acme/lib', tag: 'beta' });
    expect(parseNpmRoute(['-', 'package', 'x', 'dist-tags', 'latest'])).toEqual({ kind: 'dist-tag', name: 'x', tag: 'latest' });
  });

  it('returns null for other paths and rejects bad names', () => {
    expect(parseNpmRoute([])).toBeNull();
    expect(parseNpmRoute(['-', 'whoami'])).toBeNull();
    expect(parseNpmRoute(['x', 'y'])).toBeNull();
    expect(parseNpmRoute(['@acme'])).toBeNull();
    expect(() => parseNpmRoute(['Upper'])).toThrow(/not a valid npm package name/);
    expect(() => parseNpmRoute(['.hidden'])).toThrow();
    expect(() => parseNpmRoute(['%E0%A4%A'])).toThrow(/percent-encoding/);
    expect(() => parseNpmRoute(['x', '-', '..tgz'])).toThrow();
    expect(() => parseNpmRoute(['x', '-', 'a.tar'])).toThrow();
    expect(parseNpmRoute(['x', '', 'y'])).toBeNull();
  });
});

describe('names', () => {
  it('validates', () => {
    expect(validateName('a')).toBe('a');
    expect(() => validateName('a'.repeat(215))).toThrow();
    expect(() => validateName('@a/b/c')).toThrow();
    expect(() => validateName('a b')).toThrow();
    expect(() => validateName('_x')).toThrow();
  });
  it('derives tarball names and paths', () => {
    expect(baseName('@acme/lib')).toBe('lib');
    expect(tarballFile('@acme/lib', '1.2.3')).toBe('lib-1.2.3.tgz');
    expect(tarballPath('@acme/lib', 'lib-1.2.3.tgz')).toBe('@acme/lib/-/lib-1.2.3.tgz');
  });
});
