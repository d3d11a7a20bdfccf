import { describe, expect, it } from 'vitest';
import { extractDescription, hostedRepo, normalizeData } from './normalize-data';

const normalized = (d: Record<string, unknown>) => {
  normalizeData(d);
  return d;
};

describe('hostedRepo', () => {
  it('knows shortcuts and https URLs of the three hosts', () => {
    expect(hostedRepo('acme/lib')).toEqual({ domain: 'github.com', user: 'acme', project: 'lib', shortcut: true });
    expect(hostedRepo('gitlab:acme/lib#v1')).toEqual({ domain: 'gitlab.com', user: 'acme', project: 'lib', shortcut: true });
    expect(hostedRepo('https://github.com/acme/lib.git')).toEqual({ domain: 'github.com', user: 'acme', project: 'lib', shortcut: false });
    expect(hostedRepo('git+https://bitbucket.org/acme/lib')).toEqual({ domain: 'bitbucket.org', user: 'acme', project: 'lib', shortcut: false });
    expect(hostedRepo('https://example.com/acme/lib')).toBeNull();
    expect(hostedRepo('^1.0.0')).toBeNull();
  });
});

describe('normalizeData', () => {
  it('fills repository, bugs and homepage from a git host', () => {
    expect(normalized({ repository: 'github:acme/lib' })).toEqual({
      repository: { type: 'git', url: 'git+https://github.com/acme/lib.git' },
      bugs: { url: 'https://github.com/acme/lib/issues' },
      homepage: 'https://github.com/acme/lib#readme',
      readme: 'ERROR: No README data found!',
    });
    expect(normalized({ repository: { type: 'git', url: 'https://example.com/x.git' }, homepage: 'example.com', bugs: 'bugs@example.com', readme: 'r' })).toEqual({
      repository: { type: 'git', url: 'https://example.com/x.git' }, homepage: 'http://example.com', bugs: { email: 'bugs@example.com' }, readme: 'r', description: 'r',
    });
  });

  it('fixes dependencies, keywords, people and bundles', () => {
    expect(normalized({
      dependencies: 'a@1 b', devDependencies: { c: 2, d: 'acme/d' }, keywords: 'x, y', author: 'Ann <a@x.org> (https://ann)', maintainers: [{ name: 'M', email: 'm@x.org' }],
      bundleDependencies: ['z', 3], man: 'x.1', files: ['a', 1], modules: {}, description: 5, readme: 'ERROR: No README data found!',
    })).toEqual({
      dependencies: { a: '1', b: '', z: '*' }, devDependencies: { d: 'github:acme/d' }, keywords: ['x', 'y'], author: { name: 'Ann', email: 'a@x.org', url: 'https://ann' },
      maintainers: [{ name: 'M', email: 'm@x.org' }], bundleDependencies: ['z'], man: ['x.1'], files: ['a'], readme: 'ERROR: No README data found!',
    });
  });

  it('takes the first paragraph of the README as description', () => {
    expect(extractDescription('# Title\n\n  \nFirst line\nsecond line\n\nnext')).toBe('First line second line');
    expect(extractDescription('# only')).toBe('');
  });
});
