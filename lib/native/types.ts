// The native tool path's own small request/response interface, free of any
// framework: the production front (server.ts) adapts Node's http objects to
// it, and the Next route handlers adapt Request/Response (for `next dev`).
import type { Readable } from 'node:stream';

export type NativeRequest = {
  method: string;
  /** The path as sent, still percent-encoded, without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The client address (already resolved through TRUST_PROXY). */
  address: string;
  body: Readable;
};

export type NativeResponse = {
  status: number;
  headers: Record<string, string>;
  /** A promise for small bodies read in one call (see serve-file.ts). */
  body?: string | Buffer | Readable | Promise<Buffer> | null;
  /** Called once the response is over, with the body bytes actually sent. */
  onSent?: (bytes: number) => void;
};
