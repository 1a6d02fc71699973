/**
 * Refunds a reservation deposit (the console calls this). Idempotent: asking twice refunds once; the final
 * outcome arrives through refund events (or at once for demo deposits).
 */
import { eq } from 'drizzle-orm';
import { deposits, type DepositStatus } from '../db/schema.ts';
import { requestRefund } from './deposit-transitions.ts';
import { executeRefund, type PaymentDeps } from './reconcile-deposit.ts';

/**
 * Why staff refund, chosen in the console: Stripe's own refund reasons plus ours. Stored on the deposit and in the
 * audit log, and sent to Stripe as metadata.
 */
const REFUND_REASONS = ['requested_by_customer', 'unit_unavailable', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** True for a reason staff may choose (anything else is refused before a refund starts). */
export function isRefundReason(value: unknown): value is RefundReason {
  return typeof value === 'string' && (REFUND_REASONS as readonly string[]).includes(value);
}

export async function refundReservation(
  deps: PaymentDeps,
  depositId: string,
  options: { reason: RefundReason; actor: string; overrideCredit?: boolean },
): Promise<{ outcome: 'requested' | 'already' | 'not_refundable' | 'credited' | 'unknown'; status?: DepositStatus }> {
  const outcome = await deps.db.transaction((tx) =>
    requestRefund(tx, depositId, options.reason, options.actor, new Date(), {
      overrideCredit: options.overrideCredit ?? false,
    }),
  );
  if (outcome === 'requested' || outcome === 'already') await executeRefund(deps, depositId);
  const [deposit] = await deps.db.select({ status: deposits.status }).from(deposits).where(eq(deposits.id, depositId));
  return deposit ? { outcome, status: deposit.status } : { outcome };
}
