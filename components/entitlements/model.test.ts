import { describe, expect, it } from 'vitest';
import { cidrProblem, firstLineProblem, globProblem, limitLevel, lines, nearestLimit, parseTags, warningBadge } from './model';
import type { Quota } from './types';

describe('limits', () => {
  it('is amber from 80 % and red once reached', () => {
    expect(limitLevel(0)).toBe('ok');
    expect(limitLevel(0.79)).toBe('ok');
    expect(limitLevel(0.8)).toBe('warning');
    expect(limitLevel(0.99)).toBe('warning');
    expect(limitLevel(1)).toBe('reached');
  });

  it('takes the limit closest to being reached, whatever the order the API gives', () => {
    const q = (limit: Quota['limit'], fraction: number): Quota => ({ limit, max: 10, used: fraction * 10, remaining: 10 - fraction * 10, fraction });
    expect(nearestLimit({ quota: [q('bytes', 0.2), q('downloads', 0.9), q('clients', 0.5)] })?.limit).toBe('downloads');
    expect(nearestLimit({ quota: [] })).toBeNull();
  });

  it('words each warning for a badge', () => {
    expect(warningBadge({ code: 'expires_soon', message: 'x' })).toBe('Expires soon');
    expect(warningBadge({ code: 'limit_near', limit: 'downloads', message: 'x' })).toBe('≥ 80 % of downloads');
    expect(warningBadge({ code: 'limit_reached', limit: 'bytes', message: 'x' })).toBe('Limit reached: bytes');
  });
});

describe('as-you-type checks', () => {
  it('accepts IPv4 and IPv6 networks and single addresses, and names a bad one', () => {
    for (const ok of ['203.0.113.0/24', '10.0.0.1', '2001:db8::/32', '::1', '::1/128']) expect(cidrProblem(ok), ok).toBeNull();
    for (const bad of ['10.0.0.0/33', '300.1.1.1', 'example.com', '2001:db8::/129']) expect(cidrProblem(bad), bad).toContain(bad);
  });

  it('checks globs with the API’s own rule', () => {
    for (const ok of ['releases/**', 'acme-sdk', 'acme-sdk@2.*', '*.{whl,tar.gz}']) expect(globProblem(ok), ok).toBeNull();
    for (const bad of ['releases/[abc', '!secret/**']) expect(globProblem(bad), bad).toMatch(new RegExp(`^${bad.replace(/[[\]*!]/g, '\\$&')}: `));
  });

  it('names the line of the first problem, skipping blank lines', () => {
    expect(firstLineProblem('10.0.0.0/8\n\n  \n10.0.0.0/99', cidrProblem)).toMatch(/^Line 4: 10\.0\.0\.0\/99 /);
    expect(firstLineProblem('10.0.0.0/8\n::1', cidrProblem)).toBeNull();
    expect(lines(' a \n\n b\r\n')).toEqual(['a', 'b']);
  });

  it('splits tags on commas only (a tag may hold a space), without repeats', () => {
    expect(parseTags('enterprise, eu west,enterprise, ,')).toEqual(['enterprise', 'eu west']);
  });
});
