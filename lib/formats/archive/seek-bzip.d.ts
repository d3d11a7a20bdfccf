// seek-bzip ships no types; only the decoder entry point is used (decompress.ts).
declare module 'seek-bzip' {
  type InputStream = { readByte(): number; read(buf: Buffer, offset: number, length: number): number; seek(pos: number): void; eof(): boolean };
  type OutputStream = { writeByte(byte: number): void };
  const Bunzip: { decode(input: Buffer | InputStream, output?: OutputStream | Buffer | number, multistream?: boolean): Buffer | undefined };
  export default Bunzip;
}
