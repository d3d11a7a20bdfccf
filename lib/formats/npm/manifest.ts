// The version manifest of a tarball made by `npm pack`, built from its
// package/package.json the way `npm publish` builds the one it sends
// (@npmcli/package-json's "prepare" steps, those the tarball can answer:
// not gitHead), so a version uploaded in the browser is stored like a
// published one: the manifest without dist (dist is always ours, see
// packument.ts).
import path from 'node:path/posix';
import { badRequest } from '@/lib/http/errors';
import { validateName } from './names';
import { normalizeData } from './normalize-data';
import { cleanVersion, isValidVersion } from './semver';

/**
 * What the tarball holds besides package.json: member paths under
 * `package/`, and the text of the README npm would choose and of AUTHORS.
 */
export type PackedTree = { files: ReadonlySet<string>; texts: ReadonlyMap<string, string> };

export type PackedPackage = { name: string; version: string; manifest: Record<string, unknown> };

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => !!v && typeof v === 'object' && !Array.isArray(v);

export const isReadmeCandidate = (file: string) => /^readme(\.[^/]*)?$/i.test(file);

/** npm's choice among README files: the first markdown-looking one (or bare "README."), else a bare README. */
export function chooseReadme(files: Iterable<string>): string | undefined {
  let plain: string | undefined;
  for (const file of [...files].filter(isReadmeCandidate).sort()) {
    if (/\.m?a?r?k?d?o?w?n?$/i.test(file)) return file;
    if (/^readme$/i.test(file)) plain ??= file;
  }
  return plain;
}

/** A path kept inside the package, with forward slashes (npm's secureAndUnixifyPath and bin cleaning). */
const inside = (p: string) => path.join('/', p.replace(/\\/g, '/')).slice(1);

/** npm-normalize-package-bin: a string or array becomes an object of clean names and paths. */
function normalizeBin(m: Data, name: string) {
  let bin = m.bin;
  if (typeof bin === 'string') bin = { [name]: bin };
  else if (Array.isArray(bin)) bin = Object.fromEntries(bin.filter((b) => typeof b === 'string').map((b: string) => [path.basename(b), b]));
  if (!isObject(bin)) {
    delete m.bin;
    return;
  }
  const clean: Record<string, string> = {};
  for (const [key, target] of Object.entries(bin)) {
    const base = inside(path.basename(key.replace(/\\|:/g, '/')));
    const to = typeof target === 'string' ? inside(target) : '';
    if (base && to) clean[base] = to;
  }
  if (Object.keys(clean).length) m.bin = clean;
  else delete m.bin;
}

/** The files of the tarball under directory `dir` (a package path), relative to the package. */
const filesUnder = (tree: PackedTree, dir: string) => [...tree.files].filter((f) => f.startsWith(`${inside(dir)}/`)).sort();

function scripts(m: Data, tree: PackedTree) {
  if (m.scripts !== undefined && !isObject(m.scripts)) delete m.scripts;
  const s: Record<string, string> = {};
  for (const [k, v] of Object.entries(isObject(m.scripts) ? m.scripts : {})) {
    if (typeof v === 'string') s[k] = v.replace(/^(\.[/\\])?node_modules[/\\].bin[\\/]/, '');
  }
  let added = false;
  if (!s.install && !s.preinstall && m.gypfile !== false && [...tree.files].some((f) => /^[^/]+\.gyp$/.test(f))) {
    s.install = 'node-gyp rebuild';
    m.gypfile = true;
    added = true;
  }
  if (!s.start && tree.files.has('server.js')) {
    s.start = 'node server.js';
    added = true;
  }
  if (m.scripts !== undefined || added) m.scripts = s;
}

/**
 * Parses and checks package/package.json and builds the manifest npm publish
 * would send (without dist), plus the registry's own `_hasShrinkwrap` when the
 * tarball bundles an npm-shrinkwrap.json (npm honours one only then; publish
 * sets it the same way, see hasShrinkwrap in publish.ts).
 */
export function packedManifest(packageJson: Buffer, tree: PackedTree): PackedPackage {
  let data: unknown;
  try {
    data = JSON.parse(packageJson.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw badRequest('package/package.json is not valid JSON.');
  }
  if (!isObject(data)) throw badRequest('package/package.json must be a JSON object.');
  if (typeof data.name !== 'string') throw badRequest('package/package.json has no name.');
  const name = validateName(data.name);
  if (typeof data.version !== 'string') throw badRequest('package/package.json has no version.');
  const version = cleanVersion(data.version);
  if (!isValidVersion(version)) throw badRequest(`"${data.version.slice(0, 100)}" is not a valid semver version.`);

  // Fields starting with "_" belong to clients and registries, never to authors; dist is ours.
  const m: Data = Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith('_') && k !== 'dist'));
  m.name = name;
  m.version = version;
  m._id = `${name}@${version}`;

  if (m.bundleDependencies === undefined && m.bundledDependencies !== undefined) m.bundleDependencies = m.bundledDependencies;
  delete m.bundledDependencies;
  const bd = m.bundleDependencies;
  if (bd === true) m.bundleDependencies = Object.keys(isObject(m.dependencies) ? m.dependencies : {});
  else if (isObject(bd)) m.bundleDependencies = Object.keys(bd);
  else if (!Array.isArray(bd)) delete m.bundleDependencies;

  scripts(m, tree);

  const authors = tree.texts.get('AUTHORS');
  if (!m.contributors && authors !== undefined) {
    m.contributors = authors.split(/\r?\n/g).map((l) => l.replace(/^\s*#.*$/, '').trim()).filter(Boolean);
  }
  const readme = chooseReadme(tree.texts.keys());
  if (!m.readme && readme !== undefined) {
    m.readme = tree.texts.get(readme);
    m.readmeFilename = readme;
  }

  const directories = isObject(m.directories) ? m.directories : {};
  if (typeof directories.man === 'string' && !m.man) m.man = filesUnder(tree, directories.man).filter((f) => /\.[0-9]$/.test(f));
  if (typeof directories.bin === 'string' && !m.bin) {
    m.bin = Object.fromEntries(filesUnder(tree, directories.bin).filter((f) => !path.basename(f).startsWith('.')).map((f) => [path.basename(f), f]));
  } else {
    normalizeBin(m, name);
  }

  if (!('types' in m) && !('typings' in m) && (m.main === undefined || typeof m.main === 'string')) {
    const main = typeof m.main === 'string' && m.main ? m.main : 'index.js';
    const dts = path.normalize(path.join(path.dirname(main), `${path.basename(main, path.extname(main))}.d.ts`));
    if (tree.files.has(dts)) m.types = `./${dts}`;
  }

  normalizeData(m);
  if (tree.files.has('npm-shrinkwrap.json')) m._hasShrinkwrap = true;
  return { name, version, manifest: m };
}
