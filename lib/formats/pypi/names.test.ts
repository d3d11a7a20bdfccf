import { describe, expect, it } from 'vitest';
import { fileBelongsTo, isValidFilename, isValidName, normalizeName } from './names';

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

describe('fileBelongsTo', () => {
  it('matches wheels and sdists of the project', () => {
    expect(fileBelongsTo('My_Pkg-1.0-py3-none-any.whl', 'my-pkg')).toBe(true);
    expect(fileBelongsTo('my-pkg-1.0.tar.gz', 'My.Pkg')).toBe(true);
  });
  it('refuses files of another project', () => {
    expect(fileBelongsTo('other-1.0.tar.gz', 'my-pkg')).toBe(false);
    expect(fileBelongsTo('my-pkgx-1.0.tar.gz', 'my-pkg')).toBe(false);
  });
});

describe('isValidFilename', () => {
  it('accepts distribution files', () => {
    expect(isValidFilename('a-1.0-py3-none-any.whl')).toBe(true);
    expect(isValidFilename('a-1.0.tar.gz')).toBe(true);
  });
  it('refuses paths, control characters and other extensions', () => {
    for (const f of ['', '..', 'a/b.whl', 'a\\b.whl', 'a\n.whl', 'a-1.0.exe', 'a-1.0.html']) expect(isValidFilename(f)).toBe(false);
  });
});
