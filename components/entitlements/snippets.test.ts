import { describe, expect, it } from 'vitest';
import { formatClient } from '@/lib/formats/registry-client';
import { entitlementSnippets } from './snippets';

const base = 'https://pkgs.example.com';
const repo = (name: string, format: string) => ({ name, format, urls: formatClient(format).urls(base, 'acme', name) });
const SECRET = `tge_${'a'.repeat(38)}`;

describe('entitlement set-me-up snippets', () => {
  it('are the formats’ download snippets only, with the secret filled in', () => {
    const all = entitlementSnippets([repo('files', 'raw'), repo('py', 'pypi'), repo('js', 'npm'), repo('cn', 'conda')], SECRET);
    expect(all.map((s) => `${s.repo}:${s.id}`)).toEqual([
      'files:curl-download',
      'files:curl-download-header',
      'py:pip',
      'py:pip.conf',
      'js:.npmrc-read',
      'js:npm-install',
      'cn:conda-channel',
      'cn:conda-install',
    ]);
    expect(all.every((s) => s.use === 'download')).toBe(true);
    expect(all.filter((s) => s.id !== 'npm-install').every((s) => s.text.includes(SECRET) || s.text.includes(SECRET.replace('tge_', 'tge-')))).toBe(true);
  });

  it('name a real file and package when known, so they run as printed', () => {
    const [pathForm] = entitlementSnippets([repo('files', 'raw')], SECRET, { files: { file: 'releases/v 1/app.tar.gz' } });
    expect(pathForm?.text).toBe(`curl -fLO ${base}/t/${SECRET}/raw/acme/files/releases/v%201/app.tar.gz`);
    const [pip] = entitlementSnippets([repo('py', 'pypi')], SECRET, { py: { package: 'acme-sdk' } });
    expect(pip?.text).toBe(`pip install --index-url https://token:${SECRET}@pkgs.example.com/pypi/acme/py/simple/ acme-sdk`);
    const unknown = entitlementSnippets([repo('js', 'npm')], SECRET, { js: { package: null } });
    expect(unknown.find((s) => s.id === 'npm-install')?.text).toBe('npm install <package>');
  });
});
