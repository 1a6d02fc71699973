/**
 * What most end-to-end tests start with: the built portal on a fresh PostgreSQL database (its own URL as
 * PUBLIC_SITE_URL), a SQL client on that database to check what was stored, and Chromium. `stop` undoes it all.
 * Tests that need no browser start the same portal with `startServerOnPostgres`.
 */
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { createPostgresDatabase } from './postgres-database.ts';
import { freePort, startServer, type RunningServer } from './start-server.ts';
import { addChromium } from './add-chromium.ts';

export interface ServerOnPostgres {
  server: RunningServer;
  database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  sql: pg.Client;
  stop(): Promise<void>;
}

export interface PortalOnPostgres extends ServerOnPostgres {
  browser: Browser;
}

/** Starts the portal on a fresh database with `env` added to its environment, and a SQL client on that database. */
export async function startServerOnPostgres(env: Record<string, string> = {}): Promise<ServerOnPostgres> {
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
  return {
    server,
    database,
    sql,
    async stop() {
      await sql.end();
      await server.stop();
      await database.drop();
    },
  };
}

/** Starts the portal as `startServerOnPostgres` does, and Chromium. */
export async function startPortalOnPostgres(env: Record<string, string> = {}): Promise<PortalOnPostgres> {
  return addChromium(await startServerOnPostgres(env));
}
