// Seeds the index-page figures of `npm run bench` (scripts/bench/main.ts): one PyPI project with N
// files and one npm package with N versions, then checks that the pages list them all.
//
//   node scripts/bench/seed-packages.mjs --base URL --token SECRET --org ORG --count N (--sqlite FILE | --url postgresql://…)
//
// One real file of each goes through the real upload routes (a twine-style POST of an sdist, an
// npm publish PUT): the server reads their archives and writes every row the way it always does.
// The other N-1 are copies of those rows (every column copied, so a column added later is copied
// too), each with its own version, file name and path, sharing the first file's blob: all rows
// stay valid and every file downloads, with the digests its index page announces. The repositories'
// contentVersion is bumped last, as any change would, so no page cached before is served.
// The PyPI repository is ORG/py, the npm one ORG/js (both created beforehand), the project and
// package bench-pkg. Prints key=value lines for the bench's results: pypi_files, pypi_bytes
// (of the simple page), npm_versions, npm_bytes (of the full packument), seed_seconds.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import tar from 'tar-stream';

const args = process.argv.slice(2);
const opt = {};
for (let i = 0; i < args.length; i += 2) opt[args[i].replace(/^--/, '')] = args[i + 1];
const fail = (msg) => {
  console.error(`seed-packages: ${msg}`);
  process.exit(2);
};
for (const k of ['base', 'token', 'org', 'count']) if (!opt[k]) fail(`--${k} is required`);
if (!opt.sqlite && !opt.url) fail('--sqlite FILE or --url postgresql://… is required');
const count = Number(opt.count);
if (!(Number.isInteger(count) && count > 0)) fail('--count N (a positive integer) is required');

const PROJECT = 'bench-pkg';
const PYPI_REPO = 'py';
const NPM_REPO = 'js';
const auth = { authorization: `Bearer ${opt.token}` };
const runTag = crypto.randomBytes(4).toString('hex');
const started = process.hrtime.bigint();

async function gzippedTar(members) {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(members)) pack.entry({ name, mtime: new Date(0) }, body);
  pack.finalize();
  const chunks = [];
  for await (const c of pack) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}

