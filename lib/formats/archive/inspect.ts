// Archive inspection off the event loop. Decompressing and walking an
// uploaded archive is CPU work an attacker controls (a 1 KB bzip2 bomb once
// froze the server for 72 s), so it runs in worker threads: a small pool,
// each job with a time budget (the worker is terminated when it overruns)
// and V8 heap limits (a worker that dies of them is replaced). Either way
// the upload gets an ArchiveError, which callers answer with a 400; the
// server's event loop only answers the worker's requests for byte ranges.
//
// The worker is loaded by absolute path from the project root, not bundled:
// the same file serves the native routes (tsx server.ts) and the console's
// route handlers inside Next's production bundle. Its entry (plain JS)
// loads the TypeScript through tsx, the project's runtime.
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { blobStore } from '@/lib/storage';
import { ArchiveError } from './errors';
import type { FromWorker, JobMessage, ToWorker } from './protocol';
import type { RecipeArgs, RecipeName, RecipeResult } from './recipes';

/** What the worker reads: ranges of a stored blob, or a buffer in hand. */
export type InspectSource = { size: number; read(start: number, end: number): Promise<Buffer> } | { bytes: Buffer };

export type PoolOptions = {
  /** Workers running at once; jobs beyond wait their turn. */
  size: number;
  /** A job's wall-clock budget once it runs in a worker. */
  budgetMs: number;
  resourceLimits: ResourceLimits;
  entry: string;
};

/**
 * 20 s: a legitimate package's metadata is found in well under a second; a
 * whole 1 GiB npm tarball (the largest we walk) takes a few seconds.
 */
export const INSPECT_BUDGET_MS = 20_000;
/** Heap of a worker: the caps on names and texts (npm) keep real work far below it. */
export const INSPECT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

export const WORKER_ENTRY = 'lib/formats/archive/worker/entry.mjs';

type Job = {
  message: JobMessage;
  source: InspectSource;
  resolve(v: unknown): void;
  reject(e: unknown): void;
};

type Slot = { worker: Worker; ready: Promise<void>; busy: boolean };

const tooLong = (ms: number) => new ArchiveError(`the archive took too long to inspect (more than ${ms / 1000} s).`);
const outOfMemory = () => new ArchiveError('inspecting the archive needs more memory than is allowed.');

export class InspectPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  constructor(private readonly opts: PoolOptions) {}

  run<N extends RecipeName>(recipe: N, args: RecipeArgs<N>, source: InspectSource): Promise<RecipeResult<N>> {
    const size = 'bytes' in source ? source.bytes.length : source.size;
    // A copy for the worker: the caller keeps its buffer (it stores it next).
    const bytes = 'bytes' in source ? new Uint8Array(source.bytes) : undefined;
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({ message: { type: 'job', recipe, args, size, bytes }, source, resolve, reject });
      this.pump();
    }) as Promise<RecipeResult<N>>;
  }

  /** Stops every worker (tests). */
  async close(): Promise<void> {
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private pump() {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.busy);
      if (!slot && this.slots.size < this.opts.size) slot = this.spawn();
      if (!slot) return;
      slot.busy = true;
      void this.execute(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.entry, { resourceLimits: this.opts.resourceLimits, stdout: false, stderr: false });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    ready.catch(() => {});
    const slot: Slot = { worker, ready, busy: false };
    this.slots.add(slot);
    worker.on('exit', () => this.slots.delete(slot));
    return slot;
  }

  private async execute(slot: Slot, job: Job) {
    const { worker } = slot;
    let settled = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = (fail: unknown, value?: unknown, keep = true) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) slot.busy = false;
      else {
        this.slots.delete(slot);
        void worker.terminate();
      }
      if (fail) job.reject(fail);
      else job.resolve(value);
      this.pump();
    };
    const post = (m: ToWorker, transfer: ArrayBuffer[] = []) => {
      if (!settled) worker.postMessage(m, transfer);
    };
    const onMessage = (m: FromWorker) => {
      if (m.type === 'done') finish(null, m.result);
      else if (m.type === 'failed') finish(m.archive ? new ArchiveError(m.message) : new Error(`archive inspection failed: ${m.message}`));
      else if (m.type === 'read' && !('bytes' in job.source)) {
        job.source.read(m.start, m.end).then(
          (buf) => {
            const data = new Uint8Array(buf); // a copy we may transfer
            post({ type: 'bytes', req: m.req, data }, [data.buffer as ArrayBuffer]);
          },
          (err: unknown) => post({ type: 'read-failed', req: m.req, message: (err as Error).message }),
        );
      }
    };
    const onError = (err: Error & { code?: string }) => finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : new ArchiveError(`inspecting the archive failed (${err.message}).`), undefined, false);
    const onExit = (code: number) => finish(new ArchiveError(`inspecting the archive stopped its worker (exit code ${code}).`), undefined, false);
    try {
      await slot.ready;
    } catch (err) {
      this.slots.delete(slot);
      return finish(new Error(`the archive inspection worker did not start: ${(err as Error).message}`), undefined, false);
    }
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    timer = setTimeout(() => finish(tooLong(this.opts.budgetMs), undefined, false), this.opts.budgetMs);
    post(job.message, job.message.bytes ? [job.message.bytes.buffer as ArrayBuffer] : []);
  }
}

const g = globalThis as unknown as { tollgateInspectPool?: InspectPool };

/** The process's pool (shared by the native routes and Next's route handlers, which may load this module twice). */
export function inspectPool(): InspectPool {
  if (!g.tollgateInspectPool) {
    const entry = path.join(process.cwd(), WORKER_ENTRY);
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: the server must run from the project root.`);
    g.tollgateInspectPool = new InspectPool({ size: 2, budgetMs: INSPECT_BUDGET_MS, resourceLimits: INSPECT_LIMITS, entry });
  }
  return g.tollgateInspectPool;
}

/** A stored blob as an inspection source. */
export function blobSource(key: string, size: number): InspectSource {
  return {
    size,
    read: async (start, end) => {
      const chunks: Buffer[] = [];
      if (end > start) for await (const c of blobStore().read(key, { start, end: end - 1 })) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

/** Runs `recipe` on `source` in the process's pool. */
export function inspectArchive<N extends RecipeName>(recipe: N, args: RecipeArgs<N>, source: InspectSource): Promise<RecipeResult<N>> {
  return inspectPool().run(recipe, args, source);
}

/** A structured-clone copy of a Buffer arrives as a Uint8Array: a Buffer view of it. */
export const asBuffer = (u: Uint8Array | undefined) => (u ? Buffer.from(u.buffer, u.byteOffset, u.byteLength) : undefined);
