import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from './version';

// The order documented in conda.models.version.VersionOrder ("==" pairs share a row).
const ORDER = [
  ['0.4', '0.4.0'],
  ['0.4.1.rc', '0.4.1.RC'],
  ['0.4.1'],
  ['0.5a1'],
  ['0.5b3'],
  ['0.5C1'],
  ['0.5'],
  ['0.9.6'],
  ['0.960923'],
  ['1.0'],
  ['1.1dev1'],
  ['1.1_'],
  ['1.1a1'],
  ['1.1.0dev1', '1.1.dev1'],
  ['1.1.a1'],
  ['1.1.0rc1'],
  ['1.1.0', '1.1'],
  ['1.1.0post1', '1.1.post1'],
  ['1.1post1'],
  ['1996.07.12'],
  ['1!0.4.1'],
  ['1!3.1.1.6'],
  ['2!0.4.1'],
];

describe('compareVersions', () => {
  it('follows conda order, row by row', () => {
    for (let i = 0; i < ORDER.length; i++) {
      for (const a of ORDER[i]!) {
        for (const b of ORDER[i]!) expect(compareVersions(a, b), `${a} == ${b}`).toBe(0);
        for (let j = i + 1; j < ORDER.length; j++) {
          for (const b of ORDER[j]!) {
            expect(compareVersions(a, b), `${a} < ${b}`).toBeLessThan(0);
            expect(compareVersions(b, a), `${b} > ${a}`).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('compares big numbers exactly and uses the local version to break ties', () => {
    expect(compareVersions('20240101000000000001', '20240101000000000002')).toBeLessThan(0);
    expect(compareVersions('1.0+2', '1.0+10')).toBeLessThan(0);
    expect(compareVersions('1.0', '1.0+1')).toBeLessThan(0);
  });

  it('puts versions conda rejects below valid ones', () => {
    expect(parseVersion('1.0-1')).toBeNull();
    expect(parseVersion('1!2!3')).toBeNull();
    expect(parseVersion('a!1')).toBeNull();
    expect(parseVersion('1.0+')).toBeNull();
    expect(compareVersions('1.0-1', '0.1')).toBeLessThan(0);
    expect(compareVersions('x-1', 'x-1')).toBe(0);
  });
});
