// Decides whether the production build is current. `npm start` builds when
// there is no build or the sources changed since it was made (an upgrade in
// place), so a fresh clone or an upgraded one starts with no extra step.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'next.config.mjs', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];
const SKIP = new Set(['node_modules', 'generated', '.next', '.next-lead']);

function walk(p: string, out: string[]) {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) if (!SKIP.has(name) && !name.endsWith('.test.ts')) walk(path.join(p, name), out);
  } else {
    out.push(`${p}:${st.size}:${st.mtimeMs}`);
  }
}

export function sourceStamp(root: string): string {
  const entries: string[] = [];
  for (const s of SOURCES) walk(path.join(root, s), entries);
  return crypto.createHash('sha256').update(entries.join('\n')).digest('hex');
}

const distDir = (root: string) => path.join(root, process.env.TOLLGATE_DIST_DIR || '.next');
const stampFile = (root: string) => path.join(distDir(root), 'tollgate-source-stamp');

export function buildIsCurrent(root: string): boolean {
  if (!fs.existsSync(path.join(distDir(root), 'BUILD_ID'))) return false;
  try {
    return fs.readFileSync(stampFile(root), 'utf8') === sourceStamp(root);
  } catch {
    return false;
  }
}

export function recordBuild(root: string) {
  fs.writeFileSync(stampFile(root), sourceStamp(root));
}

/** Runs `next build` and records the stamp; throws when the build fails. */
export function runBuild(root: string) {
  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('next build failed');
  recordBuild(root);
}
