/**
 * The running portal's shared parts: the validated catalog and the open database, created once per process.
 * This is the only module that reads configuration for them (from astro:env).
 */
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  DATABASE_URL,
  DEPOSIT_CURRENCY,
  DEPOSIT_MAX_YUAN,
  DEPOSIT_MIN_YUAN,
  DEPOSIT_MONTHS,
  DEPOSIT_PAYMENT_METHODS,
  LEADS_NOTIFY_EMAIL,
  PGLITE_DIR,
  PUBLIC_SITE_URL,
  SMTP_URL,
  STRIPE_API_URL,
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  WECOM_WEBHOOK_URL,
} from 'astro:env/server';
import type { Catalog } from './catalog/catalog.ts';
import { readCatalog } from './catalog/read-catalog.ts';
import { openDatabase, type Database } from './db/open-database.ts';
import { seedUnitStates } from './inventory/seed-unit-states.ts';
import { createAuth, type Auth } from './auth/create-auth.ts';
import { ensureFirstAdmin } from './auth/ensure-first-admin.ts';
import { getAppSecret } from './security/app-secret.ts';
import { catalogDir } from './project-root.ts';
import { log } from './log.ts';
import { checkSiteUrl } from './check-site-url.ts';
import { flushEmbedViews } from './embeds/count-embed-views.ts';
import { configuredChannels } from './notify/channels.ts';
import { startOutboxWorker, type OutboxWorker } from './notify/outbox-worker.ts';
import type { PaymentsConfig } from './payments/payment-gateway.ts';
import { createPaymentsConfig } from './payments/payments-config.ts';
import { watchPaymentWarnings } from './payments/list-payment-warnings.ts';
import { sweepDeposits } from './payments/sweep-deposits.ts';
import { intakeSettled } from './leads/lead-intake-queue.ts';
import { escalateUnanswered } from './assignment/escalate-unanswered.ts';
import { sendDueAlerts } from './alerts/send-alerts.ts';
import { matchRequirements } from './requirements/match-requirements.ts';
import type { ReserveDeps } from './payments/reserve-unit.ts';
import type { TourDeps } from './tours/book-tour.ts';

export interface Runtime {
  catalog: Catalog;
  db: Database;
  /** Names of the configured notification channels (email, wecom); empty when notices are held. */
  notifyChannels: string[];
  outbox: OutboxWorker;
  payments: PaymentsConfig;
  auth: Auth;
  close(): Promise<void>;
}

/**
 * What a reservation needs from the running portal (POST /api/reservations and the form action). Built here, so
 * the payments code depends on what it uses, not on the runtime.
 */
export function reserveDeps(runtime: Runtime): ReserveDeps {
  return {
    db: runtime.db,
    catalog: runtime.catalog,
    gateway: runtime.payments.gateway,
    payments: runtime.payments,
    channels: runtime.notifyChannels,
    onStored: runtime.outbox.kick,
  };
}

/** What booking and changing tours needs (POST /api/tours, the tenant's tour page, the console). */
export function tourDeps(runtime: Runtime): TourDeps {
  return {
    db: runtime.db,
    catalog: runtime.catalog,
    channels: runtime.notifyChannels,
    onStored: runtime.outbox.kick,
  };
}

/** How often each process looks for lapsed holds and refunds to retry. */
const SWEEP_INTERVAL_MS = 15_000;
/** How often each process looks for saved searches with news (each subscription is alerted once a day at most). */
const ALERT_INTERVAL_MS = 60_000;

let starting: Promise<Runtime> | undefined;

