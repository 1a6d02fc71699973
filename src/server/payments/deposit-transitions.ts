/**
 * The deposit state machine, inside the caller's transaction, and the only code that changes a hold: it places
 * holds, releases them (with a timeline entry each time) and turns them into reservations. Every transition locks
 * the unit's row first, so two transitions on one unit never interleave, and each is idempotent: applying it twice
 * changes nothing.
 *
 *   held ──paid──▶ reserved ──refund──▶ refund_pending ──▶ refunded | refund_failed ──retry──▶ refund_pending
 *     └──expired / cancelled / failed──▶ released ──paid late, unit taken──▶ refund_pending
 *
 * Every move into refund_pending starts a new refund attempt (its own idempotency key at the provider) and
 * forgets the previous attempt's refund id; news about an older attempt's refund changes nothing.
 */
import { and, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { STAGES_BEFORE_RESERVED } from '../../lib/pipeline.ts';
import type { Tx } from '../db/open-database.ts';
import { deposits, leads, unitStates, type DepositRow } from '../db/schema.ts';
import { recordLeadEvent, type LeadEvent } from '../leads/record-lead-event.ts';
import { enqueueNotices } from '../notify/enqueue-notices.ts';
import type { CheckoutSnapshot, RefundSnapshot } from './payment-gateway.ts';

async function lockDeposit(tx: Tx, depositId: string): Promise<DepositRow | undefined> {
  const [head] = await tx.select({ unitId: deposits.unitId }).from(deposits).where(eq(deposits.id, depositId));
  if (!head) return undefined;
  await tx.execute(sql`select 1 from unit_states where unit_id = ${head.unitId} for update`);
  const [deposit] = await tx.select().from(deposits).where(eq(deposits.id, depositId)).for('update');
  return deposit;
}

/** Writes a deposit's new values (and when they changed). */
async function setDeposit(tx: Tx, deposit: DepositRow, values: Partial<DepositRow>, now: Date): Promise<void> {
  await tx
    .update(deposits)
    .set({ ...values, updatedAt: now })
    .where(eq(deposits.id, deposit.id));
}

/** The timeline entries that staff are also sent a notice of, with the notice's event. */
const NOTICE_EVENT = {
  deposit_paid: 'deposit.paid',
  deposit_late_payment: 'deposit.late_payment',
  deposit_refunded: 'deposit.refunded',
  refund_failed: 'deposit.refund_failed',
} as const satisfies Partial<Record<LeadEvent['kind'], string>>;

/** News about a deposit that staff are told of: an entry on its lead's timeline and a notice on every channel. */
async function tellStaff(
  tx: Tx,
  deposit: DepositRow,
  kind: keyof typeof NOTICE_EVENT,
  data: Record<string, unknown>,
  channels: readonly string[],
  now: Date,
): Promise<void> {
  await recordLeadEvent(tx, { leadId: deposit.leadId, kind, data: { depositId: deposit.id, ...data }, at: now });
  const subject = { event: NOTICE_EVENT[kind], leadId: deposit.leadId, depositId: deposit.id };
  await enqueueNotices(tx, channels, subject, now);
}

export type PaidOutcome = 'reserved' | 'already' | 'late_refund' | 'unknown';

/** A payment for a deposit arrived: reserve the unit, or, if the unit went to someone else meanwhile, queue a refund. */
export async function markPaid(
  tx: Tx,
  depositId: string,
  payment: Pick<CheckoutSnapshot, 'paymentIntentId' | 'amountTotal' | 'currency'>,
  channels: readonly string[],
  now: Date,
): Promise<PaidOutcome> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit) return 'unknown';
  if (deposit.status !== 'held' && deposit.status !== 'released') return 'already';
  const paymentIntentId = payment.paymentIntentId ?? null;
  const isWrongAmount =
    payment.amountTotal !== undefined &&
    (payment.amountTotal !== deposit.amountFen || (payment.currency ?? deposit.currency) !== deposit.currency);

  if (deposit.status === 'released' || isWrongAmount) {
    const [other] = await tx
      .select({ id: deposits.id })
      .from(deposits)
      .where(
        and(
          eq(deposits.unitId, deposit.unitId),
          inArray(deposits.status, ['held', 'reserved']),
          ne(deposits.id, deposit.id),
        ),
      );
    const [unit] = await tx
      .select({ status: unitStates.status })
      .from(unitStates)
      .where(eq(unitStates.unitId, deposit.unitId));
    const canStillTake = !isWrongAmount && !other && unit?.status === 'available';
    if (!canStillTake) {
      const reason = isWrongAmount ? 'amount_mismatch' : 'unit_taken';
      await setDeposit(
        tx,
        deposit,
        { status: 'refund_pending', paidAt: now, paymentIntentId, refundReason: reason, ...nextRefundAttempt(deposit) },
        now,
      );
      await tellStaff(tx, deposit, 'deposit_late_payment', { unitId: deposit.unitId, reason }, channels, now);
      return 'late_refund';
    }
  }

  await setDeposit(tx, deposit, { status: 'reserved', paidAt: now, paymentIntentId }, now);
  await tx
    .update(unitStates)
    .set({ status: 'reserved', holdExpiresAt: null, updatedAt: now })
    .where(eq(unitStates.unitId, deposit.unitId));
  const moved = await tx
    .update(leads)
    .set({ stage: 'reserved', stageChangedAt: now, updatedAt: now })
    .where(and(eq(leads.id, deposit.leadId), inArray(leads.stage, [...STAGES_BEFORE_RESERVED])))
    .returning({ id: leads.id });
  const paid = { unitId: deposit.unitId, amountFen: deposit.amountFen, currency: deposit.currency };
  await tellStaff(tx, deposit, 'deposit_paid', paid, channels, now);
  if (moved.length > 0)
    await recordLeadEvent(tx, {
      leadId: deposit.leadId,
      kind: 'stage_changed',
      data: { to: 'reserved', reason: 'deposit_paid' },
      at: now,
    });
  return 'reserved';
}

