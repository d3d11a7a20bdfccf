// How native routes read a presented credential: the three forms, the dash
// spelling conda needs, and garbage refused by its shape before any lookup
// (resolving a live one against a database is authorize.test.ts).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';

const req = (headers: Record<string, string> = {}) => ({ method: 'GET', path: '/', query: new URLSearchParams(), headers, address: '127.0.0.1', body: Readable.from([]) });

describe('native credentials', async () => {
  const { generateSecret } = await import('@/lib/credentials/secret');
  const { presentedCredential, splitPathToken } = await import('./credentials');
  const { credentialKind } = await import('./principal');
  const secret = generateSecret('pat');
  const kindOf = (token: string) => () => credentialKind({ secret: token, source: 'bearer' });

  // authorize() asks credentialKind before its first statement, and credentialKind
  // takes no database handle: garbage is refused before any lookup, by construction.
  it('refuses a bad checksum and malformed tokens by their shape alone', () => {
    const bad = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    // (tge_ + a PAT's body is a well-formed entitlement secret, and any 24+ characters of
    // [A-Za-z0-9._-] may be a custom entitlement string: those cost their one lookup.)
    for (const t of [bad, 'tgp_', 'hello', secret + 'x', 'not a token, it has spaces in it', '']) {
      expect(kindOf(t)).toThrow('This token is not valid, expired or revoked.');
    }
  });

  it('knows a well-formed PAT by its shape', () => {
    expect(kindOf(secret)).not.toThrow();
  });

  it('reads every credential form', () => {
    expect(splitPathToken(`/t/${secret}/raw/a/b/c`)).toEqual({ secret, rest: '/raw/a/b/c' });
    expect(presentedCredential(req({ authorization: `Bearer ${secret}` }), null)).toEqual({ secret, source: 'bearer' });
    const basic = Buffer.from(`anyone:${secret}`).toString('base64');
    expect(presentedCredential(req({ authorization: `Basic ${basic}` }), null)).toEqual({ secret, source: 'basic' });
    expect(presentedCredential(req(), null)).toBeNull();
    expect(() => presentedCredential(req({ authorization: 'Digest x' }), null)).toThrow();
  });
});

describe('undashPathSecret', async () => {
  const { undashPathSecret } = await import('./credentials');
  // conda.common.url.split_anaconda_token: the token is what this matches, the rest stays in the URL.
  const condaToken = (url: string) => /\/t\/([a-zA-Z0-9-]*)/.exec(url)?.[1];
  const body = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9';

  it('turns the dash form conda keeps back into the token', () => {
    expect(condaToken(`https://h/t/tgp_${body}/conda/acme/main`)).toBe('tgp'); // why the dash form exists
    expect(condaToken(`https://h/t/tgp-${body}/conda/acme/main`)).toBe(`tgp-${body}`);
    expect(undashPathSecret(`tgp-${body}`)).toBe(`tgp_${body}`);
    expect(undashPathSecret(`tge-${body}`)).toBe(`tge_${body}`);
  });

  it('leaves everything else alone', () => {
    for (const s of [`tgp_${body}`, `tgi-${body}`, `tgp-${body}x`, 'tgp-short', `xtgp-${body}`]) expect(undashPathSecret(s)).toBe(s);
  });
});
