// The local-directory blob store: DATA_DIR/blobs/<aa>/<bb>/<sha256>, with
// uploads in progress under DATA_DIR/blobs/tmp/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLargeError, SMALL_READ_BYTES, type BlobDigests, type BlobStore, type ByteRange } from './blob-store';

const KEY = /^[0-9a-f]{64}$/;

// Open descriptors of recently read blobs. Blobs never change once written, so
// a cached descriptor stays valid; it saves open/close (two of the three
// syscalls) on every small download.
class DescriptorCache {
  private fds = new Map<string, Promise<number>>();
  constructor(private readonly max = 256) {}

  get(file: string): Promise<number> {
    const hit = this.fds.get(file);
    if (hit) {
      this.fds.delete(file); // refresh LRU position
      this.fds.set(file, hit);
      return hit;
    }
    // A raw descriptor (fs.open), not a FileHandle, which would close itself on GC.
    const fd = new Promise<number>((resolve, reject) => fs.open(file, 'r', (err, n) => (err ? reject(err) : resolve(n))));
    fd.catch(() => this.fds.delete(file));
    this.fds.set(file, fd);
    if (this.fds.size > this.max) this.evict(this.fds.keys().next().value!);
    return fd;
  }

  evict(file: string) {
    const fd = this.fds.get(file);
    this.fds.delete(file);
    fd?.then((n) => fs.close(n, () => {})).catch(() => {});
  }
}

export class LocalBlobStore implements BlobStore {
  private readonly tmp: string;
  private readonly fds = new DescriptorCache();
  constructor(private readonly root: string) {
    this.tmp = path.join(root, 'tmp');
    // Private artifacts' bytes: readable by this user only, whatever the umask.
    fs.mkdirSync(this.tmp, { recursive: true, mode: 0o700 });
  }

  private file(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid blob key');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(body: Readable, opts: { maxBytes?: number } = {}): Promise<BlobDigests> {
    const tmpFile = path.join(this.tmp, `${crypto.randomUUID()}.part`);
    const hashes = { sha256: crypto.createHash('sha256'), sha1: crypto.createHash('sha1'), md5: crypto.createHash('md5'), sha512: crypto.createHash('sha512') };
    let size = 0;
    const limit = opts.maxBytes ?? Infinity;
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) return done(new BlobTooLargeError(limit));
        for (const h of Object.values(hashes)) h.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, hasher, fs.createWriteStream(tmpFile, { flags: 'wx', mode: 0o600 }));
      const digests: BlobDigests = {
        sha256: hashes.sha256.digest('hex'),
        sha1: hashes.sha1.digest('hex'),
        md5: hashes.md5.digest('hex'),
        sha512: hashes.sha512.digest('base64'),
        size,
      };
      const dest = this.file(digests.sha256);
      await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
      // Same content already stored: keep the existing file (identical bytes).
      if (fs.existsSync(dest)) {
        await fsp.rm(tmpFile, { force: true });
        const now = new Date();
        await fsp.utimes(dest, now, now);
      } else {
        await fsp.rename(tmpFile, dest);
      }
      return digests;
    } catch (err) {
      await fsp.rm(tmpFile, { force: true });
      throw err;
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fsp.stat(this.file(key))).size;
    } catch {
      return null;
    }
  }

  async ageMs(key: string): Promise<number | null> {
    try {
      return Date.now() - (await fsp.stat(this.file(key))).mtimeMs;
    } catch {
      return null;
    }
  }

  async *keys(): AsyncIterable<string> {
    for (const a of await fsp.readdir(this.root)) {
      if (a === 'tmp' || a.length !== 2) continue;
      for (const b of await fsp.readdir(path.join(this.root, a))) {
        for (const key of await fsp.readdir(path.join(this.root, a, b))) if (KEY.test(key)) yield key;
      }
    }
  }

  read(key: string, range?: ByteRange): Readable {
    return fs.createReadStream(this.file(key), range ? { start: range.start, end: range.end } : {});
  }

  async readSmall(key: string, range: ByteRange): Promise<Buffer> {
    const length = range.end - range.start + 1;
    if (length > SMALL_READ_BYTES) throw new Error('readSmall is for small ranges');
    const file = this.file(key);
    const fd = await this.fds.get(file);
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await new Promise<{ bytesRead: number }>((resolve, reject) =>
      fs.read(fd, buffer, 0, length, range.start, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead }))),
    );
    if (bytesRead !== length) {
      this.fds.evict(file);
      throw new Error(`short read of blob ${key}`);
    }
    return buffer;
  }

  async delete(key: string): Promise<void> {
    this.fds.evict(this.file(key));
    await fsp.rm(this.file(key), { force: true });
  }

  async cleanup(): Promise<number> {
    const names = await fsp.readdir(this.tmp);
    await Promise.all(names.map((n) => fsp.rm(path.join(this.tmp, n), { force: true })));
    return names.length;
  }
}
