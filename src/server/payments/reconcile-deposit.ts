/**
 * Brings a deposit in line with what the payment provider says about it. The webhook, the success page and the
 * sweep all come here, so the outcome is the same whichever arrives first, and in whatever order events come.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits } from '../db/schema.ts';
import { log } from '../log.ts';
import {
  failRefund,
  markPaid,
  recordRefund,
  releaseHold,
  restartRefund,
  type PaidOutcome,
} from './deposit-transitions.ts';
import type { Tx } from '../db/open-database.ts';
import { ProviderRefusal, type CheckoutSnapshot, type PaymentGateway, type RefundSnapshot } from './payment-gateway.ts';

export interface PaymentDeps {
  db: Database;
  gateway: PaymentGateway;
  channels: readonly string[];
}

/** Applies a Checkout snapshot inside a transaction: paid → markPaid; expired and unpaid → release. */
export async function applyCheckoutSnapshot(
  tx: Tx,
  snapshot: CheckoutSnapshot,
  channels: readonly string[],
  now: Date,
): Promise<{ depositId?: string; outcome: PaidOutcome | 'released' | 'unchanged' }> {
  const [deposit] = await tx
    .select({ id: deposits.id })
    .from(deposits)
    .where(eq(deposits.checkoutSessionId, snapshot.sessionId));
  if (!deposit) return { outcome: 'unchanged' };
  if (snapshot.paymentStatus === 'paid' || snapshot.paymentStatus === 'no_payment_required') {
    return { depositId: deposit.id, outcome: await markPaid(tx, deposit.id, snapshot, channels, now) };
  }
  if (snapshot.status === 'expired') {
    return {
      depositId: deposit.id,
      outcome: (await releaseHold(tx, deposit.id, 'expired', now)) ? 'released' : 'unchanged',
    };
  }
  return { depositId: deposit.id, outcome: 'unchanged' };
}

/** Applies a refund snapshot to the deposit it belongs to (by refund id, or by payment intent). */
export async function applyRefundSnapshot(
  tx: Tx,
  refund: RefundSnapshot,
  channels: readonly string[],
  now: Date,
): Promise<void> {
  const [deposit] = await tx
    .select({ id: deposits.id })
    .from(deposits)
    .where(
      refund.paymentIntentId
        ? sql`${deposits.refundId} = ${refund.refundId} or ${deposits.paymentIntentId} = ${refund.paymentIntentId}`
        : eq(deposits.refundId, refund.refundId),
    );
  if (deposit) await recordRefund(tx, deposit.id, refund, channels, now);
}

/** Re-reads a session from the provider and reconciles; then pays back a late payment if one was found. */
export async function reconcileCheckout(
  deps: PaymentDeps,
  sessionId: string,
): Promise<PaidOutcome | 'released' | 'unchanged'> {
  const snapshot = await deps.gateway.retrieveCheckout(sessionId);
  const result = await deps.db.transaction((tx) => applyCheckoutSnapshot(tx, snapshot, deps.channels, new Date()));
  if (result.outcome === 'late_refund' && result.depositId) await executeRefund(deps, result.depositId);
  return result.outcome;
}

/**
 * Asks the provider to refund a deposit that is waiting for one. Idempotent (one refund per refund attempt, by
 * idempotency key). If the provider did not answer, the deposit keeps waiting and the sweep repeats the same
 * attempt; if it answered with a refusal, the sweep's next try is a new attempt, since the old key would only
 * replay the refusal.
 */
export async function executeRefund(deps: PaymentDeps, depositId: string): Promise<void> {
  const [deposit] = await deps.db.select().from(deposits).where(eq(deposits.id, depositId));
  if (!deposit || deposit.status !== 'refund_pending') return;
  if (!deposit.paymentIntentId) {
    // Nothing was charged through the provider (a demo deposit): the refund is immediate.
    await deps.db.transaction((tx) =>
      recordRefund(
        tx,
        depositId,
        { refundId: `none_${depositId}`, status: 'succeeded', attempt: deposit.refundAttempt },
        deps.channels,
        new Date(),
      ),
    );
    return;
  }
  const attempt = deposit.refundAttempt;
  try {
    const refund = await deps.gateway.refund({
      paymentIntentId: deposit.paymentIntentId,
      depositId: deposit.id,
      reason: deposit.refundReason ?? 'requested_by_customer',
      attempt,
    });
    await deps.db.transaction((tx) =>
      recordRefund(tx, depositId, { ...refund, attempt: refund.attempt ?? attempt }, deps.channels, new Date()),
    );
  } catch (error) {
    const message = (error as Error).message.slice(0, 300);
    log.warn('payments.refund_failed_to_start', { deposit: depositId, attempt }, error);
    if (error instanceof ProviderRefusal && error.isPermanent)
      await deps.db.transaction((tx) =>
        failRefund(tx, depositId, attempt, `refused:${message.split(':')[0]}`, deps.channels, new Date()),
      );
    else if (error instanceof ProviderRefusal)
      await deps.db.transaction((tx) => restartRefund(tx, depositId, attempt, message, new Date()));
    else
      await deps.db
        .update(deposits)
        .set({ refundError: message, updatedAt: new Date() })
        .where(eq(deposits.id, depositId));
  }
}
