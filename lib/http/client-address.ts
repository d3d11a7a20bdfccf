// Which address a request came from. The production front (server.ts) stamps
// every request with the socket's peer address in CLIENT_ADDRESS_HEADER,
// replacing whatever the client sent, so nothing downstream trusts a
// client-supplied value. X-Forwarded-For is believed only when the peer is a
// proxy listed in TRUST_PROXY, and then only its right-most untrusted hop.
import ipaddr from 'ipaddr.js';

export const CLIENT_ADDRESS_HEADER = 'x-tollgate-client-address';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseTrustList(entries: string[]): Range[] {
  return entries.map((entry) => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const addr = ipaddr.parse(entry);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  });
}

/** Canonical text form: IPv4-mapped IPv6 (::ffff:1.2.3.4) becomes 1.2.3.4. */
export function normalizeAddress(address: string | undefined | null): string {
  if (!address) return '';
  // Fast paths for the common socket forms (this runs on every request).
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return address;
  if (address.startsWith('::ffff:') && /^\d{1,3}(\.\d{1,3}){3}$/.test(address.slice(7))) return address.slice(7);
  if (!ipaddr.isValid(address)) return address;
  return ipaddr.process(address).toString();
}

/** Whether `address` (a socket peer) is one of the proxies in TRUST_PROXY. */
export function trusted(address: string, ranges: Range[]): boolean {
  if (!ranges.length || !ipaddr.isValid(address)) return false;
  const addr = ipaddr.process(address);
  return ranges.some(([net, bits]) => addr.kind() === net.kind() && addr.match([net, bits] as never));
}

/** A hop as some proxies write it, `1.2.3.4:5678` or `[2001:db8::1]:443`, without its port. */
function withoutPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4 ? v4[1]! : hop;
}

/** The client's address given the socket peer and the X-Forwarded-For header. */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, ranges: Range[]): string {
  let address = normalizeAddress(peer);
  if (!forwardedFor || !trusted(address, ranges)) return address;
  const hops = forwardedFor.split(',').map((h) => normalizeAddress(withoutPort(h.trim()))).filter(Boolean);
  while (hops.length) {
    const hop = hops.pop()!;
    if (!ipaddr.isValid(hop)) return address;
    address = hop;
    if (!trusted(hop, ranges)) return address;
  }
  return address;
}
