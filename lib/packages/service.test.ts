import { describe, expect, it } from 'vitest';
import { latestVersion } from './service';

describe('latestVersion', () => {
  it('npm: the latest dist-tag', () => {
    expect(latestVersion('npm', ['2.0.0', '1.0.0'], { latest: '1.0.0' })).toBe('1.0.0');
    expect(latestVersion('npm', ['2.0.0', '1.0.0'], {})).toBe('2.0.0');
  });
  it('pypi: the highest release, not the newest upload; pre-releases only when alone', () => {
    expect(latestVersion('pypi', ['1.9.1', '2.0', '1.10'], {})).toBe('2.0');
    expect(latestVersion('pypi', ['3.0rc1', '2.0'], {})).toBe('2.0');
    expect(latestVersion('pypi', ['3.0rc1', '3.0b2'], {})).toBe('3.0rc1');
  });
  it('conda: conda order', () => {
    expect(latestVersion('conda', ['1.9.0', '1.10.0'], {})).toBe('1.10.0');
  });
  it('nothing: null', () => {
    expect(latestVersion('pypi', [], {})).toBeNull();
  });
});