/** What a new hold needs: the unit, the lead and inquiry it is for, and how its deposit is paid. */
export interface NewHold {
  unitId: string;
  leadId: string;
  inquiryId: string;
  /** The gateway's mode (`stripe`, `demo`). */
  mode: string;
  currency: string;
  expiresAt: Date;
  /** The deposit for the list rent in force when the hold is placed (read under the unit's lock). */
  amountFor: (listRentPerSqmDay: string) => number;
}

/**
 * Puts a unit on hold for a new deposit, if it is available: a hold that lapsed and that the sweep has not
 * released yet is released first (with its timeline entry), so it no longer counts. Returns undefined when the
 * unit is held, reserved, leased or unavailable; the partial unique index on deposits refuses a second active
 * hold all the same.
 */
export async function placeHold(
  tx: Tx,
  hold: NewHold,
  now: Date,
): Promise<{ depositId: string; amountFen: number } | undefined> {
  await releaseLapsedHolds(tx, hold.unitId, now);
  const [state] = await tx
    .update(unitStates)
    .set({ status: 'held', holdExpiresAt: hold.expiresAt, updatedAt: now })
    .where(
      and(
        eq(unitStates.unitId, hold.unitId),
        or(eq(unitStates.status, 'available'), and(eq(unitStates.status, 'held'), lte(unitStates.holdExpiresAt, now))),
      ),
    )
    .returning({ rent: unitStates.listRentPerSqmDay });
  if (!state) return undefined;
  const amountFen = hold.amountFor(state.rent);
  const [deposit] = await tx
    .insert(deposits)
    .values({
      unitId: hold.unitId,
      leadId: hold.leadId,
      inquiryId: hold.inquiryId,
      mode: hold.mode,
      amountFen,
      currency: hold.currency,
      expiresAt: hold.expiresAt,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: deposits.id });
  await recordLeadEvent(tx, {
    leadId: hold.leadId,
    kind: 'deposit_started',
    data: { depositId: deposit!.id, unitId: hold.unitId, amountFen },
    at: now,
  });
  return { depositId: deposit!.id, amountFen };
}

