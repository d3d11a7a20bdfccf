// Reading a few small members (metadata) out of archives without unpacking
// them: zip through random access (only the central directory and the wanted
// members are read), tar as a stream that stops as soon as everything wanted
// was found. Every member is capped in size, so a hostile archive (a zip
// bomb, a huge "metadata" file) costs at most the cap. This runs in the
// inspection worker (inspect.ts), never on the server's event loop.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import { sourceStream, type ByteSource } from './byte-source';
import { ArchiveError } from './errors';

export { ArchiveError };

/** The largest member read into memory. */
export const MAX_MEMBER_BYTES = 8 * 1024 * 1024;

/** A member name as `want` sees it: forward slashes, no leading "./". */
const clean = (name: string) => name.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

class SourceReader extends yauzl.RandomAccessReader {
  constructor(private readonly source: ByteSource) {
    super();
  }
  _readStreamForRange(start: number, end: number): Readable {
    return sourceStream(this.source, start, Math.max(start, end));
  }
}

async function collect(stream: AsyncIterable<Buffer> & { destroy(): void }, limit: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      throw new ArchiveError(`${name} is larger than ${limit} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The members of the zip `source` for which `want` is true, by cleaned name.
 * Bytes that are not a zip are an ArchiveError.
 */
export async function readZipMembers(source: ByteSource, want: (name: string) => boolean, limit = MAX_MEMBER_BYTES): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new SourceReader(source), source.size, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (err) {
    throw new ArchiveError(`Not a zip archive (${(err as Error).message}).`);
  }
  const found = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const name = clean(entry.fileName);
      if (name.endsWith('/') || !want(name)) continue;
      if (entry.uncompressedSize > limit) throw new ArchiveError(`${name} is larger than ${limit} bytes.`);
      found.set(name, await collect((await zip.openReadStreamPromise(entry)) as Readable & AsyncIterable<Buffer>, limit, name));
    }
  } catch (err) {
    throw err instanceof ArchiveError ? err : new ArchiveError(`The zip archive is damaged (${(err as Error).message}).`);
  } finally {
    zip.close();
  }
  return found;
}

/**
 * The members of an (already decompressed) tar stream for which `want` is
 * true. Reading stops early once `done(found)` says everything is there (it
 * is asked after every member, so it may also stop on what `want` has seen:
 * conda's info/ members come first); the source is then destroyed. `want`
 * may drop members found earlier (npm keeps one README). A stream that is
 * not a tar is an ArchiveError, and so is what `want` throws.
 */
export async function readTarMembers(
  source: Readable,
  want: (name: string, found: Map<string, Buffer>) => boolean,
  done: (found: Map<string, Buffer>) => boolean = () => false,
  limit = MAX_MEMBER_BYTES,
): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const extract = tar.extract();
  const reading = (async () => {
    for await (const entry of extract) {
      const name = clean(entry.header.name);
      if (entry.header.type === 'file' && want(name, found)) {
        if ((entry.header.size ?? 0) > limit) throw new ArchiveError(`${name} is larger than ${limit} bytes.`);
        found.set(name, await collect(entry as typeof entry & AsyncIterable<Buffer>, limit, name));
        if (done(found)) return true;
      } else {
        entry.resume();
        if (done(found)) return true;
      }
    }
    return false;
  })();
  const feeding = pipeline(source, extract as unknown as NodeJS.WritableStream).catch((err: unknown) => err);
  try {
    const early = await reading;
    if (early) {
      source.destroy();
      extract.destroy();
    } else {
      const err = await feeding;
      if (err) throw err;
    }
  } catch (err) {
    source.destroy();
    throw err instanceof ArchiveError ? err : new ArchiveError(`Not a readable tar archive (${(err as Error).message}).`);
  }
  return found;
}
