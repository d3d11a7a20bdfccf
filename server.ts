// The production front: one Node HTTP server in front of Next.js. It applies
// pending migrations, builds when needed, stamps each request with the
// client's address (see lib/http/client-address.ts) and hands it to Next.
// Native tool paths (one prefix per format in lib/formats/registry.ts, and /t/)
// are dispatched here to framework-free code in lib/native before Next sees
// them: Next's request pipeline costs ~0.9 ms of CPU per request, too much for
// the download path.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { env } from '@/lib/env';
import { migrate } from '@/lib/db/migrate';
import { CLIENT_ADDRESS_HEADER, parseTrustList, resolveClientAddress, trusted } from '@/lib/http/client-address';
import { buildIsCurrent, runBuild } from '@/lib/server/build-stamp';
import { badRequest, errorJson, internalError, notFound, type ApiError } from '@/lib/http/errors';
import { bodyLimit, bodyRefusal, capBody, consoleHeaders, idleLimit } from '@/lib/server/front-guards';
import { handleNativeNode, isNativePath } from '@/lib/formats/native-routes';
import { blobStore } from '@/lib/storage';
import { downloadLog } from '@/lib/usage/download-log';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const log = (line: string) => console.log(`[tollgate] ${line}`);

/** How much of a refused body is read and dropped before the connection is cut (see refuse()). */
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 10_000;

async function main() {
  // DATA_DIR holds the database, private artifacts' bytes and secrets: nothing
  // this process creates is readable by other users of the machine.
  process.umask(0o077);
  const config = env();
  const migrated = await migrate(config.database, log);
  log(`database: ${config.database.provider}, ${migrated.total} migrations, ${migrated.applied.length} applied now`);
  const leftovers = await blobStore().cleanup();
  if (leftovers) log(`removed ${leftovers} partial upload(s) left by an earlier run`);

  // TOLLGATE_BUILD=never: use the build as it is (test runs that built once already).
  if (!dev && process.env.TOLLGATE_BUILD !== 'never' && !buildIsCurrent(root)) {
    log('no current production build: running `next build` (once; takes a minute or two)');
    runBuild(root);
  }

  // next-auth reads its base URL from the environment.
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  process.env.NEXT_TELEMETRY_DISABLED = '1';

  const app = next({ dev, dir: root, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const proxies = parseTrustList(config.trustProxy);
  const pageHeaders = consoleHeaders(config.publicUrl, dev);
  // With a download origin of its own, that host serves package-tool routes only.
  const downloadHost = config.downloadUrl !== config.publicUrl ? new URL(config.downloadUrl).host : null;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const forwarded = req.headers['x-forwarded-for'];
    const address = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, proxies);
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    // What a proxy says about the original host and scheme is believed only from a proxy we trust.
    if (!trusted(req.socket.remoteAddress ?? '', proxies)) {
      delete req.headers['x-forwarded-host'];
      delete req.headers['x-forwarded-proto'];
    }
    idleLimit(req, config.idleTimeout * 1000);
    if (isNativePath(req.url ?? '/')) {
      handleNativeNode(req, res, address)
        .then((handled) => {
          if (!handled) void handle(req, res);
        })
        .catch((err: Error) => {
          console.error('[tollgate] native route failed:', err);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(errorJson(internalError()));
        });
      return;
    }
    if (downloadHost && req.headers.host === downloadHost) {
      refuse(req, res, notFound('This host serves package downloads only.'), true);
      return;
    }
    for (const [k, v] of Object.entries(pageHeaders)) res.setHeader(k, v);
    const refusal = bodyRefusal(req);
    if (refusal) {
      refuse(req, res, refusal, (req.url ?? '').startsWith('/api/'));
      return;
    }
    const limit = bodyLimit(req);
    if (limit !== null && req.headers['transfer-encoding'] !== undefined) capBody(req, res, limit, LINGER_BYTES);
    if (!decodable(req.url ?? '/')) {
      // Next answers a malformed percent-encoding with a bare 500; say what is wrong.
      const api = (req.url ?? '').startsWith('/api/');
      const err = badRequest('The URL is not valid percent-encoding.');
      res.writeHead(400, { 'content-type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' });
      res.end(api ? errorJson(err) : 'Bad request: the URL is not valid percent-encoding.\n');
      return;
    }
    void handle(req, res);
  };

  const server = http.createServer({ requestTimeout: 0, headersTimeout: 60_000 }, onRequest);
  // Node's own requestTimeout (300 s for a whole request) would cut off any
  // upload slower than 34 MB/s of the 10 GiB allowed: it is off, and a body
  // silent for IDLE_TIMEOUT seconds is dropped instead (idleLimit).
  // curl and others ask before sending a large body: a body that would be refused is never sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!isNativePath(req.url ?? '/') && bodyRefusal(req)) return onRequest(req, res);
    res.writeContinue();
    onRequest(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(config.port, () => log(`listening on ${config.publicUrl} (port ${config.port}${dev ? ', development' : ''})`));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    // Recorded downloads still in memory are written before exiting.
    const exit = () => void downloadLog().flush().finally(() => process.exit(0));
    server.close(exit);
    server.closeIdleConnections();
    setTimeout(exit, 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * A refusal before Next: the API's error shape under /api/, plain text
 * elsewhere. The answer goes out whole at once (it has a Content-Length), but
 * the response is ended only once the unread body has been read and dropped
 * (never held), up to LINGER_BYTES or LINGER_MS: closing at once would reset
 * a client that is still sending (`Connection: close`) before it reads why.
 */
function refuse(req: IncomingMessage, res: ServerResponse, r: ApiError, api: boolean) {
  const body = api ? errorJson(r) : `${r.message}\n`;
  res.writeHead(r.status, {
    'content-type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close', // the rest of the body is dropped: this connection carries nothing after it
  });
  res.write(body);
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) cut();
  });
  req.on('end', () => res.end());
  req.on('close', () => clearTimeout(timer));
}

function decodable(url: string): boolean {
  const q = url.indexOf('?');
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return true;
  } catch {
    return false;
  }
}

main().catch((err: Error) => {
  console.error(`[tollgate] could not start: ${err.message}`);
  process.exit(1);
});
