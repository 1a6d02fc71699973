/**
 * What most end-to-end tests start with: the built portal on a fresh PostgreSQL database (its own URL as
 * PUBLIC_SITE_URL), a SQL client on that database to check what was stored, and Chromium. `stop` undoes it all.
 */
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/launch-chromium.ts';
import { createPostgresDatabase } from './postgres-database.ts';
import { freePort, startServer, type RunningServer } from './start-server.ts';

export interface PortalOnPostgres {
  server: RunningServer;
  database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  sql: pg.Client;
  browser: Browser;
  stop(): Promise<void>;
}

/** Starts the portal with `env` added to its environment. */
export async function startPortalOnPostgres(env: Record<string, string> = {}): Promise<PortalOnPostgres> {
  const database = await createPostgresDatabase();
  const port = await freePort();
  const server = await startServer(
    { DATABASE_URL: database.url, PUBLIC_SITE_URL: `http://127.0.0.1:${port}`, ...env },
    port,
  ).catch(async (error: Error) => {
    await database.drop();
    throw error;
  });
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const browser = await launchChromium();
  return {
    server,
    database,
    sql,
    browser,
    async stop() {
      await browser.close();
      await sql.end();
      await server.stop();
      await database.drop();
    },
  };
}
