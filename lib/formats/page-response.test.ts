import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NativeRequest } from '@/lib/native/types';
import type { ReadyPage } from './index-cache';
import { acceptsGzip, pageResponse } from './page-response';

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as npm, pip and conda send it', () => {
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

const request = (headers: Record<string, string>, method = 'GET'): NativeRequest => ({
  method, path: '/x', query: new URLSearchParams(), headers, address: '127.0.0.1', body: Readable.from([]),
});

const page = (text: string): ReadyPage => ({ body: Buffer.from(text), gzipped: async () => zlib.gzipSync(text) });
const big = 'x'.repeat(5000);

describe('pageResponse', () => {
  it('gzips for clients that accept it, with its own ETag and Vary', async () => {
    const res = await pageResponse(request({ 'accept-encoding': 'gzip' }), 'abc', { vary: 'Accept' }, async () => page(big));
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-encoding': 'gzip', etag: '"abc-gz"', vary: 'Accept, Accept-Encoding' });
    expect(zlib.gunzipSync(res.body as Buffer).toString()).toBe(big);
    expect(res.headers['content-length']).toBe(String((res.body as Buffer).length));
  });

  it('sends small pages, pages that must not be gzipped, and pages for other clients as they are', async () => {
    for (const [headers, p] of [[{ 'accept-encoding': 'gzip' }, page('tiny')], [{}, page(big)], [{ 'accept-encoding': 'gzip' }, { body: Buffer.from(big), gzipped: null }]] as const) {
      const res = await pageResponse(request(headers), 'abc', {}, async () => p);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.etag).toBe('"abc"');
      expect((res.body as Buffer).toString()).toBe(p.body.toString());
    }
  });

  it('answers 304 to either tag of the current version without building the page, and HEAD without a body', async () => {
    let built = 0;
    const make = async () => (built++, page(big));
    for (const inm of ['"abc"', 'W/"abc-gz"', '"old", "abc"', '*']) {
      const res = await pageResponse(request({ 'if-none-match': inm, 'accept-encoding': 'gzip' }), 'abc', {}, make);
      expect(res.status, inm).toBe(304);
    }
    expect(built).toBe(0);
    expect((await pageResponse(request({ 'if-none-match': '"old"' }), 'abc', {}, make)).status).toBe(200);
    const head = await pageResponse(request({}, 'HEAD'), 'abc', {}, make);
    expect(head.body).toBeNull();
    expect(head.headers['content-length']).toBe('5000');
  });
});
