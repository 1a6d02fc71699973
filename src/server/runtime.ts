/**
 * The running portal's shared parts: the validated catalog and the open database, created once per process.
 * This is the only module that reads configuration for them (from astro:env).
 */
import { DATABASE_URL, PGLITE_DIR } from 'astro:env/server';
import type { Catalog } from './catalog/catalog.ts';
import { readCatalog } from './catalog/read-catalog.ts';
import { openDatabase, type Database } from './db/open-database.ts';
import { seedUnitStates } from './inventory/seed-unit-states.ts';
import { catalogDir } from './project-root.ts';
import { log } from './log.ts';

export interface Runtime {
  catalog: Catalog;
  db: Database;
  close(): Promise<void>;
}

let starting: Promise<Runtime> | undefined;

async function start(): Promise<Runtime> {
  const catalog = readCatalog(catalogDir());
  const handle = await openDatabase({ databaseUrl: DATABASE_URL, pgliteDir: PGLITE_DIR });
  const seed = await seedUnitStates(handle.db, catalog);
  log.info('runtime.ready', { database: handle.kind, location: handle.location, units: seed.units, newUnits: seed.inserted });
  return { catalog, db: handle.db, close: handle.close };
}

/** The runtime, started on first use: reads the catalog, opens and migrates the database, seeds unit states. */
export function getRuntime(): Promise<Runtime> {
  starting ??= start();
  return starting;
}
