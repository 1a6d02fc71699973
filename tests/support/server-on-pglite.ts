/**
 * The built portal on the embedded database (PGlite) in a fresh directory of its own, removed again by `stop`;
 * with Chromium too for browser tests (`startPortalOnPglite`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { freePort, startServer, type RunningServer } from './start-server.ts';
import { addChromium } from './add-chromium.ts';

export interface ServerOnPglite {
  server: RunningServer;
  /** The server's PGLITE_DIR (inside a temporary directory that `stop` removes). */
  pgliteDir: string;
  stop(): Promise<void>;
}

export interface PortalOnPglite extends ServerOnPglite {
  browser: Browser;
}

/** Starts the portal with `env` added; `ownSiteUrl` sets PUBLIC_SITE_URL to the server's own address. */
export async function startServerOnPglite(
  env: Record<string, string> = {},
  options: { ownSiteUrl?: boolean } = {},
): Promise<ServerOnPglite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-pglite-'));
  const pgliteDir = join(dataDir, 'pglite');
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const siteUrl: Record<string, string> = options.ownSiteUrl ? { PUBLIC_SITE_URL: `http://127.0.0.1:${port}` } : {};
  const server = await startServer({ PGLITE_DIR: pgliteDir, ...siteUrl, ...env }, port).catch((error: Error) => {
    removeDataDir();
    throw error;
  });
  return {
    server,
    pgliteDir,
    async stop() {
      await server.stop();
      removeDataDir();
    },
  };
}

/** Starts the portal as `startServerOnPglite` does, and Chromium. */
export async function startPortalOnPglite(
  env: Record<string, string> = {},
  options: { ownSiteUrl?: boolean } = {},
): Promise<PortalOnPglite> {
  return addChromium(await startServerOnPglite(env, options));
}
