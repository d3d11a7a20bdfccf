// The production front: one Node HTTP server in front of Next.js. It applies
// pending migrations, builds when needed, stamps each request with the
// client's address (see lib/http/client-address.ts) and hands it to Next.
// Native tool paths (/raw, /pypi, /npm, /conda, /t/) will be dispatched here to
// framework-free code in lib/native before Next sees them: Next's request
// pipeline costs ~0.9 ms of CPU per request, too much for the download path.
import http from 'node:http';
import next from 'next';
import { env } from '@/lib/env';
import { migrate } from '@/lib/db/migrate';
import { CLIENT_ADDRESS_HEADER, parseTrustList, resolveClientAddress } from '@/lib/http/client-address';
import { buildIsCurrent, runBuild } from '@/lib/server/build-stamp';
import { handleNativeNode } from '@/lib/native/node-adapter';
import { isNativePath } from '@/lib/native/types';
import { blobStore } from '@/lib/storage';
import { downloadLog } from '@/lib/usage/download-log';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const log = (line: string) => console.log(`[tollgate] ${line}`);

async function main() {
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

  const server = http.createServer((req, res) => {
    const forwarded = req.headers['x-forwarded-for'];
    const address = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, proxies);
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    if (isNativePath(req.url ?? '/')) {
      handleNativeNode(req, res, address)
        .then((handled) => {
          if (!handled) void handle(req, res);
        })
        .catch((err: Error) => {
          console.error('[tollgate] native route failed:', err);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"internal_error","message":"Something went wrong on our side."}}');
        });
      return;
    }
    if (!decodable(req.url ?? '/')) {
      // Next answers a malformed percent-encoding with a bare 500; say what is wrong.
      const api = (req.url ?? '').startsWith('/api/');
      res.writeHead(400, { 'content-type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' });
      res.end(api ? '{"error":{"code":"invalid_request","message":"The URL is not valid percent-encoding."}}' : 'Bad request: the URL is not valid percent-encoding.\n');
      return;
    }
    void handle(req, res);
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
