import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { BlobTooLargeError } from './blob-store';
import { LocalBlobStore } from './local-store';

const tempStore = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-blobs-'));
  return { root, store: new LocalBlobStore(root) };
};

describe('LocalBlobStore', () => {
  it('stores by sha256 with every digest, and reads whole or by range', async () => {
    const { store } = tempStore();
    const d = await store.put(Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    expect(d.sha256).toBe(crypto.createHash('sha256').update('hello world').digest('hex'));
    expect(d.sha1).toBe(crypto.createHash('sha1').update('hello world').digest('hex'));
    expect(d.md5).toBe(crypto.createHash('md5').update('hello world').digest('hex'));
    expect(d.sha512).toBe(crypto.createHash('sha512').update('hello world').digest('base64'));
    expect(d.size).toBe(11);
    expect(await store.size(d.sha256)).toBe(11);
    expect(await text(store.read(d.sha256))).toBe('hello world');
    expect(await text(store.read(d.sha256, { start: 6, end: 10 }))).toBe('world');
  });

  it('leaves nothing behind when the body fails halfway or exceeds the limit', async () => {
    const { root, store } = tempStore();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('client went away');
    await expect(store.put(Readable.from([Buffer.alloc(2048)]), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
    expect(fs.readdirSync(root)).toEqual(['tmp']);
  });

  it('cleanup removes leftovers of killed uploads', async () => {
    const { root, store } = tempStore();
    fs.writeFileSync(path.join(root, 'tmp', 'abc.part'), 'partial');
    expect(await store.cleanup()).toBe(1);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('refuses keys that are not sha256 hex (no path tricks)', async () => {
    const { store } = tempStore();
    expect(() => store.read('../../etc/passwd')).toThrow('invalid blob key');
    expect(await store.size('../x')).toBeNull();
  });
});
