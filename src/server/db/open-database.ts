/**
 * Opens the portal's database: embedded PGlite in a directory (or in memory), or a PostgreSQL server when a
 * connection URL is given. Either way the same schema and migrations apply, so every query runs on both.
 */
import { resolve } from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsDir } from '../project-root.ts';
import { log } from '../log.ts';
import { lockDatabaseDirectory } from './pglite-lock.ts';
import { PgliteThread } from './pglite-thread.ts';
import { CHANGE_CHANNEL, listenForChanges } from './listen-for-changes.ts';
import { countingClient, countWrites, fileWriteCounter, WriteCounter } from './write-counter.ts';
import * as authSchema from './auth-schema.ts';
import * as appSchema from './schema.ts';

const schema = { ...appSchema, ...authSchema };

export type Database = PgDatabase<PgQueryResultHKT, typeof appSchema & typeof authSchema>;

/** An open transaction, for code that runs inside the caller's: what `db.transaction` hands its callback. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory, "memory" or the server's host/database (never the password). */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database, or "memory://" for a throw-away one. */
  pgliteDir: string;
}

/**
 * Tables whose changes caches must see at once (what public pages show: unit states, and the embeds behind the
 * widgets). Their changes are counted in memory (write-counter.ts); on PostgreSQL others' arrive by notification.
 */
const WATCHED_TABLES = ['unit_states', 'embeds'];

/** Any fixed 64-bit number: serialises migrations when several app processes start on one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_800_020_230_617n;

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres (unparseable URL)';
  }
}

async function openPostgres(databaseUrl: string): Promise<DatabaseHandle> {
  // This process's own writes are counted by its pool's clients; others' arrive through listenForChanges below.
  const counter = new WriteCounter(WATCHED_TABLES, false);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, Client: countingClient(counter) });
  // An idle connection the server closes (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (error) => log.warn('db.idle_connection_lost', {}, error));
  const client = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(
      `Cannot connect to PostgreSQL at ${describeUrl(databaseUrl)}: ${error.message}. Check DATABASE_URL.`,
    );
  });
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await migratePg(drizzlePg(client), { migrationsFolder: migrationsDir() });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => {});
    client.release();
  }
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  fileWriteCounter(db, counter);
  const listener = listenForChanges({
    connectionString: databaseUrl,
    counter,
    notify: (payload) => pool.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, payload]),
  });
  return {
    db,
    kind: 'postgres',
    location: describeUrl(databaseUrl),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

async function openPglite(pgliteDir: string): Promise<DatabaseHandle> {
  const isMemory = pgliteDir === 'memory://';
  const directory = isMemory ? undefined : resolve(pgliteDir);
  const release = directory ? lockDatabaseDirectory(directory) : () => {};
  try {
    // On a thread of its own, so its statements never hold up the requests this thread answers.
    const client = new PgliteThread(directory);
    await client.waitReady.catch(async (error: unknown) => {
      await client.close().catch(() => {});
      throw error;
    });
    const db = drizzlePglite({ client: client as never, schema });
    // Only this process writes here, so caches of what unit states say can check a count instead of a query.
    countWrites(client, db, WATCHED_TABLES);
    await migratePglite(db, { migrationsFolder: migrationsDir() });
    return {
      db: db as unknown as Database,
      kind: 'pglite',
      location: directory ?? 'memory',
      async close() {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Opens the database and brings its schema up to date with the committed migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.pgliteDir);
}
