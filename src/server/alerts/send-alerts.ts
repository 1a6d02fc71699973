/**
 * The alert sweep (every process, every minute, runtime.ts): deletes subscriptions left unconfirmed for
 * UNCONFIRMED_DAYS or unsubscribed for UNSUBSCRIBED_DAYS, then, for confirmed subscriptions not alerted in the last day, finds the units
 * their search now matches (match-saved-searches.ts) and puts one e-mail per subscription in the outbox for what is
 * new: a unit that newly matches, comes free earlier than last told, or asks a lower rent. A unit told about once
 * is not told again for the same news; one that stops matching is forgotten, so its return is news again. A unit
 * under another lead's right of first refusal (requirements/first-refusals.ts) is offered to no subscriber.
 * Subscriptions are claimed with SKIP LOCKED, so two processes never alert one twice.
 */
import { and, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { todayInBeijing } from '../../lib/format.ts';
import { savedSearchOf } from '../../lib/saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { alertMatches, alertSubscriptions } from '../db/schema.ts';
import { toListings } from '../inventory/availability.ts';
import { readUnitStates } from '../inventory/list-unit-states.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { compareRent } from '../inventory/availability.ts';
import { withoutFirstRefusals } from '../requirements/first-refusals.ts';
import { UNCONFIRMED_DAYS, UNSUBSCRIBED_DAYS } from './manage-subscriptions.ts';
import { unitsMatching, type AlertMatch } from './match-saved-searches.ts';

const DAY_MS = 86_400_000;
/** Subscriptions looked at per transaction. */
const BATCH = 500;

export interface AlertSweepReport {
  checked: number;
  alerted: number;
  deletedUnconfirmed: number;
}

/** Whether what a unit does now is news to a subscriber told `before` (undefined: never told). */
function isNews(now: AlertMatch, before: { availableFrom: string; listRentPerSqmDay: string } | undefined): boolean {
  if (!before) return true;
  return now.availableFrom < before.availableFrom || compareRent(now.listRentPerSqmDay, before.listRentPerSqmDay) < 0;
}

export async function sendDueAlerts(
  deps: { db: Database; catalog: Catalog; notifyChannels: readonly string[]; outbox?: { kick(): void } | undefined },
  now: Date = new Date(),
): Promise<AlertSweepReport> {
  const { db, catalog } = deps;
  const deleted = await db
    .delete(alertSubscriptions)
    .where(
      and(
        isNull(alertSubscriptions.confirmedAt),
        lt(alertSubscriptions.createdAt, new Date(now.getTime() - UNCONFIRMED_DAYS * DAY_MS)),
      ),
    )
    .returning({ id: alertSubscriptions.id });
  // Unsubscribed a month ago: the record goes too (the consent promises it).
  await db
    .delete(alertSubscriptions)
    .where(lt(alertSubscriptions.unsubscribedAt, new Date(now.getTime() - UNSUBSCRIBED_DAYS * DAY_MS)));
  const today = todayInBeijing(now);
  // A unit under a right of first refusal is offered to its holder only, not to subscribers.
  const listings = await withoutFirstRefusals(db, toListings(catalog.units, await readUnitStates(db)), today);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const report: AlertSweepReport = { checked: 0, alerted: 0, deletedUnconfirmed: deleted.length };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(alertSubscriptions)
        .where(
          and(
            isNotNull(alertSubscriptions.confirmedAt),
            isNull(alertSubscriptions.unsubscribedAt),
            isNull(alertSubscriptions.bouncedAt),
            or(isNull(alertSubscriptions.lastAlertedAt), lte(alertSubscriptions.lastAlertedAt, dayAgo)),
            gt(alertSubscriptions.id, after),
          ),
        )
        .orderBy(alertSubscriptions.id)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return 0;
      after = due.at(-1)!.id;
      const told = await tx
        .select()
        .from(alertMatches)
        .where(
          inArray(
            alertMatches.subscriptionId,
            due.map((s) => s.id),
          ),
        );
      const toldBy = new Map<string, Map<string, (typeof told)[number]>>();
      for (const row of told) {
        const units = toldBy.get(row.subscriptionId) ?? new Map();
        toldBy.set(row.subscriptionId, units.set(row.unitId, row));
      }
      const upserts: Array<typeof alertMatches.$inferInsert> = [];
      const forgotten: Array<{ subscriptionId: string; unitId: string }> = [];
      const alerted: string[] = [];
      for (const subscription of due) {
        const search = savedSearchOf(new URLSearchParams(subscription.query));
        if (!search.ok) continue;
        const matches = unitsMatching(catalog, listings, search.parsed, subscription.horizonDays, today);
        const before = toldBy.get(subscription.id) ?? new Map();
        const news = matches.filter((m) => isNews(m, before.get(m.unitId)));
        const matched = new Set(matches.map((m) => m.unitId));
        for (const unitId of before.keys())
          if (!matched.has(unitId)) forgotten.push({ subscriptionId: subscription.id, unitId });
        // A lease renewed (later) or a rent raised is not news, but what was told is brought up to date, so a
        // later move back is news again.
        for (const m of matches) {
          const told = before.get(m.unitId);
          const changed =
            told &&
            (told.availableFrom !== m.availableFrom || compareRent(told.listRentPerSqmDay, m.listRentPerSqmDay) !== 0);
          if (changed && !isNews(m, told))
            upserts.push({ subscriptionId: subscription.id, ...m, alertedAt: told.alertedAt });
        }
        if (news.length === 0) continue;
        alerted.push(subscription.id);
        for (const m of news) upserts.push({ subscriptionId: subscription.id, ...m, alertedAt: now });
      }
      if (forgotten.length > 0)
        await tx.execute(
          sql`delete from alert_matches where (subscription_id, unit_id) in (${sql.join(
            forgotten.map((f) => sql`(${f.subscriptionId}::uuid, ${f.unitId})`),
            sql`, `,
          )})`,
        );
      // In chunks, as one statement binds a parameter per column per row.
      for (let i = 0; i < upserts.length; i += 2000)
        await tx
          .insert(alertMatches)
          .values(upserts.slice(i, i + 2000))
          .onConflictDoUpdate({
            target: [alertMatches.subscriptionId, alertMatches.unitId],
            set: {
              availableFrom: sql`excluded.available_from`,
              listRentPerSqmDay: sql`excluded.list_rent_per_sqm_day`,
              alertedAt: sql`excluded.alerted_at`,
            },
          });
      if (alerted.length > 0) {
        await tx
          .update(alertSubscriptions)
          .set({ lastAlertedAt: now, updatedAt: now })
          .where(inArray(alertSubscriptions.id, alerted));
        const byId = new Map(due.map((s) => [s.id, s]));
        await enqueueNoticeBatch(
          tx,
          alerted.map((id) => ({
            channels: deps.notifyChannels,
            subject: { event: 'alert.matches', subscriptionId: id },
            to: { address: byId.get(id)!.email, lang: byId.get(id)!.lang === 'en' ? 'en' : 'zh' },
            now,
          })),
        );
      }
      report.alerted += alerted.length;
      return due.length;
    });
    report.checked += batch;
    if (batch < BATCH) break;
  }
  if (report.alerted > 0) deps.outbox?.kick();
  return report;
}
