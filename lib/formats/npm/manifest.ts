// The version manifest of a tarball made by `npm pack`, built from its
// package/package.json the way `npm publish` builds the one it sends
// (@npmcli/package-json's "prepare" steps that need only the tarball), so a
// version uploaded in the browser is stored like a published one: the
// manifest without dist (dist is always ours, see packument.ts).
import path from 'node:path/posix';
import { badRequest } from '@/lib/http/errors';
import { baseName, validateName } from './names';
import { cleanVersion, isValidVersion } from './semver';

/** What the tarball holds besides package.json: member paths under `package/`, and README candidates' text. */
export type PackedTree = { files: ReadonlySet<string>; readmes: ReadonlyMap<string, string> };

export type PackedPackage = { name: string; version: string; manifest: Record<string, unknown> };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Top-level README files npm reads into `readme` (any case, any extension). */
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

/** Parses and checks package/package.json and builds the manifest npm publish would send (without dist). */
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
  const m: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith('_') && k !== 'dist'));
  m.name = name;
  m.version = version;
  m._id = `${name}@${version}`;

  if (m.bundleDependencies === undefined && m.bundledDependencies !== undefined) m.bundleDependencies = m.bundledDependencies;
  delete m.bundledDependencies;
  const bd = m.bundleDependencies;
  if (bd === true) m.bundleDependencies = Object.keys(isObject(m.dependencies) ? m.dependencies : {});
  else if (isObject(bd)) m.bundleDependencies = Object.keys(bd);
  else if (!Array.isArray(bd)) delete m.bundleDependencies;

  const scripts: Record<string, string> = {};
  if (isObject(m.scripts)) {
    for (const [k, v] of Object.entries(m.scripts)) if (typeof v === 'string') scripts[k] = v.replace(/^(\.[/\\])?node_modules[/\\].bin[\\/]/, '');
  }
  if (!scripts.install && !scripts.preinstall && m.gypfile !== false && [...tree.files].some((f) => /^[^/]+\.gyp$/.test(f))) {
    scripts.install = 'node-gyp rebuild';
    m.gypfile = true;
  }
  if (!scripts.start && tree.files.has('server.js')) scripts.start = 'node server.js';
  if (m.scripts !== undefined || Object.keys(scripts).length) m.scripts = scripts;

  if (typeof m.funding === 'string') m.funding = { url: m.funding };
  if (typeof m.bin === 'string') m.bin = { [baseName(name)]: m.bin };

  const readme = chooseReadme(tree.readmes.keys());
  if (readme !== undefined && !m.readme) {
    m.readme = tree.readmes.get(readme);
    m.readmeFilename = readme;
  }

  if (!('types' in m) && !('typings' in m) && (m.main === undefined || typeof m.main === 'string')) {
    const main = typeof m.main === 'string' && m.main ? m.main : 'index.js';
    const dts = path.normalize(path.join(path.dirname(main), `${path.basename(main, path.extname(main))}.d.ts`));
    if (tree.files.has(dts)) m.types = `./${dts}`;
  }

  // The registry's own flag: npm honours a bundled npm-shrinkwrap.json only when it is set.
  m._hasShrinkwrap = tree.files.has('npm-shrinkwrap.json');
  return { name, version, manifest: m };
}
