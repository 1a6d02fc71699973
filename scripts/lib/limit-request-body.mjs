// @ts-check
/**
 * Counts each request's body as it arrives and stops reading it past its limit, so that no handler ever holds
 * more than the limit in memory, whether the client declared a Content-Length or not (chunked).
 *
 * The adapter reads a body from `req.body` when that is an async iterable (astro/app/node `makeRequestBody`);
 * we put a counting one there. The limit comes from the app (src/server/security/request-body-limit.ts), which
 * sets it for the route before any handler reads, and which answers 413 (`Connection: close`) when the body is
 * too large. The app reads the current request's count through the server hooks (`currentBodyCount`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { serverHooks } from './server-hooks.mjs';

/** Until the middleware names the route's limit: the largest any route accepts (the Stripe webhook's). */
const CEILING_BYTES = 1024 * 1024;
/** How long a refused client may go on sending (discarded) after the 413, so that it reads the answer. */
const LINGER_MS = 2000;

/** @typedef {import('./server-hooks.mjs').BodyCount} BodyCount */
/** @type {AsyncLocalStorage<BodyCount>} */
const bodyCounts = new AsyncLocalStorage();
serverHooks().currentBodyCount = () => bodyCounts.getStore();

/** @type {WeakMap<import('node:net').Socket, { count: BodyCount, req: import('node:http').IncomingMessage }>} */
const currentRequest = new WeakMap();

/**
 * The body's chunks until the limit; past it, marks the count and ends with an error instead of reading on.
 * The request stream is left open (not destroyed), so the 413 can still be sent before the socket closes.
 * @param {import('node:http').IncomingMessage} req
 * @param {BodyCount} count
 */
async function* countedBody(req, count) {
  let received = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    received += chunk.byteLength;
    if (received > count.limitBytes) {
      count.isTooLarge = true;
      throw new Error(`Request body is larger than ${count.limitBytes} bytes`);
    }
    yield chunk;
  }
}

/**
 * Node closes a `Connection: close` response's socket with destroySoon(): at once after the answer, which
 * makes the kernel reset the connection while the client is still sending, and the client may never read the
 * 413. For a refused body we close the way RFC 9112 §9.6 asks instead: send the answer, half-close, discard
 * what still arrives for a moment, then close.
 * @param {import('node:net').Socket} socket
 */
function closeGentlyWhenRefused(socket) {
  if (currentRequest.has(socket)) return;
  const destroySoon = socket.destroySoon;
  socket.destroySoon = function () {
    const current = currentRequest.get(socket);
    if (!current?.count.isTooLarge) return destroySoon.call(socket);
    socket.end();
    current.req.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}

/**
 * Runs `handle` with the request's body counted against its limit.
 * @param {import('node:http').IncomingMessage} req
 * @param {() => void} handle
 */
export function limitRequestBody(req, handle) {
  /** @type {BodyCount} */
  const count = { limitBytes: CEILING_BYTES, isTooLarge: false };
  /** @type {{ body?: unknown }} */ (req).body = countedBody(req, count);
  closeGentlyWhenRefused(req.socket);
  currentRequest.set(req.socket, { count, req });
  bodyCounts.run(count, handle);
}
