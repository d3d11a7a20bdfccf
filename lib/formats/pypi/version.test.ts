import { describe, expect, it } from 'vitest';
import { canonicalVersion, comparePep440, isPrerelease, sameVersion } from './version';

describe('canonicalVersion', () => {
  it.each([
    ['1.0', '1.0'],
    ['V1.0', '1.0'],
    ['v1.0', '1.0'],
    [' 1.0 ', '1.0'],
    ['01.002', '1.2'],
    ['0!1.0', '1.0'],
    ['2!1.0', '2!1.0'],
    ['1.0a1', '1.0a1'],
    ['1.0-ALPHA.1', '1.0a1'],
    ['1.0beta', '1.0b0'],
    ['1.0c1', '1.0rc1'],
    ['1.0.preview2', '1.0rc2'],
    ['1.0RC1', '1.0rc1'],
    ['1.0-1', '1.0.post1'],
    ['1.0.post', '1.0.post0'],
    ['1.0_rev2', '1.0.post2'],
    ['1.0r3', '1.0.post3'],
    ['1.0.dev', '1.0.dev0'],
    ['1.0-dev_4', '1.0.dev4'],
    ['1.0rc1.post2.dev3', '1.0rc1.post2.dev3'],
    ['1.0+Ubuntu-1_a', '1.0+ubuntu.1.a'],
  ])('%s → %s', (input, out) => expect(canonicalVersion(input)).toBe(out));

  it('leaves what is not PEP 440 alone but for case and a leading v', () => {
    expect(canonicalVersion('2004d')).toBe('2004d');
    expect(canonicalVersion('vFoo-Bar')).toBe('foo-bar');
    expect(canonicalVersion('1.0 beta')).toBe('1.0 beta');
  });
});

describe('sameVersion', () => {
  it('treats spellings of one version as equal', () => {
    expect(sameVersion('1.0.0', 'v1.0.0')).toBe(true);
    expect(sameVersion('1.0RC1', '1.0rc1')).toBe(true);
    expect(sameVersion('1.0-1', '1.0.post1')).toBe(true);
  });
  it('keeps different versions apart, trailing zeros included', () => {
    expect(sameVersion('1.0', '1.1')).toBe(false);
    expect(sameVersion('1.0', '1.0.0')).toBe(false);
    expect(sameVersion('1.0a1', '1.0b1')).toBe(false);
    expect(sameVersion('1.0', '1.0+local')).toBe(false);
  });
});

describe('comparePep440', () => {
  it('sorts as packaging.version does', () => {
    const sorted = ['1.0.dev0', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0.post1.dev0', '1.0.post1', '1.1', '1.10', '2!0.1'];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(comparePep440)).toEqual(sorted);
    expect(comparePep440('1.0', '1.0.0')).toBe(0);
    expect(comparePep440('not a version', '0.1')).toBe(-1);
  });

  it('knows pre-releases', () => {
    expect(['1.0', '1.0a1', '1.0.dev1', '1.0.post1', '2.0rc1'].map(isPrerelease)).toEqual([false, true, true, false, true]);
  });
});
