/**
 * Hostile archives from the security review (H2, H3, M2, I5), as pure functions of their
 * parameters, for the archive-bombs spec and for fuzzing: each returns the bytes an attacker
 * would upload. They are made here (no python, no fixtures on disk) and cheaply: gzip may be
 * several members back to back, so a long run of zeros is compressed once and repeated.
 */
import zlib from 'node:zlib';

const MiB = 1024 * 1024;

/**
 * H2: 977 bytes of bzip2 that decompress to 80 × 16 MiB of zeros, made by
 *   python3 -c "import bz2;c=bz2.BZ2Compressor(9);o=open('bomb-1.0-0.tar.bz2','wb');[o.write(c.compress(b'\0'*(1<<24))) for _ in range(80)];o.write(c.flush())"
 * (kept as bytes: Node has no bzip2 compressor).
 */
export function bz2Bomb(): Buffer {
  return Buffer.from(
    'QlpoOTFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAI' +
    'IAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLf' +
    'AV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcx' +
    'QVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBN' +
    'RkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAA' +
    'wAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZ' +
    'Dgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWp' +
    'CoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAgg' +
    'ADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8B' +
    'X45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFB' +
    'WSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1mIcWl2AFUDxADAAAAEAAggADDM' +
    'BSmmqAkmwIEk8XckU4UJDC/gJxA=',
    'base64',
  );
}

/** A zip of stored members (what a .conda is), with CRCs, local headers and a central directory. */
export function storedZip(members: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const n = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    central.push(entry, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * H3: a .conda whose info-{stem}.tar.zst is a zstd frame declaring a 1.875 GiB window
 * (header 28 b5 2f fd 00 a7) followed by `blocks` RLE blocks of 128 KiB. 96 blocks make the
 * review's 671-byte file, 8,800 its 35 KB one.
 */
export function condaWindowBomb(stem: string, blocks: number, windowDescriptor = 0xa7): Buffer {
  const frame = Buffer.alloc(6 + 4 * blocks);
  frame.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowDescriptor]);
  for (let i = 0; i < blocks; i++) {
    const h = (128 * 1024 * 8) | (1 << 1) | (i === blocks - 1 ? 1 : 0);
    frame.set([h & 255, (h >> 8) & 255, (h >> 16) & 255, 0], 6 + 4 * i);
  }
  return storedZip([
    ['metadata.json', Buffer.from('{"conda_pkg_format_version": 2}')],
    [`info-${stem}.tar.zst`, frame],
  ]);
}

/** A ustar header (type '0' file, 'L' GNU long name). */
export function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 99), 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** Zeros to the next 512-byte boundary of a member of `size` bytes. */
const pad = (size: number) => Buffer.alloc((512 - (size % 512)) % 512);

/** gzip of `n` zero bytes, compressed once per size (a gzip member to repeat). */
const zeroMembers = new Map<number, Buffer<ArrayBufferLike>>();
function gzipZeros(n: number): Buffer {
  let z = zeroMembers.get(n);
  if (!z) zeroMembers.set(n, (z = zlib.gzipSync(Buffer.alloc(n), { level: 9 })));
  return z;
}

const npmPackageJson = (name: string) => {
  const body = Buffer.from(JSON.stringify({ name, version: '1.0.0', description: 'an archive bomb' }));
  return zlib.gzipSync(Buffer.concat([tarHeader('package/package.json', body.length), body, pad(body.length)]));
};
const tarEnd = () => zlib.gzipSync(Buffer.alloc(1024));

/**
 * M2: an npm tarball (~1 MB) with `count` members package/README.<n> of `size` zero bytes each
 * (the review: 120 × (8 MiB − 1 KiB), 960 MiB unpacked).
 */
export function npmReadmeBomb(name: string, count = 120, size = 8 * MiB - 1024): Buffer {
  const parts: Buffer<ArrayBufferLike>[] = [npmPackageJson(name)];
  for (let i = 0; i < count; i++) parts.push(zlib.gzipSync(tarHeader(`package/README.${i}`, size)), gzipZeros(size), zlib.gzipSync(pad(size)));
  parts.push(tarEnd());
  return Buffer.concat(parts);
}

/**
 * M2: an npm tarball (~1 MB) with `count` empty members whose GNU long names are `length`
 * bytes each, all different (the review: 240 names of ~4 MiB; tar-stream takes up to 4 MiB).
 */
export function npmLongNamesBomb(name: string, count = 240, length = 4 * MiB - 4096): Buffer {
  const parts: Buffer<ArrayBufferLike>[] = [npmPackageJson(name)];
  for (let i = 0; i < count; i++) {
    const head = Buffer.from(`package/${i}-`);
    const data = length + 1; // the name and its NUL
    parts.push(zlib.gzipSync(Buffer.concat([tarHeader('././@LongLink', data, 'L'), head])), gzipRun(length - head.length));
    parts.push(zlib.gzipSync(Buffer.concat([Buffer.alloc(1), pad(data), tarHeader(`package/${i}-long`, 0)])));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}

/** gzip of `n` bytes of "a", compressed once per size. */
const runMembers = new Map<number, Buffer<ArrayBufferLike>>();
function gzipRun(n: number): Buffer {
  let z = runMembers.get(n);
  if (!z) runMembers.set(n, (z = zlib.gzipSync(Buffer.alloc(n, 0x61), { level: 9 })));
  return z;
}

/** M2: an npm publish body of about `bytes` bytes (the tarball's base64 is zeros' "A"s). */
export function bigPublishBody(name: string, bytes: number): Buffer {
  const head = Buffer.from(JSON.stringify({ name, versions: { '1.0.0': { name, version: '1.0.0', dist: { shasum: '0'.repeat(40) } } }, _attachments: { [`${name}-1.0.0.tgz`]: { data: '' } } }).slice(0, -3));
  const tail = Buffer.from('"}}}');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), 0x41), tail]);
}

/**
 * I5: a twine upload (multipart/form-data) whose metadata fields come before the file:
 * `fields` fields of `fieldBytes` bytes each, then a tiny "content" file.
 */
export function bigTwineForm(project: string, fields: number, fieldBytes: number): { body: Buffer; contentType: string } {
  const boundary = 'tollgate-bomb-boundary';
  const part = (name: string, value: Buffer | string, filename?: string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n`),
      Buffer.isBuffer(value) ? value : Buffer.from(value),
      Buffer.from('\r\n'),
    ]);
  const parts = [part(':action', 'file_upload'), part('name', project), part('version', '1.0')];
  for (let i = 0; i < fields; i++) parts.push(part(`classifiers`, Buffer.alloc(fieldBytes, 0x61)));
  parts.push(part('content', Buffer.from('not really a wheel'), `${project}-1.0-py3-none-any.whl`), Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
