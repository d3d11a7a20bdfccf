import { describe, expect, it } from 'vitest';
import { RESTRICTION_CODES } from '../http/errors';
import { addressAllowed, counterReason, gateReason, pathFilter, REASON_ORDER, type Gate } from './restrictions';

const open: Gate = { enabled: true, validFrom: null, validUntil: null, allowedCidrs: [], pathPatterns: [] };
const now = Date.parse('2027-06-01T12:00:00Z');
const req = (over: Partial<{ address: string; file: { path: string; name?: string | null; version?: string | null } | null }> = {}) => ({
  address: '203.0.113.7',
  file: { path: 'app-1.0.tar.gz' },
  now,
  ...over,
});

describe('REASON_ORDER', () => {
  it('names only restriction codes of the error vocabulary, each once', () => {
    expect(new Set(REASON_ORDER).size).toBe(REASON_ORDER.length);
    for (const code of REASON_ORDER) expect(RESTRICTION_CODES).toContain(code);
  });

  it('is the order docs/permissions.md states: disabled, not yet valid, expired, network, path, then the limits', () => {
    expect(REASON_ORDER).toEqual([
      'entitlement_disabled', 'entitlement_not_yet_valid', 'entitlement_expired', 'network_not_allowed', 'path_not_allowed',
      'download_limit_reached', 'client_limit_reached', 'bandwidth_limit_reached',
    ]);
  });
});

describe('gateReason', () => {
  const everything: Gate = {
    enabled: false,
    validFrom: new Date(now + 1000),
    validUntil: new Date(now - 1000),
    allowedCidrs: ['10.0.0.0/8'],
    pathPatterns: ['nothing'],
  };

  it('passes an unrestricted entitlement', () => {
    expect(gateReason(open, req())).toBeNull();
  });

  it('reports the first failing check when several fail, peeling them off one by one', () => {
    const steps: [Partial<Gate>, string | null][] = [
      [{}, 'entitlement_disabled'],
      [{ enabled: true }, 'entitlement_not_yet_valid'],
      [{ enabled: true, validFrom: null }, 'entitlement_expired'],
      [{ enabled: true, validFrom: null, validUntil: null }, 'network_not_allowed'],
      [{ enabled: true, validFrom: null, validUntil: null, allowedCidrs: [] }, 'path_not_allowed'],
      [{ enabled: true, validFrom: null, validUntil: null, allowedCidrs: [], pathPatterns: [] }, null],
    ];
    for (const [change, code] of steps) expect(gateReason({ ...everything, ...change }, req()), JSON.stringify(change)).toBe(code);
  });

  it('treats the window as [validFrom, validUntil)', () => {
    expect(gateReason({ ...open, validFrom: new Date(now) }, req())).toBeNull();
    expect(gateReason({ ...open, validUntil: new Date(now) }, req())).toBe('entitlement_expired');
    expect(gateReason({ ...open, validUntil: new Date(now + 1) }, req())).toBeNull();
  });

  it('does not apply path patterns to index pages (file null): those are filtered instead', () => {
    expect(gateReason({ ...open, pathPatterns: ['nothing'] }, req({ file: null }))).toBeNull();
  });
});

describe('addressAllowed', () => {
  it('matches IPv4 and IPv6 networks and single addresses', () => {
    expect(addressAllowed('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(addressAllowed('::1', ['::1/128'])).toBe(true);
    expect(addressAllowed('2001:db8::5', ['2001:db8::/32'])).toBe(true);
    expect(addressAllowed('2001:db9::5', ['2001:db8::/32'])).toBe(false);
  });

  it('reads IPv4-mapped IPv6 as IPv4 and never matches across families', () => {
    expect(addressAllowed('::ffff:127.0.0.2', ['127.0.0.0/8'])).toBe(true);
    expect(addressAllowed('127.0.0.1', ['::/0'])).toBe(false);
    expect(addressAllowed('::1', ['0.0.0.0/0'])).toBe(false);
  });

  it('allows everything with an empty list and nothing for an unparsable address', () => {
    expect(addressAllowed('198.51.100.1', [])).toBe(true);
    expect(addressAllowed('', ['0.0.0.0/0'])).toBe(false);
    expect(addressAllowed('not-an-ip', ['0.0.0.0/0'])).toBe(false);
  });
});

describe('pathFilter', () => {
  it('is null without patterns', () => {
    expect(pathFilter([])).toBeNull();
  });

  it('matches the file path, the file name, package and package@version', () => {
    const f = pathFilter(['docs/**', '*.whl', 'acme-lib', 'tool@2.*', '@scope/pkg@1.*'])!;
    expect(f.allows({ path: 'docs/a/b.txt' })).toBe(true);
    expect(f.allows({ path: 'x/y/z-1.0-py3-none-any.whl' })).toBe(true);
    expect(f.allows({ path: 'acme-lib/acme_lib-1.0.tar.gz', name: 'acme-lib', version: '1.0' })).toBe(true);
    expect(f.allows({ path: 'tool/tool-2.3.tgz', name: 'tool', version: '2.3' })).toBe(true);
    expect(f.allows({ path: 'tool/tool-1.0.tgz', name: 'tool', version: '1.0' })).toBe(false);
    expect(f.allows({ path: '@scope/pkg/-/pkg-1.2.0.tgz', name: '@scope/pkg', version: '1.2.0' })).toBe(true);
    expect(f.allows({ path: '@scope/pkg/-/pkg-2.0.0.tgz', name: '@scope/pkg', version: '2.0.0' })).toBe(false);
    expect(f.allows({ path: 'app-1.0.tar.gz' })).toBe(false);
  });

  it('ignores case and dots in names, and is one object (one cache key) per pattern set whatever the order', () => {
    const a = pathFilter(['Acme-*', '.hidden/**'])!;
    expect(a.allows({ path: 'x', name: 'acme-lib' })).toBe(true);
    expect(a.allows({ path: '.hidden/file' })).toBe(true);
    expect(pathFilter(['.hidden/**', 'Acme-*'])).toBe(a);
    expect(pathFilter(['Acme-*'])!.key).not.toBe(a.key);
  });
});

describe('counterReason', () => {
  const limits = { maxDownloads: 10, maxClients: null, maxBytes: 5000 };
  it('names the download limit before the byte limit, and lets a download that fits through', () => {
    expect(counterReason(limits, { downloadCount: 9, bytesCount: 4000 }, 1000)).toBeNull();
    expect(counterReason(limits, { downloadCount: 9, bytesCount: 4001 }, 1000)).toBe('bandwidth_limit_reached');
    expect(counterReason(limits, { downloadCount: 10, bytesCount: 4001 }, 1000)).toBe('download_limit_reached');
    expect(counterReason({ maxDownloads: null, maxClients: 3, maxBytes: null }, { downloadCount: 1e9, bytesCount: 1e12 }, 1)).toBeNull();
  });
});
