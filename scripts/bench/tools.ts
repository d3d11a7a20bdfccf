// The outside programs of `npm run bench`: Debian's wrk and nginx-light (installed with apt-get
// when missing), wrk runs, an nginx of the bench's own, and curl for the big-file transfers (a C
// client, like wrk, so the figure is the server's and not a Node client's).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A failure that stops the run (it could not measure): printed as `error: …`. */
export class BenchError extends Error {}

/** The absolute path of an executable on PATH (or among `extra`), or undefined. */
export function which(name: string, extra: string[] = []): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':').filter(Boolean), ...extra]) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export const nginxBin = () => which('nginx', ['/usr/sbin']);

/** Installs what is missing of wrk, nginx-light and curl (the bench's HTTP client; absent from slim images). */
export function ensurePackages(log: (msg: string) => void): void {
  const missing = [!which('wrk') && 'wrk', !nginxBin() && 'nginx-light', !which('curl') && 'curl'].filter((p): p is string => !!p);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new BenchError(`missing ${missing.join(' ')}; run as root (apt-get) or install them`);
  log(`installing ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new BenchError(`apt-get ${args[0]} failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
  if (!nginxBin()) throw new BenchError('nginx not found after installing nginx-light');
}

/** The first line of a program's answer to a version flag (wrk and nginx print it on stderr). */
export function versionLine(cmd: string, flag: string): string {
  const r = spawnSync(cmd, [flag], { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0]!.trim();
}

// Children running now, stopped by pid when the run ends early (failure, Ctrl-C).
const running = new Set<ChildProcess>();
let stopping = false;

export function stopChildren(): void {
  stopping = true;
  for (const child of running) child.kill('SIGTERM');
}

/** Runs `cmd` to its end; stdout into `outFile` when given, else returned. Once stopChildren() ran, only `duringCleanup` runs start. */
export function run(
  cmd: string,
  args: string[],
  opts: { outFile?: string; env?: NodeJS.ProcessEnv; duringCleanup?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (stopping && !opts.duringCleanup) return Promise.reject(new BenchError('stopping'));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    running.add(child);
    const file = opts.outFile ? createWriteStream(opts.outFile) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (file ? file.write(d) : (stdout += d.toString('utf8'))));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (err) => {
      running.delete(child);
      reject(new BenchError(`${cmd}: ${err.message}`));
    });
    child.on('close', (code) => {
      running.delete(child);
      if (file) file.end(() => resolve({ code, stdout: readFileSync(opts.outFile!, 'utf8'), stderr }));
      else resolve({ code, stdout, stderr });
    });
  });
}

export type Wrk = { threads: number; connections: number; header: string };

/** One wrk run against `url`; its output goes to `outFile` and is returned. */
export async function wrk(w: Wrk, duration: string, url: string, outFile: string, latency: boolean): Promise<string> {
  const args = [`-t${w.threads}`, `-c${w.connections}`, `-d${duration}`, ...(latency ? ['--latency'] : []), '-H', w.header, url];
  const r = await run('wrk', args, { outFile });
  if (r.code !== 0) throw new BenchError(`wrk ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** curl with `-w FORMAT`: the answer's write-out fields, split on spaces. */
export async function curlWriteOut(args: string[], format: string): Promise<string[]> {
  const r = await run('curl', ['-sS', '-w', format, ...args]);
  if (r.code !== 0) throw new BenchError(`curl ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.trim().split(/\s+/);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export type Nginx = { pid: number; port: number; dir: string; configLines: number; stop(): Promise<void> };

/**
 * nginx with its own config in `dir`, on a loopback port, serving the files of `root`. In its
 * own process group (detached), so a Ctrl-C in the terminal stops it only through the bench.
 */
export async function startNginx(bin: string, dir: string, root: string, port: number): Promise<Nginx> {
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  const errorLog = path.join(dir, 'error.log');
  let temps = ['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'];
  const config = () => [
    'daemon off;',
    'worker_processes auto;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${errorLog} warn;`,
    // As root, workers would otherwise run as nobody, who cannot enter the private temp dir.
    ...(process.getuid?.() === 0 ? [`user ${os.userInfo().username} ${groupName()};`] : []),
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  keepalive_requests 1000000;',
    '  keepalive_timeout 65s;',
    '  default_type application/octet-stream;',
    ...temps.map((d) => `  ${d} ${dir}/${d.replace(/_temp_path$/, '')};`),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    root ${root};`,
    '    location / { }',
    '  }',
    '}',
  ];
  // nginx-light may lack a module whose temp path directive we set: drop such lines and retry.
  for (let attempt = 0; ; attempt++) {
    writeFileSync(conf, `${config().join('\n')}\n`);
    const t = spawnSync(bin, ['-t', '-q', '-p', dir, '-c', conf, '-e', errorLog], { encoding: 'utf8' });
    if (t.status === 0) break;
    const unknown = /unknown directive "([a-z_]+)"/.exec(t.stderr ?? '')?.[1];
    if (!unknown || attempt >= 5) throw new BenchError(`nginx rejects its config:\n${t.stderr}`);
    temps = temps.filter((d) => d !== unknown);
  }
  const log = createWriteStream(path.join(dir, 'nginx.log'));
  const child = spawn(bin, ['-p', dir, '-c', conf, '-e', errorLog], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] } satisfies SpawnOptions);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const pid = child.pid;
  if (!pid) throw new BenchError(`could not start ${bin}`);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (!alive(pid)) return;
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50 && alive(pid); i++) await Promise.race([exited, sleep(100)]);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    await exited;
  };
  return { pid, port, dir, configLines: config().length, stop };
}

function groupName(): string {
  const gid = process.getgid?.();
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}
