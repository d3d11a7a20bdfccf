/**
 * Python distributions built by the tests themselves (python3's standard library only): a wheel
 * with METADATA, WHEEL and RECORD, and an sdist whose pyproject.toml names an in-tree build
 * backend with no requirements, so pip can prepare its metadata without fetching setuptools.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PYPI_BUILD = `
import base64, hashlib, io, os, re, sys, tarfile, zipfile
out, name, version, pad = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dist = re.sub(r'[-_.]+', '_', name).lower()
meta = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\nSummary: tollgate e2e\\n\\n"
info = f"{dist}-{version}.dist-info"
files = {f"{dist}/__init__.py": f"VERSION = {version!r}\\n".encode(), f"{dist}/data.bin": os.urandom(pad),
  f"{info}/METADATA": meta.encode(),
  f"{info}/WHEEL": b"Wheel-Version: 1.0\\nGenerator: tollgate-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}
rec = lambda b: "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode() + f",{len(b)}"
files[f"{info}/RECORD"] = ("".join(f"{p},{rec(c)}\\n" for p, c in files.items()) + f"{info}/RECORD,,\\n").encode()
whl = os.path.join(out, f"{dist}-{version}-py3-none-any.whl")
with zipfile.ZipFile(whl, 'w', zipfile.ZIP_DEFLATED) as z:
  for p, c in files.items(): z.writestr(p, c)
backend = f'''import os
def get_requires_for_build_wheel(config_settings=None): return []
def prepare_metadata_for_build_wheel(d, config_settings=None):
    os.makedirs(os.path.join(d, {info!r}))
    open(os.path.join(d, {info!r}, 'METADATA'), 'w').write(open('PKG-INFO').read())
    return {info!r}
'''
top = f"{dist}-{version}"
sdist = os.path.join(out, f"{top}.tar.gz")
members = {f"{top}/PKG-INFO": meta, f"{top}/tgbackend.py": backend, f"{top}/{dist}/__init__.py": f"VERSION = {version!r}\\n",
  f"{top}/pyproject.toml": '[build-system]\\nrequires = []\\nbuild-backend = "tgbackend"\\nbackend-path = ["."]\\n'}
with tarfile.open(sdist, 'w:gz') as t:
  for p, c in members.items():
    b = c.encode(); i = tarfile.TarInfo(p); i.size = len(b); t.addfile(i, io.BytesIO(b))
print(whl); print(sdist)
`;

/** A wheel and an sdist of `name` `version` in a new folder under `dir`; `pad` random bytes make the wheel that much bigger. */
export async function pypiDists(dir: string, name: string, version: string, pad = 0): Promise<{ wheel: string; sdist: string }> {
  const out = mkdtempSync(path.join(dir, 'dist-'));
  const { stdout } = await run('python3', ['-c', PYPI_BUILD, out, name, version, String(pad)]);
  const [wheel, sdist] = stdout.trim().split('\n') as [string, string];
  return { wheel, sdist };
}
