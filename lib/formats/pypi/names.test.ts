import { describe, expect, it } from 'vitest';
import { distKind, filenameMismatch, isValidFilename, isValidName, normalizeName, parseDistFilename } from './names';

describe('normalizeName', () => {
  it.each([
    ['Friendly-Bard', 'friendly-bard'],
    ['friendly_bard', 'friendly-bard'],
    ['FRIENDLY.BARD', 'friendly-bard'],
    ['friendly-._bard', 'friendly-bard'],
    ['a__b--c..d', 'a-b-c-d'],
    ['simple', 'simple'],
  ])('%s → %s', (input, out) => expect(normalizeName(input)).toBe(out));
});

describe('isValidName', () => {
  it('accepts PEP 508 names', () => {
    for (const n of ['a', 'A1', 'my-pkg', 'my_pkg.ext', 'x9']) expect(isValidName(n)).toBe(true);
  });
  it('refuses anything else', () => {
    for (const n of ['', '-a', 'a-', 'a b', 'a/b', '../x', 'ä', 'x'.repeat(201)]) expect(isValidName(n)).toBe(false);
  });
});

describe('parseDistFilename', () => {
  it('reads wheels: dist, version, optional build tag', () => {
    expect(parseDistFilename('My_Pkg-1.0-py3-none-any.whl')).toEqual({ kind: 'wheel', project: 'My_Pkg', version: '1.0' });
    expect(parseDistFilename('a-2.0-1-cp312-cp312-manylinux_2_17_x86_64.WHL')).toEqual({ kind: 'wheel', project: 'a', version: '2.0' });
  });
  it('reads sdists, split at the last "-"', () => {
    expect(parseDistFilename('my-pkg-1.0.tar.gz')).toEqual({ kind: 'sdist-tar', project: 'my-pkg', version: '1.0' });
    expect(parseDistFilename('my_pkg-1.0rc1.zip')).toEqual({ kind: 'sdist-zip', project: 'my_pkg', version: '1.0rc1' });
  });
  it('refuses other shapes', () => {
    for (const f of ['a-1.0.whl', 'a-1.0-py3-none.whl', 'a--py3-none-any.whl', 'a.tar.gz', '-1.0.tar.gz', 'a-.tar.gz', '.whl', 'a-1.0.egg']) {
      expect(parseDistFilename(f), f).toBeNull();
    }
  });
});

describe('filenameMismatch', () => {
  it('accepts the files of a project and version, in any spelling', () => {
    expect(filenameMismatch('My_Pkg-1.0-py3-none-any.whl', 'my-pkg', '1.0')).toBeNull();
    expect(filenameMismatch('my-pkg-1.0.tar.gz', 'My.Pkg', 'v1.0')).toBeNull();
    expect(filenameMismatch('foo-1.0-1.tar.gz', 'foo', '1.0.post1')).toBeNull();
    expect(filenameMismatch('foo-1.0RC1.zip', 'FOO', '1.0rc1')).toBeNull();
  });
  it('names what disagrees', () => {
    expect(filenameMismatch('other-1.0.tar.gz', 'my-pkg', '1.0')).toMatch(/file of other, not of my-pkg/);
    expect(filenameMismatch('my-pkgx-1.0.tar.gz', 'my-pkg', '1.0')).toMatch(/not of my-pkg/);
    expect(filenameMismatch('foo_bar-1.0-py3-none-any.whl', 'foo', '1.0')).toMatch(/file of foo_bar/);
    expect(filenameMismatch('foo-bar-1.0.tar.gz', 'foo', '1.0')).toMatch(/version bar-1.0, not 1.0/);
    expect(filenameMismatch('my_pkg-1.1-py3-none-any.whl', 'my-pkg', '1.0')).toMatch(/version 1.1, not 1.0/);
    expect(filenameMismatch('my_pkg.whl', 'my-pkg', '1.0')).toMatch(/not a wheel or sdist/);
  });
});

describe('distKind', () => {
  it('goes by the extension, in any case', () => {
    expect(distKind('a-1.whl')).toBe('wheel');
    expect(distKind('a-1.TAR.GZ')).toBe('sdist-tar');
    expect(distKind('a-1.zip')).toBe('sdist-zip');
    expect(distKind('a-1.tgz')).toBeNull();
  });
});

describe('isValidFilename', () => {
  it('accepts distribution files', () => {
    expect(isValidFilename('a-1.0-py3-none-any.whl')).toBe(true);
    expect(isValidFilename('a-1.0.tar.gz')).toBe(true);
    expect(isValidFilename('a-1.0.zip')).toBe(true);
  });
  it('refuses paths, control characters and other extensions', () => {
    for (const f of ['', '..', 'a/b.whl', 'a\\b.whl', 'a\n.whl', 'a-1.0.exe', 'a-1.0.html', 'a-1.0.egg', 'a-1.0.tar.bz2', 'a-1.0.tgz', '.whl']) expect(isValidFilename(f)).toBe(false);
  });
});
