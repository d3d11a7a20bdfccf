import { describe, expect, it } from 'vitest';
import { cachedPage, cacheStats } from './index-cache';

describe('cachedPage', () => {
  it('renders once per contentVersion; a bumped version renders again', async () => {
    let renders = 0;
    const render = async () => `page ${++renders}`;
    const repo = { id: 'r-cache-1', contentVersion: 0 };
    expect(await cachedPage(repo, 'simple/a', render)).toBe('page 1');
    expect(await cachedPage(repo, 'simple/a', render)).toBe('page 1');
    expect(await cachedPage({ ...repo, contentVersion: 1 }, 'simple/a', render)).toBe('page 2');
    expect(await cachedPage({ ...repo, contentVersion: 1 }, 'simple/b', render)).toBe('page 3');
  });

  it('shares one rendering between concurrent misses and does not keep failures', async () => {
    let renders = 0;
    const repo = { id: 'r-cache-2', contentVersion: 0 };
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++renders}`), 10));
    const pages = await Promise.all([cachedPage(repo, 'k', slow), cachedPage(repo, 'k', slow), cachedPage(repo, 'k', slow)]);
    expect(pages).toEqual(['v1', 'v1', 'v1']);
    await expect(cachedPage(repo, 'bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cachedPage(repo, 'bad', async () => 'fine now')).toBe('fine now');
  });

  it('stays within its entry limit', async () => {
    const repo = { id: 'r-cache-3', contentVersion: 0 };
    for (let i = 0; i < 2_100; i++) await cachedPage(repo, `p${i}`, async () => 'x');
    expect(cacheStats().pages).toBeLessThanOrEqual(2_000);
  });
});
