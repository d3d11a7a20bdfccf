import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { artifactPath, checkedPath } from './paths';

const refused = (segments: string[]) => {
  try {
    artifactPath(segments);
  } catch (e) {
    return e instanceof ApiError && e.status === 400;
  }
  return false;
};

describe('artifactPath', () => {
  it('decodes and joins ordinary paths', () => {
    expect(artifactPath(['dir', 'app%201.2.tar.gz'])).toBe('dir/app 1.2.tar.gz');
    expect(artifactPath(['%C3%A9t%C3%A9.txt'])).toBe('été.txt');
  });
  it.each([
    [['..', 'etc', 'passwd']],
    [['a', '%2e%2e', 'b']],
    [['%2E%2E']],
    [['.']],
    [['a', '']],
    [['a%2Fb']],
    [['a%5Cb']],
    [['a%00b']],
    [['%0a']],
    [['%E0%A4%A']],
    [['x'.repeat(256)]],
    [Array.from({ length: 10 }, () => 'y'.repeat(200))],
    [[]],
  ])('refuses %j', (segments) => {
    expect(refused(segments)).toBe(true);
  });
});

describe('Unicode normalization', () => {
  it('stores and finds a name in NFC, however it was composed', () => {
    const nfd = 'cafe\u0301.txt';
    const nfc = 'caf\u00e9.txt';
    expect(artifactPath([encodeURIComponent(nfd)])).toBe(nfc);
    expect(artifactPath([encodeURIComponent(nfc)])).toBe(nfc);
    expect(checkedPath(['docs', nfd])).toBe(`docs/${nfc}`);
  });
});