/**
 * Ends a hold that was not paid: the unit is available again, and the lead's timeline says why (and who, for a
 * member of staff). Returns false if there was no hold to release.
 */
export async function releaseHold(
  tx: Tx,
  depositId: string,
  reason: 'expired' | 'cancelled' | 'payment_failed' | 'checkout_failed',
  now: Date,
  actor = 'system',
): Promise<boolean> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit || deposit.status !== 'held') return false;
  await setDeposit(tx, deposit, { status: 'released', releasedAt: now, releaseReason: reason }, now);
  await tx
    .update(unitStates)
    .set({ status: 'available', holdExpiresAt: null, updatedAt: now })
    .where(and(eq(unitStates.unitId, deposit.unitId), eq(unitStates.status, 'held')));
  await recordLeadEvent(tx, {
    leadId: deposit.leadId,
    kind: 'deposit_released',
    data: { depositId: deposit.id, unitId: deposit.unitId, reason },
    actor,
    at: now,
  });
  return true;
}

/** Releases the holds on a unit whose time is up, as the sweep would: readers already treat the unit as available. */
export async function releaseLapsedHolds(tx: Tx, unitId: string, now: Date): Promise<void> {
  const lapsed = await tx
    .select({ id: deposits.id })
    .from(deposits)
    .where(and(eq(deposits.unitId, unitId), eq(deposits.status, 'held'), lte(deposits.expiresAt, now)));
  for (const hold of lapsed) await releaseHold(tx, hold.id, 'expired', now);
}

/** Releases the unit's current hold early, for staff (e.g. the tenant asked by phone): the released deposit, if any. */
export async function releaseHoldOnUnit(tx: Tx, unitId: string, actor: string, now: Date): Promise<string | undefined> {
  await tx.execute(sql`select 1 from unit_states where unit_id = ${unitId} for update`);
  const [hold] = await tx
    .select({ id: deposits.id })
    .from(deposits)
    .where(and(eq(deposits.unitId, unitId), eq(deposits.status, 'held')));
  if (!hold || !(await releaseHold(tx, hold.id, 'cancelled', now, actor))) return undefined;
  return hold.id;
}

/** A new refund attempt: the next idempotency key, and no refund id or error of the previous attempt. */
function nextRefundAttempt(deposit: DepositRow) {
  return { refundAttempt: deposit.refundAttempt + 1, refundId: null, refundError: null };
}

/**
 * Staff asked to refund a reservation, or to retry a refund that failed or was canceled: a new refund attempt is
 * queued. Refunding a reservation makes its unit available again; a retry leaves the unit alone (it is no longer
 * this deposit's, and may be someone else's by now).
 */
export async function requestRefund(
  tx: Tx,
  depositId: string,
  reason: string,
  actor: string,
  now: Date,
  options: { overrideCredit?: boolean } = {},
): Promise<'requested' | 'already' | 'not_refundable' | 'credited' | 'unknown'> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit) return 'unknown';
  if (deposit.status === 'refund_pending' || deposit.status === 'refunded') return 'already';
  // A deposit credited to a lease is part of its rent: refunded only when an administrator says so explicitly.
  if (deposit.status === 'credited' && !options.overrideCredit) return 'credited';
  if (deposit.status !== 'reserved' && deposit.status !== 'refund_failed' && deposit.status !== 'credited')
    return 'not_refundable';
  // A retry, or a credited deposit, leaves the unit alone: it is no longer this deposit's to free.
  const isRetry = deposit.status === 'refund_failed';
  const keepsUnit = isRetry || deposit.status === 'credited';
  await setDeposit(
    tx,
    deposit,
    {
      status: 'refund_pending',
      refundReason: isRetry ? (deposit.refundReason ?? reason) : reason,
      ...nextRefundAttempt(deposit),
    },
    now,
  );
  if (!keepsUnit)
    await tx
      .update(unitStates)
      .set({ status: 'available', updatedAt: now })
      .where(and(eq(unitStates.unitId, deposit.unitId), eq(unitStates.status, 'reserved')));
  await recordLeadEvent(tx, {
    leadId: deposit.leadId,
    kind: isRetry ? 'refund_retried' : 'refund_requested',
    data: {
      depositId: deposit.id,
      unitId: deposit.unitId,
      reason,
      attempt: deposit.refundAttempt + 1,
      ...(deposit.status === 'credited' ? { overrideCredit: true } : {}),
    },
    actor,
    at: now,
  });
  return 'requested';
}

