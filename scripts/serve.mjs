// @ts-check
/**
 * Starts the built portal (dist/) and makes it ready before the first visitor: the catalog is read, the
 * database opened, migrated and seeded at once, so a misconfiguration (another process on the same
 * PGLITE_DIR, a broken catalog, an unreachable DATABASE_URL) stops the process within a second with a message.
 *
 *   node scripts/serve.mjs        (npm start builds first, then runs this)
 */
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('✗ No build found in dist/. Run `npm run build` first (or `npm start`, which builds).');
  process.exit(1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer } = await import(entry.href);
const { server } = startServer();

server.server.once('listening', async () => {
  const address = server.server.address();
  if (!address || typeof address !== 'object') return;
  const isWildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = isWildcard ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
  // The first request starts the runtime; if it cannot start, the middleware prints why and exits.
  const response = await fetch(`http://${host}:${address.port}/healthz`).catch((error) => error);
  if (!(response instanceof Response) || !response.ok) {
    console.error(`✗ The portal started but is not healthy: ${response instanceof Response ? response.status : response.message}`);
    process.exit(1);
  }
});
server.server.once('error', (/** @type {Error} */ error) => {
  console.error(`✗ The portal cannot listen: ${error.message}. Is another server using the port? Set PORT to another.`);
  process.exit(1);
});