async function start(): Promise<Runtime> {
  checkSiteUrl({
    configured: process.env.PUBLIC_SITE_URL,
    siteUrl: PUBLIC_SITE_URL,
    isProduction: process.env.NODE_ENV === 'production',
  });
  const catalog = readCatalog(catalogDir());
  const handle = await openDatabase({ databaseUrl: DATABASE_URL, pgliteDir: PGLITE_DIR });
  const seed = await seedUnitStates(handle.db, catalog);
  const channels = configuredChannels({
    smtpUrl: SMTP_URL,
    leadsNotifyEmail: LEADS_NOTIFY_EMAIL,
    wecomWebhookUrl: WECOM_WEBHOOK_URL,
  });
  if (SMTP_URL && !LEADS_NOTIFY_EMAIL)
    log.warn('notify.email_without_recipient', { hint: 'set LEADS_NOTIFY_EMAIL to send lead notices by email' });
  const outbox = startOutboxWorker(handle.db, channels, PUBLIC_SITE_URL, { catalog });
  outbox.kick();
  const payments = await createPaymentsConfig(handle.db, {
    stripeSecretKey: STRIPE_SECRET_KEY,
    stripeWebhookSecret: STRIPE_WEBHOOK_SECRET,
    stripeApiUrl: STRIPE_API_URL,
    currency: DEPOSIT_CURRENCY,
    paymentMethods: DEPOSIT_PAYMENT_METHODS,
    months: DEPOSIT_MONTHS,
    minYuan: DEPOSIT_MIN_YUAN,
    maxYuan: DEPOSIT_MAX_YUAN,
    siteUrl: PUBLIC_SITE_URL,
  });
  const auth = createAuth(handle.db, { siteUrl: PUBLIC_SITE_URL, secret: await getAppSecret(handle.db, 'auth') });
  await ensureFirstAdmin(handle.db, auth, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const paymentDeps = { db: handle.db, gateway: payments.gateway, channels: Object.keys(channels) };
  const sweep = setInterval(
    () =>
      void sweepDeposits(paymentDeps)
        .then(() => outbox.kick())
        .catch((error: unknown) => log.error('payments.sweep_failed', {}, error)),
    SWEEP_INTERVAL_MS,
  );
  sweep.unref();
  // Leads nobody answered in time: the team lead hears of them (assignment/escalate-unanswered.ts).
  const escalation = setInterval(
    () =>
      void escalateUnanswered({ db: handle.db, channels: Object.keys(channels) })
        .then((escalated) => escalated > 0 && outbox.kick())
        .catch((error: unknown) => log.error('leads.escalation_failed', {}, error)),
    SWEEP_INTERVAL_MS,
  );
  escalation.unref();
  // Saved searches: units newly matching go out as alerts, at most one a day per subscription (alerts/send-alerts.ts);
  // then the requirement register matches open leads' needs and tells owners what newly fits
  // (requirements/match-requirements.ts).
  const sweepDeps = { db: handle.db, catalog, notifyChannels: Object.keys(channels), outbox };
  const alerts = setInterval(
    () =>
      void sendDueAlerts(sweepDeps)
        .catch((error: unknown) => log.error('alerts.sweep_failed', {}, error))
        .then(() => matchRequirements(sweepDeps))
        .catch((error: unknown) => log.error('requirements.sweep_failed', {}, error)),
    ALERT_INTERVAL_MS,
  );
  alerts.unref();
  log.info('runtime.ready', {
    database: handle.kind,
    location: handle.location,
    units: seed.units,
    newUnits: seed.inserted,
    notify: Object.keys(channels).join(',') || 'held',
    payments: payments.gateway.mode,
  });
  const stopPaymentWarnings = watchPaymentWarnings(handle.db, payments.gateway.mode);
  return {
    catalog,
    db: handle.db,
    notifyChannels: Object.keys(channels),
    outbox,
    payments,
    auth,
    async close() {
      clearInterval(sweep);
      clearInterval(escalation);
      clearInterval(alerts);
      stopPaymentWarnings();
      outbox.stop();
      // Inquiries already accepted for storing are stored (or refused) first.
      await intakeSettled(handle.db);
      // Widget views counted in memory since the last write.
      await flushEmbedViews(handle.db).catch((error: unknown) => log.error('embed.views_lost', {}, error));
      await handle.close();
    },
  };
}

/** The runtime, started on first use: reads the catalog, opens and migrates the database, seeds unit states. */
export function getRuntime(): Promise<Runtime> {
  starting ??= start();
  return starting;
}

/**
 * Closes the runtime when it started (scripts/serve.mjs calls this on a graceful shutdown, through
 * http/server-hooks.ts); resolves at once when it never started or failed to.
 */
export async function closeRuntime(): Promise<void> {
  const runtime = await starting?.catch(() => undefined);
  await runtime?.close();
}
