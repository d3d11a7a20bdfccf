import { describe, expect, it } from 'vitest';
import { cleanVersion, compareVersions, fallbackLatest, isPrerelease, isValidVersion, latestAfterAdding } from './semver';

describe('versions', () => {
  it('validates the strict form', () => {
    for (const v of ['0.0.0', '1.2.3', '1.2.3-beta.1', '1.2.3+build.5', '1.0.0-rc-1+x', '10.20.30']) expect(isValidVersion(v), v).toBe(true);
    for (const v of ['1.2', '01.2.3', '1.2.3-', '1.2.3-a..b', 'v1.2.3', '1.2.3 ', 'x.y.z', `1.2.3-${'a'.repeat(260)}`]) expect(isValidVersion(v), v).toBe(false);
  });

  it('cleans what people write', () => {
    expect(cleanVersion(' v1.2.3 ')).toBe('1.2.3');
    expect(cleanVersion('=1.0.0')).toBe('1.0.0');
    expect(isPrerelease('1.0.0-a')).toBe(true);
    expect(isPrerelease('1.0.0+a')).toBe(false);
  });

  it('orders as semver 2.0 §11 does', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '1.10.0', '2.0.0', '10.0.0'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareVersions(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
    expect(compareVersions('1.0.0+a', '1.0.0+b')).toBe(0);
    expect(compareVersions('99999999999999999999.0.0', '9.0.0')).toBe(1);
    expect(() => compareVersions('1', '1.0.0')).toThrow();
  });
});

describe('latest', () => {
  it('falls back to the highest release, else the highest prerelease', () => {
    expect(fallbackLatest(['1.0.0', '2.0.0-rc.1', '1.10.0', '1.9.0'])).toBe('1.10.0');
    expect(fallbackLatest(['2.0.0-rc.1', '2.0.0-beta', 'junk'])).toBe('2.0.0-rc.1');
    expect(fallbackLatest([])).toBeUndefined();
  });

  it('moves up on a greater release only', () => {
    expect(latestAfterAdding(undefined, [], '1.0.0')).toBe('1.0.0');
    expect(latestAfterAdding('1.0.0', ['1.0.0'], '1.1.0')).toBe('1.1.0');
    expect(latestAfterAdding('1.1.0', ['1.0.0', '1.1.0', '0.9.0'], '0.9.0')).toBe('1.1.0');
    expect(latestAfterAdding('1.1.0', ['1.1.0'], '2.0.0-rc.1')).toBe('1.1.0');
    expect(latestAfterAdding('2.0.0-beta', ['2.0.0-beta'], '2.0.0-rc.1')).toBe('2.0.0-rc.1');
    expect(latestAfterAdding('2.0.0-beta', ['2.0.0-beta'], '1.0.0')).toBe('2.0.0-beta');
  });

  it('repairs a latest that names a deleted version', () => {
    expect(latestAfterAdding('3.0.0', ['1.0.0', '2.0.0'], '1.5.0')).toBe('2.0.0');
    expect(latestAfterAdding('3.0.0', ['1.0.0'], '2.5.0')).toBe('2.5.0');
    expect(latestAfterAdding(undefined, ['1.0.0'], '2.0.0-rc.1')).toBe('1.0.0');
    expect(latestAfterAdding(undefined, ['2.0.0-beta'], '1.0.0')).toBe('1.0.0');
  });
});
