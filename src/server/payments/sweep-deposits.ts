/**
 * The periodic sweep (every app process runs it; row locks keep them apart): holds whose time is up are
 * reconciled with the provider (a last-minute payment still counts) and released; refunds that could not be
 * started are tried again (as a new refund attempt, with a new idempotency key, when Stripe refused the start).
 */
import { and, eq, isNull, lte } from 'drizzle-orm';
import { deposits } from '../db/schema.ts';
import { log } from '../log.ts';
import { releaseHold } from './deposit-transitions.ts';
import { executeRefund, reconcileCheckout, type PaymentDeps } from './reconcile-deposit.ts';

const BATCH = 25;

/** One pass of the sweep: releases lapsed holds and retries refunds that are waiting to start. */
export async function sweepDeposits(
  deps: PaymentDeps,
  now: Date = new Date(),
): Promise<{ released: number; refundsRetried: number }> {
  let released = 0;
  const lapsed = await deps.db
    .select({ id: deposits.id, sessionId: deposits.checkoutSessionId })
    .from(deposits)
    .where(and(eq(deposits.status, 'held'), lte(deposits.expiresAt, now)))
    .limit(BATCH);
  for (const hold of lapsed) {
    try {
      let outcome: string | undefined;
      if (hold.sessionId) {
        await deps.gateway.expireCheckout(hold.sessionId).catch(() => {});
        // A payment made in the last moment still counts.
        outcome = await reconcileCheckout(deps, hold.sessionId);
      }
      const isReleasedNow =
        outcome === 'released' ||
        (outcome !== 'reserved' &&
          (await deps.db.transaction((tx) => releaseHold(tx, hold.id, 'expired', new Date()))));
      if (isReleasedNow) released += 1;
    } catch (error) {
      log.warn('payments.sweep_failed', { deposit: hold.id }, error);
    }
  }
  const waiting = await deps.db
    .select({ id: deposits.id })
    .from(deposits)
    .where(and(eq(deposits.status, 'refund_pending'), isNull(deposits.refundId)))
    .limit(BATCH);
  for (const { id } of waiting) await executeRefund(deps, id);
  return { released, refundsRetried: waiting.length };
}
