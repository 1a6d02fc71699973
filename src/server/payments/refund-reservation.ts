/**
 * Refunds a reservation deposit (the console calls this). Idempotent: asking twice refunds once; the final
 * outcome arrives through refund events (or at once for demo deposits).
 */
import { eq } from 'drizzle-orm';
import { deposits, type DepositStatus } from '../db/schema.ts';
import { requestRefund } from './deposit-transitions.ts';
import { executeRefund, type PaymentDeps } from './reconcile.ts';

export async function refundReservation(deps: PaymentDeps, depositId: string, options: { reason: string; actor: string }): Promise<{ outcome: 'requested' | 'already' | 'not_refundable' | 'unknown'; status?: DepositStatus }> {
  const outcome = await deps.db.transaction((tx) => requestRefund(tx, depositId, options.reason, options.actor, new Date()));
  if (outcome === 'requested' || outcome === 'already') await executeRefund(deps, depositId);
  const [deposit] = await deps.db.select({ status: deposits.status }).from(deposits).where(eq(deposits.id, depositId));
  return deposit ? { outcome, status: deposit.status } : { outcome };
}
