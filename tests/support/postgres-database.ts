/**
 * A fresh, empty PostgreSQL database for one test file (or a bench run), on the server named by TEST_DATABASE_URL
 * (or the machine's default, or the one given), dropped again by `drop()`.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Creates the database (its name starting with `prefix`) and returns its URL and how to drop it. */
export async function createPostgresDatabase(
  serverUrl = POSTGRES_SERVER_URL,
  prefix = 'portal_e2e',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Waits for a change written straight to the database (as psql would) to reach the running portal: its processes
 * learn of it by notification (src/server/db/listen-for-changes.ts), which travels alongside the writer's answer
 * and usually lands first, but not always on a busy machine.
 */
export function changeNoticed(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 250));
}
