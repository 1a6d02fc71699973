/**
 * Stripe silently leaves out of a Checkout Session the payment methods the account cannot use (Alipay and WeChat
 * Pay need an eligible account country), and the session still opens. After each session the portal records, per
 * configured method, whether it was offered, so staff are told in the console (every process reads the same
 * rows) and a later session that offers the method again clears the notice.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { paymentMethodChecks } from '../db/schema.ts';
import { log } from '../log.ts';

/** Records which of the configured methods a new session offers; warns when one goes missing. */
export async function recordOfferedMethods(
  db: Database,
  configured: readonly string[],
  offered: readonly string[],
  now: Date = new Date(),
): Promise<string[]> {
  const missing = configured.filter((m) => !offered.includes(m));
  if (configured.length === 0) return missing;
  const rows = configured.map((method) => ({ method, isOffered: offered.includes(method), checkedAt: now }));
  const before = await db.select().from(paymentMethodChecks);
  await db
    .insert(paymentMethodChecks)
    .values(rows)
    .onConflictDoUpdate({
      target: paymentMethodChecks.method,
      set: { isOffered: sql`excluded.is_offered`, checkedAt: sql`excluded.checked_at` },
    });
  const newlyMissing = missing.filter((m) => before.find((b) => b.method === m)?.isOffered !== false);
  if (newlyMissing.length > 0) {
    log.warn('payments.methods_missing', {
      missing: newlyMissing.join(','),
      offered: offered.join(','),
      hint: 'Stripe does not offer these on this account; check the account country and the payment methods in the Dashboard',
    });
  }
  return missing;
}

/** Payment methods the last Checkout Session left out (for the console overview); empty when all were offered. */
export async function listMissingMethods(db: Database): Promise<Array<{ method: string; checkedAt: Date }>> {
  return db
    .select({ method: paymentMethodChecks.method, checkedAt: paymentMethodChecks.checkedAt })
    .from(paymentMethodChecks)
    .where(eq(paymentMethodChecks.isOffered, false))
    .orderBy(asc(paymentMethodChecks.method));
}
