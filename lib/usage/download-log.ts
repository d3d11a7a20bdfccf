// Download events (docs/permissions.md: every artifact download is recorded). The hot
// path only appends to an in-memory queue; a timer writes batches with one
// INSERT, so a download never waits on the database. A clean shutdown drains
// the queue (server.ts). If the database is unavailable, events wait in
// memory up to MAX_QUEUED and the oldest are dropped (and counted) beyond.
// The writer speaks SQL on the driver (download-writer.ts): this is the hot path.
import { env } from '@/lib/env';
import { createDownloadWriter } from './download-writer';

export type DownloadEventInput = {
  at: Date;
  orgId: string;
  repositoryId: string;
  path: string;
  bytes: number;
  credentialType: 'anonymous' | 'pat' | 'entitlement' | 'signed_url';
  credentialId: string | null;
  userId: string | null;
  entitlementId: string | null;
  clientAddress: string;
  userAgent: string;
};

const FLUSH_EVERY_MS = 1_000;
const BATCH = 500;
const MAX_QUEUED = 100_000;

export class DownloadLog {
  private queue: DownloadEventInput[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  dropped = 0;

  constructor(private readonly write: (batch: DownloadEventInput[]) => Promise<unknown>) {}

  record(event: DownloadEventInput) {
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(event);
    if (this.queue.length >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** Writes what is queued; concurrent calls share one flush. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing ??= (async () => {
      try {
        while (this.queue.length) {
          const batch = this.queue.slice(0, BATCH);
          try {
            await this.write(batch);
          } catch (err) {
            console.error(`[tollgate] could not record ${batch.length} download event(s), will retry: ${(err as Error).message}`);
            this.timer ??= setTimeout(() => void this.flush(), 5 * FLUSH_EVERY_MS).unref();
            return;
          }
          this.queue.splice(0, batch.length);
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  get pending() {
    return this.queue.length;
  }
}

const g = globalThis as unknown as { tollgateDownloadLog?: DownloadLog };

export function downloadLog(): DownloadLog {
  g.tollgateDownloadLog ??= new DownloadLog(createDownloadWriter(env().database));
  return g.tollgateDownloadLog;
}
