import { describe, expect, it } from 'vitest';
import { acceptsGzip } from './packument-response';

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as npm and others send it', () => {
    expect(acceptsGzip('gzip,deflate')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
  });
});
