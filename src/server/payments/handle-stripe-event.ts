/**
 * Stripe webhook events. The event is trusted only as a trigger: the session or refund it names is re-read from
 * Stripe, and the deposit is reconciled to that truth. The event id is recorded in the same transaction as the
 * effect, so a retried or duplicated delivery changes nothing, and order does not matter.
 */
import type Stripe from 'stripe';
import { stripeEvents } from '../db/schema.ts';
import { applyCheckoutSnapshot, applyRefundSnapshot, executeRefund, type PaymentDeps } from './reconcile-deposit.ts';
import type { CheckoutSnapshot, RefundSnapshot } from './payment-gateway.ts';

const CHECKOUT_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
] as const;
/**
 * Refund events carry the Refund itself. Since API 2024-10-28.acacia Stripe sends them for every refund, card
 * refunds included; `charge.refunded` is not used: since 2022-11-15 its Charge no longer embeds the refunds, and
 * refund.updated / refund.failed already say everything it would.
 */
const REFUND_EVENTS = ['refund.created', 'refund.updated', 'refund.failed'] as const;

/**
 * The events to enable on the webhook endpoint in Stripe's Dashboard (the README lists them); others are ignored.
 * @internal Exported for tests/integration/payments-recovery.test.ts (checks the README against it).
 */
export const STRIPE_WEBHOOK_EVENTS: readonly string[] = [...CHECKOUT_EVENTS, ...REFUND_EVENTS];
const isIn = (list: readonly string[], type: string) => list.includes(type);

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/** Applies one verified event. */
export async function handleStripeEvent(deps: PaymentDeps, event: Stripe.Event): Promise<EventOutcome> {
  let checkout: CheckoutSnapshot | undefined;
  let refund: RefundSnapshot | undefined;
  const object = event.data.object as { id?: string; object?: string };
  if (isIn(CHECKOUT_EVENTS, event.type) && object.id) {
    checkout = await deps.gateway.retrieveCheckout(object.id);
    // A failed asynchronous payment ends the session for us even if Stripe still calls it open.
    if (event.type === 'checkout.session.async_payment_failed' && checkout.paymentStatus !== 'paid')
      checkout = { ...checkout, status: 'expired' };
  } else if (isIn(REFUND_EVENTS, event.type) && object.id) {
    refund = await deps.gateway.retrieveRefund(object.id);
  }

  const result = await deps.db.transaction(async (tx) => {
    const recorded = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (recorded.length === 0) return { outcome: 'duplicate' as const };
    const now = new Date();
    if (checkout) {
      const applied = await applyCheckoutSnapshot(tx, checkout, deps.channels, now);
      return {
        outcome: 'applied' as const,
        lateRefund: applied.outcome === 'late_refund' ? applied.depositId : undefined,
      };
    }
    if (refund) {
      await applyRefundSnapshot(tx, refund, deps.channels, now);
      return { outcome: 'applied' as const };
    }
    return { outcome: 'ignored' as const };
  });
  if ('lateRefund' in result && result.lateRefund) await executeRefund(deps, result.lateRefund);
  return result.outcome;
}
