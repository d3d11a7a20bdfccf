import { describe, expect, it } from 'vitest';
import { isValidSubdir, packagePath, parsePackageFile } from './names';

describe('isValidSubdir', () => {
  it('accepts noarch and platform-arch subdirs', () => {
    for (const s of ['noarch', 'linux-64', 'linux-aarch64', 'linux-ppc64le', 'osx-arm64', 'osx-64', 'win-64', 'win-32', 'zos-z', 'emscripten-wasm32']) {
      expect(isValidSubdir(s), s).toBe(true);
    }
  });
  it('refuses anything else', () => {
    for (const s of ['', 'linux', 'Linux-64', 'linux-64-x', '-64', 'noarch2', '..', 'linux_64', `a-${'b'.repeat(20)}`]) {
      expect(isValidSubdir(s), s).toBe(false);
    }
  });
});

describe('parsePackageFile', () => {
  it('splits name, version and build from the right', () => {
    expect(parsePackageFile('python-dateutil-2.8.2-pyhd8ed1ab_0.tar.bz2')).toEqual({
      ok: true,
      value: { file: 'python-dateutil-2.8.2-pyhd8ed1ab_0.tar.bz2', name: 'python-dateutil', version: '2.8.2', build: 'pyhd8ed1ab_0', ext: '.tar.bz2', stem: 'python-dateutil-2.8.2-pyhd8ed1ab_0' },
    });
    const conda = parsePackageFile('_libgcc_mutex-0.1-conda_forge.conda');
    expect(conda.ok && conda.value).toMatchObject({ name: '_libgcc_mutex', version: '0.1', build: 'conda_forge', ext: '.conda' });
    const epoch = parsePackageFile('x-1!2.0+local_1-h1234_5.conda');
    expect(epoch.ok && epoch.value).toMatchObject({ name: 'x', version: '1!2.0+local_1', build: 'h1234_5' });
  });

  it('says what is wrong', () => {
    const reason = (f: string) => {
      const r = parsePackageFile(f);
      return r.ok ? null : r.reason;
    };
    expect(reason('demo-1.0-0.zip')).toMatch(/only \.tar\.bz2 and \.conda/);
    expect(reason('demo-1.0.conda')).toMatch(/not named \{name\}-\{version\}-\{build\}\.conda/);
    expect(reason('-1.0-0.conda')).toMatch(/not named/);
    expect(reason('Demo-1.0-0.conda')).toMatch(/"Demo" .* not a valid conda package name/);
    expect(reason('demo-1.0 beta-0.conda')).toMatch(/"1.0 beta" .* not a valid conda version/);
    expect(reason('demo--0.conda')).toMatch(/"" .* not a valid conda version/);
    expect(reason('demo-1.0-.conda')).toMatch(/"" .* not a valid conda build string/);
    expect(reason('demo-1.0-b@d.tar.bz2')).toMatch(/build string/);
  });

  it('stores under the subdir', () => {
    expect(packagePath('linux-64', 'a-1-0.conda')).toBe('linux-64/a-1-0.conda');
  });
});
