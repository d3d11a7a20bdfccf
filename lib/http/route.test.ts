import { describe, expect, it } from 'vitest';
import { findNul } from './route';

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
