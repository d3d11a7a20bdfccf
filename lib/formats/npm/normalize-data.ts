// The "normalizeData" step npm runs on a package.json before it publishes
// (@npmcli/package-json's port of normalize-package-data), for manifests we
// build from a tarball ourselves (manifest.ts). Git hosts are recognised for
// GitHub, GitLab and Bitbucket in their common forms; other URLs stay as
// written (npm's hosted-git-info knows a few more spellings).
type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Data => !!v && typeof v === 'object' && !Array.isArray(v);
const isEmail = (s: string) => s.includes('@') && s.indexOf('@') < s.lastIndexOf('.');
const canParse = (s: string) => URL.canParse(s);

const HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };
const HOST_NAMES = Object.values(HOSTS).map((h) => h.replace('.', '\\.')).join('|');

type Hosted = { domain: string; user: string; project: string; shortcut: boolean };

/** A repository on a known git host, from a shortcut (`u/r`, `github:u/r`) or an https URL. */
export function hostedRepo(url: string): Hosted | null {
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:#.*)?$/.exec(url);
  if (short && !url.includes('://')) return { domain: HOSTS[short[1] ?? 'github']!, user: short[2]!, project: short[3]!, shortcut: true };
  const https = new RegExp(`^(?:git\\+)?https://(?:[^@/]+@)?(${HOST_NAMES})/([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?(?:#.*)?$`).exec(url);
  if (https) return { domain: https[1]!, user: https[2]!, project: https[3]!, shortcut: false };
  return null;
}

/** The first block of text of a README, past its headings (npm's extractDescription). */
export function extractDescription(readme: string): string {
  const lines = readme.trim().split('\n');
  let start = 0;
  while (start < lines.length && /^(#|$)/.test(lines[start]!.trim())) start++;
  let end = start + 1;
  while (end < lines.length && lines[end]!.trim()) end++;
  return lines.slice(start, end).join(' ').trim();
}

function person(p: unknown): Data {
  let text = p;
  if (isObject(p)) {
    const u = p.url ?? p.web;
    const e = p.email ?? p.mail;
    text = `${typeof p.name === 'string' ? p.name : ''}${e ? ` <${String(e)}>` : ''}${u ? ` (${String(u)})` : ''}`;
  }
  const s = String(text);
  const out: Data = {};
  const name = /^([^(<]+)/.exec(s)?.[0].trim();
  if (name) out.name = name;
  const email = /<([^<>]+)>/.exec(s)?.[1];
  if (email) out.email = email;
  const url = /\(([^()]+)\)/.exec(s)?.[1];
  if (url) out.url = url;
  return out;
}

function fixDependencies(d: Data) {
  for (const type of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    let deps = d[type];
    if (!deps) continue;
    if (typeof deps === 'string') deps = deps.trim().split(/[\n\r\s\t ,]+/);
    if (Array.isArray(deps)) {
      const o: Record<string, string> = {};
      for (const spec of deps) {
        if (typeof spec !== 'string') continue;
        const parts = spec.trim().split(/(:?[@\s><=])/);
        const name = parts.shift()!;
        o[name] = parts.join('').replace(/^@/, '').trim();
      }
      deps = o;
    }
    d[type] = deps;
  }
  for (const type of ['dependencies', 'devDependencies']) {
    if (!(type in d)) continue;
    const deps = d[type];
    if (!isObject(deps)) {
      delete d[type];
      continue;
    }
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec !== 'string') {
        delete deps[name];
        continue;
      }
      const hosted = hostedRepo(spec);
      if (hosted?.shortcut && hosted.domain === 'github.com') deps[name] = `github:${spec.replace(/^github:/, '')}`;
    }
  }
}

/** Normalizes `d` in place as npm's normalizeData does before publishing. */
export function normalizeData(d: Data): void {
  if (Array.isArray(d.repositories)) d.repository = d.repositories[0];
  if (typeof d.repository === 'string') d.repository = { type: 'git', url: d.repository };
  let hosted: Hosted | null = null;
  if (isObject(d.repository) && typeof d.repository.url === 'string') {
    hosted = hostedRepo(d.repository.url);
    if (hosted) d.repository.url = `git+https://${hosted.domain}/${hosted.user}/${hosted.project}.git`;
  }
  fixDependencies(d);

  if (d.description !== undefined && typeof d.description !== 'string') delete d.description;
  if (typeof d.readme === 'string' && d.readme && !d.description && d.readme !== 'ERROR: No README data found!') d.description = extractDescription(d.readme);
  if (d.description === undefined) delete d.description;
  delete d.modules;
  if (d.files && !Array.isArray(d.files)) delete d.files;
  else if (Array.isArray(d.files)) d.files = d.files.filter((f) => f && typeof f === 'string');
  if (typeof d.man === 'string') d.man = [d.man];

  if (!d.bugs && hosted) d.bugs = { url: `https://${hosted.domain}/${hosted.user}/${hosted.project}/issues` };
  else if (d.bugs) {
    if (typeof d.bugs === 'string') {
      if (isEmail(d.bugs)) d.bugs = { email: d.bugs };
      else if (canParse(d.bugs)) d.bugs = { url: d.bugs };
    } else if (isObject(d.bugs)) {
      const old = d.bugs;
      const url = old.url ?? old.web ?? old.name;
      const bugs: Data = {};
      if (typeof url === 'string' && canParse(url)) bugs.url = url;
      if (typeof old.email === 'string' && isEmail(old.email)) bugs.email = old.email;
      if (Object.keys(bugs).length) d.bugs = bugs;
      else delete d.bugs;
    }
  }

  if (typeof d.keywords === 'string') d.keywords = d.keywords.split(/,\s+/);
  if (d.keywords && !Array.isArray(d.keywords)) delete d.keywords;
  else if (Array.isArray(d.keywords)) d.keywords = d.keywords.filter((k) => typeof k === 'string' && k);

  if (d.bundleDependencies && !Array.isArray(d.bundleDependencies)) delete d.bundleDependencies;
  else if (Array.isArray(d.bundleDependencies)) {
    d.bundleDependencies = d.bundleDependencies.filter((b) => {
      if (!b || typeof b !== 'string') return false;
      const deps = isObject(d.dependencies) ? d.dependencies : (d.dependencies = {});
      if (!Object.prototype.hasOwnProperty.call(deps, b)) deps[b] = '*';
      return true;
    });
  }

  if (!d.homepage && hosted) d.homepage = `https://${hosted.domain}/${hosted.user}/${hosted.project}#readme`;
  if (d.homepage) {
    if (typeof d.homepage !== 'string') delete d.homepage;
    else if (!canParse(d.homepage)) d.homepage = `http://${d.homepage}`;
  }
  if (!d.readme) d.readme = 'ERROR: No README data found!';
  if (d.author) d.author = person(d.author);
  for (const set of ['maintainers', 'contributors']) if (Array.isArray(d[set])) d[set] = (d[set] as unknown[]).map(person);
}
