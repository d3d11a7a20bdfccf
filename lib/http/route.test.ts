import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { z } from 'zod';
import { operation } from './operation';
import { endpoints, findNul, route } from './route';

describe('findNul', () => {
  it('finds a NUL anywhere and names its path', () => {
    expect(findNul({ a: 'ok', b: ['x', 'y\u0000z'] })).toBe('b.1');
    expect(findNul('\u0000')).toBe('(root)');
    expect(findNul({ a: 1, b: [true, null, 'fine'] })).toBeNull();
  });
  it('refuses hostile nesting without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => findNul(deep)).toThrow(/nested deeper/);
  });
});

describe('endpoints', () => {
  const op = (method: 'GET' | 'DELETE', status?: number) =>
    operation({ id: `t${method}`, method, path: '/api/v1/t', summary: 't', tag: 't', auth: 'none', status, params: z.object({}) });
  const ctx = { params: Promise.resolve({}) };
  const req = (method: string) => new NextRequest('http://h/api/v1/t', { method });

  it('answers the methods it was not given with a 405 in the error shape, naming the allowed ones', async () => {
    const all = endpoints(route(op('GET'), async () => ({ ok: true })), route(op('DELETE', 204), async () => undefined));
    const res = await all.POST(req('POST'), ctx);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, DELETE');
    expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed', message: 'Use GET or DELETE on this path.' } });
  });
  it("answers an operation's own status, 204 with no body", async () => {
    const all = endpoints(route(op('DELETE', 204), async () => undefined));
    const res = await all.DELETE(req('DELETE'), ctx);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });
  it('refuses two handlers for one method', () => {
    expect(() => endpoints(route(op('GET'), async () => 1), route(op('GET'), async () => 2))).toThrow(/two handlers/);
  });
});
