/**
 * Delivers pending notices from the outbox: claims a batch (so two processes never send the same notice),
 * sends each through its channel, and records success, or the error and the next attempt with exponential
 * backoff. After MAX_ATTEMPTS a notice is marked failed and stays visible for the console.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { executeRows } from '../db/execute-rows.ts';
import { alertSubscriptions, deposits, inquiries, leads, notificationOutbox, type OutboxRow } from '../db/schema.ts';
import { log } from '../log.ts';
import type { Channel } from './channels.ts';
import { formatDepositNotice, formatLeadNotice } from './format-lead-notice.ts';
import { formatPersonalNotice } from './format-personal-notice.ts';
import { formatAlertNotice } from './format-alert-notice.ts';
import type { Catalog } from '../catalog/catalog.ts';

/** @internal Exported for tests/integration/notify.test.ts. */
export const MAX_ATTEMPTS = 6;
const BATCH = 20;
/** A claimed notice is retried by anyone if its sender died without recording the outcome. */
const CLAIM_SECONDS = 120;

/**
 * Seconds to wait before attempt n+1 after n failed attempts: 30 s, 1, 2, 4, 8 min … capped at an hour.
 * @internal Exported for tests/integration/notify.test.ts.
 */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends what is due now; returns what happened. */
export async function deliverOutbox(
  db: Database,
  channels: Readonly<Record<string, Channel>>,
  consoleBaseUrl: string,
  catalog?: Catalog,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const claimed = await executeRows<{ id: string }>(
    db,
    sql`
    update notification_outbox set attempts = attempts + 1, next_attempt_at = now() + ${`${CLAIM_SECONDS} seconds`}::interval
    where id in (
      select id from notification_outbox
      where status = 'pending' and next_attempt_at <= now()
      order by created_at limit ${BATCH}
      for update skip locked)
    returning id`,
  );
  for (const { id } of claimed) {
    const [notice] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
    if (!notice) continue;
    try {
      await send(db, notice, channels, consoleBaseUrl, catalog);
      await db
        .update(notificationOutbox)
        .set({ status: 'sent', sentAt: new Date(), lastError: null })
        .where(eq(notificationOutbox.id, id));
      report.sent += 1;
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      // The mail server refused the address for good (SMTP 5xx): a saved search to it stops at once.
      const isBounce =
        notice.subscriptionId !== null && Number((error as { responseCode?: unknown }).responseCode) >= 500;
      if (isBounce)
        await db
          .update(alertSubscriptions)
          .set({ bouncedAt: new Date(), updatedAt: new Date() })
          .where(eq(alertSubscriptions.id, notice.subscriptionId!));
      const isFinal = isBounce || notice.attempts >= MAX_ATTEMPTS;
      await db
        .update(notificationOutbox)
        .set({
          status: isFinal ? 'failed' : 'pending',
          lastError: message,
          nextAttemptAt: new Date(Date.now() + backoffSeconds(notice.attempts) * 1000),
        })
        .where(eq(notificationOutbox.id, id));
      log.warn(
        'notify.failed',
        { notice: id, channel: notice.channel, attempts: notice.attempts, final: isFinal },
        error,
      );
      if (isFinal) report.failed += 1;
      else report.retried += 1;
    }
  }
  return report;
}

async function send(
  db: Database,
  notice: OutboxRow,
  channels: Readonly<Record<string, Channel>>,
  consoleBaseUrl: string,
  catalog: Catalog | undefined,
): Promise<void> {
  const channel = channels[notice.channel];
  if (!channel) throw new Error(`The channel "${notice.channel}" is not configured any more`);
  if (notice.subscriptionId) {
    const alert = await formatAlertNotice(db, notice, consoleBaseUrl, catalog);
    // Unsubscribed or deleted meanwhile: nothing is sent, and that is the notice done.
    if (alert) await channel(alert);
    return;
  }
  if (!notice.leadId) throw new Error('The notice has no lead');
  if (notice.recipient) {
    const personal = await formatPersonalNotice(db, notice, consoleBaseUrl, catalog);
    if (!personal) throw new Error('What the notice is about no longer exists');
    await channel(personal);
    return;
  }
  const [lead] = await db.select().from(leads).where(eq(leads.id, notice.leadId));
  if (!lead) throw new Error('The lead no longer exists');
  const consoleUrl = new URL(`/console/leads/${lead.id}`, consoleBaseUrl).href;
  if (notice.depositId) {
    const [deposit] = await db.select().from(deposits).where(eq(deposits.id, notice.depositId));
    if (!deposit) throw new Error('The deposit no longer exists');
    await channel(formatDepositNotice(notice.event, lead, deposit, consoleUrl));
    return;
  }
  const [inquiry] = notice.inquiryId ? await db.select().from(inquiries).where(eq(inquiries.id, notice.inquiryId)) : [];
  await channel(formatLeadNotice(notice.event, lead, inquiry, consoleUrl));
}
