import { describe, expect, it } from 'vitest';
import { parseTrustList, resolveClientAddress } from './client-address';

describe('resolveClientAddress', () => {
  const proxies = parseTrustList(['10.0.0.0/8', '::1']);

  it('uses the socket peer when no proxy is trusted', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
  });
  it('unwraps IPv4-mapped IPv6 peers', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', undefined, [])).toBe('127.0.0.1');
  });
  it('believes X-Forwarded-For from a trusted proxy, right-most untrusted hop first', () => {
    expect(resolveClientAddress('10.1.2.3', 'spoofed, 198.51.100.7, 10.0.0.5', proxies)).toBe('198.51.100.7');
  });
  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.7', proxies)).toBe('203.0.113.9');
  });
  it('stops at a malformed hop', () => {
    expect(resolveClientAddress('::1', 'not-an-ip', proxies)).toBe('::1');
  });
  it('reads hops written with a port or in brackets (Azure, some load balancers)', () => {
    expect(resolveClientAddress('10.1.2.3', '198.51.100.7:5678', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.1.2.3', '[2001:db8::1]:443', proxies)).toBe('2001:db8::1');
    expect(resolveClientAddress('10.1.2.3', '[2001:db8::2]', proxies)).toBe('2001:db8::2');
  });
});