/**
 * Starting the current refund attempt was refused by the provider (it answered, so the same key would only replay
 * that answer): the next attempt gets a new key. Only the first of several processes that saw the refusal moves it.
 */
export async function restartRefund(
  tx: Tx,
  depositId: string,
  attempt: number,
  error: string,
  now: Date,
): Promise<void> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit || deposit.status !== 'refund_pending' || deposit.refundAttempt !== attempt || deposit.refundId) return;
  await setDeposit(tx, deposit, { ...nextRefundAttempt(deposit), refundError: error }, now);
}

/**
 * The provider refused the current refund attempt for good (asking again would be refused again): the deposit
 * shows as a failed refund with the provider's reason, staff are told, and a retry from the console starts anew.
 */
export async function failRefund(
  tx: Tx,
  depositId: string,
  attempt: number,
  error: string,
  channels: readonly string[],
  now: Date,
): Promise<void> {
  const deposit = await lockDeposit(tx, depositId);
  if (!deposit || deposit.status !== 'refund_pending' || deposit.refundAttempt !== attempt || deposit.refundId) return;
  await setDeposit(tx, deposit, { status: 'refund_failed', refundError: error }, now);
  await tellStaff(tx, deposit, 'refund_failed', { reason: 'refused' }, channels, now);
}

/** Whether a refund the provider tells us about belongs to the deposit's current attempt. */
function isCurrentAttempt(deposit: DepositRow, refund: RefundSnapshot): boolean {
  if (deposit.refundId)
    return deposit.refundId === refund.refundId || (refund.attempt === undefined && refund.status === 'succeeded');
  // No refund id yet (the attempt's answer is on its way): the attempt number in the refund's metadata decides;
  // a refund made elsewhere (Stripe's Dashboard) counts only once it has succeeded: the money is back.
  return refund.attempt === undefined ? refund.status === 'succeeded' : refund.attempt === deposit.refundAttempt;
}

/** Records what the provider says about a refund of the current attempt; the final outcomes are told to staff once. */
export async function recordRefund(
  tx: Tx,
  depositId: string,
  refund: RefundSnapshot,
  channels: readonly string[],
  now: Date,
): Promise<void> {
  const deposit = await lockDeposit(tx, depositId);
  if (
    !deposit ||
    (deposit.status !== 'refund_pending' && deposit.status !== 'refunded' && deposit.status !== 'refund_failed')
  )
    return;
  if (!isCurrentAttempt(deposit, refund)) return;
  if (refund.status === 'succeeded') {
    if (deposit.status === 'refunded') return;
    await setDeposit(
      tx,
      deposit,
      { status: 'refunded', refundId: refund.refundId, refundedAt: now, refundError: null },
      now,
    );
    const data = { amountFen: deposit.amountFen, refundId: refund.refundId };
    await tellStaff(tx, deposit, 'deposit_refunded', data, channels, now);
  } else if (refund.status === 'failed' || refund.status === 'canceled') {
    if (deposit.status === 'refund_failed') return;
    const reason = refund.failureReason ?? refund.status;
    await setDeposit(tx, deposit, { status: 'refund_failed', refundId: refund.refundId, refundError: reason }, now);
    await tellStaff(tx, deposit, 'refund_failed', { reason }, channels, now);
  } else if (deposit.status === 'refund_pending') {
    // Still under way: `requires_action` means Stripe asked the customer for details (staff see it as the reason).
    const note = refund.status === 'requires_action' ? 'requires_action' : null;
    if (deposit.refundId !== refund.refundId || deposit.refundError !== note)
      await setDeposit(tx, deposit, { refundId: refund.refundId, refundError: note }, now);
  }
}
