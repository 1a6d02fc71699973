/**
 * The running portal's shared parts: the validated catalog and the open database, created once per process.
 * This is the only module that reads configuration for them (from astro:env).
 */
import { DATABASE_URL, LEADS_NOTIFY_EMAIL, PGLITE_DIR, PUBLIC_SITE_URL, SMTP_URL, WECOM_WEBHOOK_URL } from 'astro:env/server';
import type { Catalog } from './catalog/catalog.ts';
import { readCatalog } from './catalog/read-catalog.ts';
import { openDatabase, type Database } from './db/open-database.ts';
import { seedUnitStates } from './inventory/seed-unit-states.ts';
import { catalogDir } from './project-root.ts';
import { log } from './log.ts';
import { configuredChannels } from './notify/channels.ts';
import { startOutboxWorker, type OutboxWorker } from './notify/outbox-worker.ts';

export interface Runtime {
  catalog: Catalog;
  db: Database;
  /** Names of the configured notification channels (email, wecom); empty when notices are held. */
  notifyChannels: string[];
  outbox: OutboxWorker;
  close(): Promise<void>;
}

let starting: Promise<Runtime> | undefined;

async function start(): Promise<Runtime> {
  const catalog = readCatalog(catalogDir());
  const handle = await openDatabase({ databaseUrl: DATABASE_URL, pgliteDir: PGLITE_DIR });
  const seed = await seedUnitStates(handle.db, catalog);
  const channels = configuredChannels({ smtpUrl: SMTP_URL, leadsNotifyEmail: LEADS_NOTIFY_EMAIL, wecomWebhookUrl: WECOM_WEBHOOK_URL });
  if (SMTP_URL && !LEADS_NOTIFY_EMAIL) log.warn('notify.email_without_recipient', { hint: 'set LEADS_NOTIFY_EMAIL to send lead notices by email' });
  const outbox = startOutboxWorker(handle.db, channels, PUBLIC_SITE_URL);
  outbox.kick();
  log.info('runtime.ready', { database: handle.kind, location: handle.location, units: seed.units, newUnits: seed.inserted, notify: Object.keys(channels).join(',') || 'held' });
  return {
    catalog,
    db: handle.db,
    notifyChannels: Object.keys(channels),
    outbox,
    async close() {
      outbox.stop();
      await handle.close();
    },
  };
}

/** The runtime, started on first use: reads the catalog, opens and migrates the database, seeds unit states. */
export function getRuntime(): Promise<Runtime> {
  starting ??= start();
  return starting;
}