async function check(res, what) {
  if (!res.ok) fail(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
  return res;
}

// ── the real uploads ──────────────────────────────────────────────────────────────────────
const sdistName = (v) => `bench_pkg-${v}.tar.gz`;
async function uploadSdist() {
  const pkgInfo = `Metadata-Version: 2.1\nName: ${PROJECT}\nVersion: 1.0.0\nSummary: The bench project\nRequires-Python: >=3.8\n\n`;
  const bytes = await gzippedTar({ 'bench_pkg-1.0.0/PKG-INFO': pkgInfo, 'bench_pkg-1.0.0/bench_pkg/__init__.py': 'VALUE = 1\n' });
  const form = new FormData();
  for (const [k, v] of Object.entries({ ':action': 'file_upload', protocol_version: '1', name: PROJECT, version: '1.0.0', filetype: 'sdist', pyversion: 'source', metadata_version: '2.1', requires_python: '>=3.8' })) form.append(k, v);
  form.append('sha256_digest', crypto.createHash('sha256').update(bytes).digest('hex'));
  form.append('content', new Blob([bytes]), sdistName('1.0.0'));
  await check(await fetch(`${opt.base}/pypi/${opt.org}/${PYPI_REPO}/`, { method: 'POST', headers: auth, body: form }), 'PyPI upload');
}

// A manifest of the size and shape of a typical library's.
const npmManifest = (version) => ({
  name: PROJECT, version, description: 'The bench package: a library of typical size and shape.', main: 'index.js', types: './index.d.ts', license: 'MIT',
  keywords: ['bench', 'tollgate', 'registry', 'packument', 'cache'], author: { name: 'Bench', email: 'bench@example.com' },
  repository: { type: 'git', url: 'git+https://github.com/example/bench-pkg.git' }, bugs: { url: 'https://github.com/example/bench-pkg/issues' },
  homepage: 'https://github.com/example/bench-pkg#readme', engines: { node: '>=18' }, files: ['index.js', 'index.d.ts', 'lib/'],
  scripts: { build: 'tsc -p .', test: 'vitest run', lint: 'eslint .' },
  dependencies: { 'left-pad': '^1.3.0', debug: '^4.3.4', ms: '^2.1.3', semver: '^7.6.0', 'mime-types': '^2.1.35', yallist: '^4.0.0' },
  devDependencies: { typescript: '^5.4.0', vitest: '^1.6.0', eslint: '^9.0.0', '@types/node': '^20.12.0' },
  readme: '# bench-pkg\n\nThe bench package: a library of typical size and shape.\n\n## Use\n\n```js\nconst b = require("bench-pkg");\n```\n',
  readmeFilename: 'README.md', _id: `${PROJECT}@${version}`, _nodeVersion: '20.19.0', _npmVersion: '10.8.2',
});

async function publishNpm() {
  const m = npmManifest('1.0.0');
  const bytes = await gzippedTar({ 'package/package.json': JSON.stringify(m, null, 2), 'package/index.js': 'module.exports = 1;\n' });
  m.dist = { shasum: crypto.createHash('sha1').update(bytes).digest('hex'), integrity: `sha512-${crypto.createHash('sha512').update(bytes).digest('base64')}` };
  const body = {
    _id: PROJECT, name: PROJECT, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': m },
    _attachments: { [`${PROJECT}-1.0.0.tgz`]: { content_type: 'application/octet-stream', data: bytes.toString('base64'), length: bytes.length } },
  };
  await check(await fetch(`${opt.base}/npm/${opt.org}/${NPM_REPO}/${PROJECT}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }), 'npm publish');
}

// ── the copies ────────────────────────────────────────────────────────────────────────────
/** A database with one dialect: q(sql, params) for reads/writes, ph(i) the i-th placeholder (1-based). */
async function connect() {
  if (opt.sqlite) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(opt.sqlite, { timeout: 30_000 });
    db.pragma('busy_timeout = 30000');
    const q = async (sql, params = []) => {
      const st = db.prepare(sql);
      return st.reader ? st.all(...params) : (st.run(...params), []);
    };
    return { q, ph: () => '?', columns: async (t) => (await q(`PRAGMA table_info("${t}")`)).map((c) => c.name), begin: () => q('BEGIN'), commit: () => q('COMMIT'), close: () => db.close() };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: opt.url });
  await client.connect();
  const q = async (sql, params = []) => (await client.query(sql, params)).rows;
  return {
    q, ph: (i) => `$${i}`, begin: () => q('BEGIN'), commit: async () => { await q('COMMIT'); await q('ANALYZE "Artifact"'); await q('ANALYZE "PackageVersion"'); },
    columns: async (t) => (await q('SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [t])).map((c) => c.name),
    close: () => client.end(),
  };
}

/** INSERT … SELECT copying row `id` of `table` with `overrides` (column → value). */
async function cloneRow(db, table, columns, id, overrides) {
  const params = [];
  const exprs = columns.map((c) => {
    if (!(c in overrides)) return `"${c}"`;
    params.push(overrides[c]);
    return db.ph(params.length);
  });
  params.push(id);
  await db.q(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${exprs.join(', ')} FROM "${table}" WHERE "id" = ${db.ph(params.length)}`, params);
}

async function template(db, repoName) {
  const rows = await db.q(
    `SELECT a."id" AS "artifactId", v."id" AS "versionId", v."metadata" AS "versionMetadata", p."id" AS "packageId", r."id" AS "repoId", a."path" AS "path", a."filename" AS "filename"
     FROM "Artifact" a JOIN "PackageVersion" v ON v."id" = a."packageVersionId" JOIN "Package" p ON p."id" = v."packageId"
     JOIN "Repository" r ON r."id" = a."repositoryId" JOIN "Organization" o ON o."id" = r."orgId"
     WHERE o."slug" = ${db.ph(1)} AND r."name" = ${db.ph(2)}`,
    [opt.org, repoName],
  );
  if (rows.length !== 1) fail(`expected the one uploaded file in ${opt.org}/${repoName}, found ${rows.length}`);
  return rows[0];
}

async function copies(db) {
  const versionCols = await db.columns('PackageVersion');
  const artifactCols = await db.columns('Artifact');
  const py = await template(db, PYPI_REPO);
  const js = await template(db, NPM_REPO);
  await db.begin();
  for (let i = 1; i < count; i++) {
    const version = `1.${i}.0`;
    for (const [t, kind] of [[py, 'py'], [js, 'js']]) {
      const versionId = `bench_${runTag}_${kind}v_${i}`;
      const file = kind === 'py' ? sdistName(version) : `${PROJECT}-${version}.tgz`;
      const metadata = kind === 'py' ? t.versionMetadata : JSON.stringify({ ...JSON.parse(t.versionMetadata), version, _id: `${PROJECT}@${version}` });
      await cloneRow(db, 'PackageVersion', versionCols, t.versionId, { id: versionId, version, metadata });
      await cloneRow(db, 'Artifact', artifactCols, t.artifactId, { id: `bench_${runTag}_${kind}a_${i}`, packageVersionId: versionId, filename: file, path: t.path.replace(t.filename, file) });
    }
  }
  await db.q(`UPDATE "Package" SET "distTags" = ${db.ph(1)} WHERE "id" = ${db.ph(2)}`, [JSON.stringify({ latest: `1.${count - 1}.0` }), js.packageId]);
  await db.q(`UPDATE "Repository" SET "contentVersion" = "contentVersion" + 1 WHERE "id" IN (${db.ph(1)}, ${db.ph(2)})`, [py.repoId, js.repoId]);
  await db.commit();
}

// ── run ───────────────────────────────────────────────────────────────────────────────────
await uploadSdist();
await publishNpm();
const db = await connect();
try {
  await copies(db);
} finally {
  await db.close();
}

const pypiUrl = `${opt.base}/pypi/${opt.org}/${PYPI_REPO}/simple/${PROJECT}/`;
const npmUrl = `${opt.base}/npm/${opt.org}/${NPM_REPO}/${PROJECT}`;
const page = await (await check(await fetch(pypiUrl, { headers: auth }), `GET ${pypiUrl}`)).text();
const files = (page.match(/<a /g) ?? []).length;
if (files !== count) fail(`the simple page lists ${files} files, not ${count}`);
const doc = await (await check(await fetch(npmUrl, { headers: auth }), `GET ${npmUrl}`)).text();
const versions = Object.keys(JSON.parse(doc).versions).length;
if (versions !== count) fail(`the packument lists ${versions} versions, not ${count}`);
const tarballUrl = new URL(JSON.parse(doc).versions[`1.${count - 1}.0`].dist.tarball);
const tarball = await check(await fetch(`${opt.base}${tarballUrl.pathname}`, { headers: auth }), 'a copied tarball');
await tarball.arrayBuffer();

const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);
console.log(`pypi_files=${files}\npypi_bytes=${Buffer.byteLength(page)}\nnpm_versions=${versions}\nnpm_bytes=${Buffer.byteLength(doc)}\nseed_seconds=${seconds}`);
