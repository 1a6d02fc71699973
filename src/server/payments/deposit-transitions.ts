/**
 * The deposit state machine, inside the caller's transaction. Every transition locks the unit's row first, so
 * two transitions on one unit never interleave, and each is idempotent: applying it twice changes nothing.
 *
 *   held ──paid──▶ reserved ──refund──▶ refund_pending ──▶ refunded | refund_failed
 *     └──expired / cancelled / failed──▶ released ──paid late, unit taken──▶ refund_pending
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits, leadEvents, leads, unitStates, type DepositRow } from '../db/schema.ts';
import { enqueueNotices } from '../notify/enqueue-notices.ts';
import type { CheckoutSnapshot, RefundSnapshot } from './payment-gateway.ts';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Stages a paid deposit moves a lead out of; later stages (negotiating, signed) are not moved back. */
const STAGES_BEFORE_RESERVED = ['new', 'contacted', 'touring', 'proposal'] as const;

async function lockDeposit(tx: Tx, depositId: string): Promise<DepositRow | undefined> {
  const [head] = await tx.select({ unitId: deposits.unitId }).from(deposits).where(eq(deposits.id, depositId));
  if (!head) return undefined;
  await tx.execute(sql`select 1 from unit_states where unit_id = ${head.unitId} for update`);
  const [deposit] = await tx.select().from(deposits).where(eq(deposits.id, depositId)).for('update');
  return deposit;
}

async function timeline(tx: Tx, leadId: string, kind: string, data: Record<string, unknown>, now: Date, actor = 'system') {
  await tx.insert(leadEvents).values({ leadId, kind, data, actor, createdAt: now });
}

export type PaidOutcome = 'reserved' | 'already' | 'late_refund' | 'unknown';

/** A payment for a deposit arrived: reserve the unit, or, if the unit went to someone else meanwhile, queue a refund. */
export async function markPaid(tx: Tx, depositId: string, payment: Pick<CheckoutSnapshot, 'paymentIntentId' | 'amountTotal' | 'currency'>, channels: readonly string[], now: Date): Promise<PaidOutcome> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit) return 'unknown';
  if (deposit.status !== 'held' && deposit.status !== 'released') return 'already';
  const paymentIntentId = payment.paymentIntentId ?? null;
  const isWrongAmount = payment.amountTotal !== undefined && (payment.amountTotal !== deposit.amountFen || (payment.currency ?? deposit.currency) !== deposit.currency);

  if (deposit.status === 'released' || isWrongAmount) {
    const [other] = await tx.select({ id: deposits.id }).from(deposits).where(and(eq(deposits.unitId, deposit.unitId), inArray(deposits.status, ['held', 'reserved']), ne(deposits.id, deposit.id)));
    const [unit] = await tx.select({ status: unitStates.status }).from(unitStates).where(eq(unitStates.unitId, deposit.unitId));
    const canStillTake = !isWrongAmount && !other && unit?.status === 'available';
    if (!canStillTake) {
      const reason = isWrongAmount ? 'amount_mismatch' : 'unit_taken';
      await tx.update(deposits).set({ status: 'refund_pending', paidAt: now, paymentIntentId, refundReason: reason, updatedAt: now }).where(eq(deposits.id, deposit.id));
      await timeline(tx, deposit.leadId, 'deposit_late_payment', { depositId: deposit.id, unitId: deposit.unitId, reason }, now);
      await enqueueNotices(tx, channels, { event: 'deposit.late_payment', leadId: deposit.leadId, depositId: deposit.id }, now);
      return 'late_refund';
    }
  }

  await tx.update(deposits).set({ status: 'reserved', paidAt: now, paymentIntentId, updatedAt: now }).where(eq(deposits.id, deposit.id));
  await tx.update(unitStates).set({ status: 'reserved', holdExpiresAt: null, updatedAt: now }).where(eq(unitStates.unitId, deposit.unitId));
  const moved = await tx
    .update(leads)
    .set({ stage: 'reserved', stageChangedAt: now, updatedAt: now })
    .where(and(eq(leads.id, deposit.leadId), inArray(leads.stage, [...STAGES_BEFORE_RESERVED])))
    .returning({ id: leads.id });
  await timeline(tx, deposit.leadId, 'deposit_paid', { depositId: deposit.id, unitId: deposit.unitId, amountFen: deposit.amountFen, currency: deposit.currency }, now);
  if (moved.length > 0) await timeline(tx, deposit.leadId, 'stage_changed', { to: 'reserved', reason: 'deposit_paid' }, now);
  await enqueueNotices(tx, channels, { event: 'deposit.paid', leadId: deposit.leadId, depositId: deposit.id }, now);
  return 'reserved';
}

