/**
 * Stripe webhook events. The event is trusted only as a trigger: the session or refund it names is re-read from
 * Stripe, and the deposit is reconciled to that truth. The event id is recorded in the same transaction as the
 * effect, so a retried or duplicated delivery changes nothing, and order does not matter.
 */
import type Stripe from 'stripe';
import { stripeEvents } from '../db/schema.ts';
import { applyCheckoutSnapshot, applyRefundSnapshot, executeRefund, type PaymentDeps } from './reconcile.ts';
import type { CheckoutSnapshot, RefundSnapshot } from './payment-gateway.ts';

const CHECKOUT_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired']);
const REFUND_EVENTS = new Set(['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated']);

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/** Applies one verified event. */
export async function handleStripeEvent(deps: PaymentDeps, event: Stripe.Event): Promise<EventOutcome> {
  let checkout: CheckoutSnapshot | undefined;
  let refund: RefundSnapshot | undefined;
  const object = event.data.object as { id?: string; object?: string };
  if (CHECKOUT_EVENTS.has(event.type) && object.id) {
    checkout = await deps.gateway.retrieveCheckout(object.id);
    // A failed asynchronous payment ends the session for us even if Stripe still calls it open.
    if (event.type === 'checkout.session.async_payment_failed' && checkout.paymentStatus !== 'paid') checkout = { ...checkout, status: 'expired' };
  } else if (REFUND_EVENTS.has(event.type) && object.id) {
    refund = await deps.gateway.retrieveRefund(object.id);
  } else if (event.type === 'charge.refunded') {
    const charge = event.data.object as Stripe.Charge;
    const latest = charge.refunds?.data?.[0];
    if (latest) refund = await deps.gateway.retrieveRefund(latest.id);
  }

  const result = await deps.db.transaction(async (tx) => {
    const recorded = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (recorded.length === 0) return { outcome: 'duplicate' as const };
    const now = new Date();
    if (checkout) {
      const applied = await applyCheckoutSnapshot(tx, checkout, deps.channels, now);
      return { outcome: 'applied' as const, lateRefund: applied.outcome === 'late_refund' ? applied.depositId : undefined };
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
