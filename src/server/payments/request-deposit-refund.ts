/**
 * Staff refund a reservation deposit from the console (admins and leasing agents; see console-access.ts). A
 * refund needs a reason staff chose (REFUND_REASONS) and their confirmation; without either nothing is refunded.
 * A refund that starts is audited, with the deposit's status before and after.
 */
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { deposits, type DepositStatus } from '../db/schema.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { isRefundReason, refundReservation } from './refund-reservation.ts';

export interface RefundDeps {
  db: Database;
  payments: { gateway: PaymentGateway };
  notifyChannels: readonly string[];
  outbox: { kick(): void };
}

export interface RefundStarted {
  outcome: 'requested' | 'already' | 'unknown';
  status?: DepositStatus | undefined;
}

/** The outcome, and the lead the deposit belongs to (whose page shows it), when there is such a deposit. */
export async function requestDepositRefund(
  deps: RefundDeps,
  actor: Actor,
  depositId: string,
  input: Record<string, unknown>,
): Promise<{ leadId?: string; outcome: Outcome<RefundStarted> }> {
  if (!/^[0-9a-f-]{36}$/.test(depositId)) return { outcome: refused('not_found') };
  const [before] = await deps.db
    .select({ status: deposits.status, leadId: deposits.leadId })
    .from(deposits)
    .where(eq(deposits.id, depositId));
  if (!before) return { outcome: refused('not_found') };
  const { leadId } = before;
  const { reason } = input;
  if (!isRefundReason(reason)) return { leadId, outcome: refused('refund_reason') };
  if (input.confirm !== 'yes') return { leadId, outcome: refused('refund_confirm') };
  // Refunding a deposit credited to a lease takes an administrator and a second, explicit tick.
  const overrideCredit = input.overrideCredit === 'yes';
  if (before.status === 'credited' && !(overrideCredit && actor.role === 'admin'))
    return { leadId, outcome: refused('deposit_credited') };
  const result = await refundReservation(
    { db: deps.db, gateway: deps.payments.gateway, channels: deps.notifyChannels },
    depositId,
    { reason, actor: actor.email, overrideCredit },
  );
  if (result.outcome === 'requested')
    await recordAudit(
      deps.db,
      actor,
      'deposit.refund',
      'deposit',
      depositId,
      { status: before.status },
      { status: result.status ?? null, reason, ...(before.status === 'credited' ? { overrideCredit: true } : {}) },
    );
  deps.outbox.kick();
  if (result.outcome === 'not_refundable') return { leadId, outcome: refused('not_refundable') };
  if (result.outcome === 'credited') return { leadId, outcome: refused('deposit_credited') };
  return { leadId, outcome: { ok: true, outcome: result.outcome, status: result.status } };
}