/** Ends a hold that was not paid: the unit is available again. Returns false if there was no hold to release. */
export async function releaseHold(tx: Tx, depositId: string, reason: 'expired' | 'cancelled' | 'payment_failed' | 'checkout_failed', now: Date): Promise<boolean> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit || deposit.status !== 'held') return false;
  await tx.update(deposits).set({ status: 'released', releasedAt: now, releaseReason: reason, updatedAt: now }).where(eq(deposits.id, deposit.id));
  await tx.update(unitStates).set({ status: 'available', holdExpiresAt: null, updatedAt: now }).where(and(eq(unitStates.unitId, deposit.unitId), eq(unitStates.status, 'held')));
  await timeline(tx, deposit.leadId, 'deposit_released', { depositId: deposit.id, unitId: deposit.unitId, reason }, now);
  return true;
}

/** Staff asked to refund a reservation: the unit is available again and a refund is queued. */
export async function requestRefund(tx: Tx, depositId: string, reason: string, actor: string, now: Date): Promise<'requested' | 'already' | 'not_refundable' | 'unknown'> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit) return 'unknown';
  if (deposit.status === 'refund_pending' || deposit.status === 'refunded') return 'already';
  if (deposit.status !== 'reserved' && deposit.status !== 'refund_failed') return 'not_refundable';
  await tx.update(deposits).set({ status: 'refund_pending', refundReason: reason, refundError: null, updatedAt: now }).where(eq(deposits.id, deposit.id));
  await tx.update(unitStates).set({ status: 'available', updatedAt: now }).where(and(eq(unitStates.unitId, deposit.unitId), eq(unitStates.status, 'reserved')));
  await timeline(tx, deposit.leadId, 'refund_requested', { depositId: deposit.id, unitId: deposit.unitId, reason }, now, actor);
  return 'requested';
}

/** Records what the provider says about a refund; the final outcomes are told to staff once. */
export async function recordRefund(tx: Tx, depositId: string, refund: RefundSnapshot, channels: readonly string[], now: Date): Promise<void> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit || (deposit.status !== 'refund_pending' && deposit.status !== 'refunded' && deposit.status !== 'refund_failed')) return;
  if (refund.status === 'succeeded') {
    if (deposit.status === 'refunded') return;
    await tx.update(deposits).set({ status: 'refunded', refundId: refund.refundId, refundedAt: now, refundError: null, updatedAt: now }).where(eq(deposits.id, deposit.id));
    await timeline(tx, deposit.leadId, 'deposit_refunded', { depositId: deposit.id, amountFen: deposit.amountFen, refundId: refund.refundId }, now);
    await enqueueNotices(tx, channels, { event: 'deposit.refunded', leadId: deposit.leadId, depositId: deposit.id }, now);
  } else if (refund.status === 'failed' || refund.status === 'canceled') {
    if (deposit.status === 'refund_failed') return;
    await tx.update(deposits).set({ status: 'refund_failed', refundId: refund.refundId, refundError: refund.failureReason ?? refund.status, updatedAt: now }).where(eq(deposits.id, deposit.id));
    await timeline(tx, deposit.leadId, 'refund_failed', { depositId: deposit.id, reason: refund.failureReason ?? refund.status }, now);
    await enqueueNotices(tx, channels, { event: 'deposit.refund_failed', leadId: deposit.leadId, depositId: deposit.id }, now);
  } else if (deposit.refundId !== refund.refundId) {
    await tx.update(deposits).set({ refundId: refund.refundId, updatedAt: now }).where(eq(deposits.id, deposit.id));
  }
}
