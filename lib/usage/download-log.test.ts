import { describe, expect, it } from 'vitest';
import { DownloadLog, type DownloadEventInput } from './download-log';

const event = (i: number): DownloadEventInput => ({
  at: new Date(), orgId: 'o', repositoryId: 'r', path: `f${i}`, bytes: i, credentialType: 'anonymous',
  credentialId: null, userId: null, entitlementId: null, clientAddress: '127.0.0.1', userAgent: 'test',
});

describe('DownloadLog', () => {
  it('writes queued events in batches and nothing twice', async () => {
    const written: DownloadEventInput[][] = [];
    const log = new DownloadLog(async (b) => void written.push(b));
    for (let i = 0; i < 1200; i++) log.record(event(i));
    await log.flush();
    expect(written.map((b) => b.length)).toEqual([500, 500, 200]);
    expect(written.flat().map((e) => e.bytes)).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    expect(log.pending).toBe(0);
  });

  it('keeps events when the database fails and writes them on the next flush', async () => {
    let fail = true;
    const written: DownloadEventInput[] = [];
    const log = new DownloadLog(async (b) => {
      if (fail) throw new Error('database down');
      written.push(...b);
    });
    log.record(event(1));
    log.record(event(2));
    await log.flush();
    expect(log.pending).toBe(2);
    fail = false;
    await log.flush();
    expect(written.map((e) => e.path)).toEqual(['f1', 'f2']);
  });
});
