// @ts-check
/**
 * Starts the built portal (dist/) and makes it ready before the first visitor: the catalog is read, the
 * database opened, migrated and seeded at once, so a misconfiguration (another process on the same
 * PGLITE_DIR, a broken catalog, an unreachable DATABASE_URL) stops the process within a second with a message.
 *
 * Request bodies are counted as they arrive and cut at their route's limit (lib/limit-request-body.mjs).
 * Cacheable answers that are still current come from the response cache before Astro runs (see below).
 * Every answer carries its status code's standard reason phrase (lib/standard-reason-phrase.mjs).
 * Responses are compressed (brotli or gzip, the `compression` package); the adapter's static handler already
 * marks hashed files under /_astro/ `Cache-Control: public, max-age=31536000, immutable`.
 * On SIGTERM or SIGINT it stops accepting connections, lets requests in flight finish (at most
 * SHUTDOWN_TIMEOUT_MS, default 10 s), closes the runtime (outbox worker, sweep, database) and exits 0.
 *
 *   node scripts/serve.mjs        (npm start builds first, then runs this)
 */
import { existsSync } from 'node:fs';
import zlib from 'node:zlib';
import compression from 'compression';
import { limitRequestBody } from './lib/limit-request-body.mjs';
import { admitOneClickUnsubscribe } from './lib/one-click-unsubscribe.mjs';
import { serverHooks } from './lib/server-hooks.mjs';
import { listStaticPaths, mayBeStatic } from './lib/static-files.mjs';
import { noteRequest, startWritesAfterReads } from './lib/writes-after-reads.mjs';
import { useStandardReasonPhrase } from './lib/standard-reason-phrase.mjs';

const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('✗ No build found in dist/. Run `npm run build` first (or `npm start`, which builds).');
  process.exit(1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// The adapter runs in middleware mode (astro.config.mjs) so that the entry also exports the app's own handler;
// startServer() still gives the standalone server, whose handler serves static files first.
const { startServer, handler: appHandler } = await import(entry.href);
const { server } = startServer();
const staticPaths = listStaticPaths(new URL('../dist/client/', import.meta.url));
/** @type {import('node:http').Server} */
const http = server.server;

// Text responses of 1 KiB or more, brotli (fast setting) or gzip as the client accepts (the `compression`
// package Express uses, applied to the adapter's own request handler).
const compress = compression({ threshold: 1024, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
// The adapter's standalone handler (static files, then the app), for what may be a file of dist/client
// (lib/static-files.mjs); everything else goes to the app's handler at once. Both are wrapped so that
// everything they write may be compressed.
const [standaloneHandler] = http.listeners('request');
http.removeAllListeners('request');
let isShuttingDown = false;
// What the app gives this script once it has loaded (src/server/http/server-hooks.ts).
const hooks = serverHooks();
// Public pages and API answers that have not changed since they were rendered are answered from the portal's
// response cache (src/server/response-cache/), which compresses its own answers; the rest goes to Astro,
// compressed here.
http.on(
  'request',
  (/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) => {
    if (isShuttingDown) res.setHeader('connection', 'close');
    useStandardReasonPhrase(res);
    // Readers first when the thread is busy: writes wait for their share (lib/writes-after-reads.mjs).
    noteRequest(req);
    admitOneClickUnsubscribe(req);
    const toAstro = () =>
      startWritesAfterReads(req, () =>
        limitRequestBody(req, () =>
          // @ts-expect-error: the types describe Express requests; the middleware itself works on plain node:http ones.
          compress(req, res, () =>
            mayBeStatic(staticPaths, req) ? standaloneHandler.call(http, req, res) : appHandler(req, res),
          ),
        ),
      );
    if (hooks.serveCached) void hooks.serveCached(req, res, toAstro);
    else toAstro();
  },
);

http.once('listening', async () => {
  const address = http.address();
  if (!address || typeof address !== 'object') return;
  const isWildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = isWildcard ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
  // The first request starts the runtime; if it cannot start, the middleware prints why and exits.
  const response = await fetch(`http://${host}:${address.port}/healthz`).catch((error) => error);
  if (!(response instanceof Response) || !response.ok) {
    const detail =
      response instanceof Response ? `${response.status} ${await response.text().catch(() => '')}` : response.message;
    console.error(`✗ The portal started but is not healthy: ${detail}`);
    process.exit(1);
  }
});
http.once('error', (/** @type {Error} */ error) => {
  console.error(`✗ The portal cannot listen: ${error.message}. Is another server using the port? Set PORT to another.`);
  process.exit(1);
});

const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

/** @param {string} signal */
async function shutdown(signal) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  console.log(`${signal}: no new connections; waiting for requests in flight (at most ${shutdownTimeoutMs / 1000} s)`);
  const closed = new Promise((resolve) => http.close(() => resolve(true)));
  // Keep-alive connections close as soon as they are idle; busy ones answer with `Connection: close`.
  http.closeIdleConnections();
  const idleSweep = setInterval(() => http.closeIdleConnections(), 100);
  const timedOut = new Promise((resolve) => setTimeout(() => resolve(false), shutdownTimeoutMs).unref());
  const finished = await Promise.race([closed, timedOut]);
  clearInterval(idleSweep);
  if (!finished) {
    console.log('shutdown: requests still running after the timeout; closing their connections');
    http.closeAllConnections();
  }
  try {
    await hooks.closeRuntime?.();
  } catch (error) {
    console.error(`✗ closing the runtime failed: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
  console.log('shutdown: done');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
