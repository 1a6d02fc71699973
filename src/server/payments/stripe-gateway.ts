/**
 * The payment gateway on Stripe: Checkout Sessions for the deposit, refunds, and re-reading both.
 */
import Stripe from 'stripe';
import type { CheckoutRequest, CheckoutSnapshot, PaymentGateway, RefundSnapshot } from './payment-gateway.ts';

/** A Stripe client; `apiUrl` points it at another origin (a local fake in tests). */
export function createStripeClient(secretKey: string, apiUrl?: string): Stripe {
  if (!apiUrl) return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000 });
  const url = new URL(apiUrl);
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
}

function toRefund(refund: Stripe.Refund): RefundSnapshot {
  return {
    refundId: refund.id,
    status: (refund.status ?? 'pending') as RefundSnapshot['status'],
    paymentIntentId: typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id,
    failureReason: refund.failure_reason ?? undefined,
  };
}

export function stripeGateway(stripe: Stripe): PaymentGateway {
  return {
    mode: 'stripe',
    async createCheckout(request: CheckoutRequest) {
      const metadata = { deposit_id: request.depositId, lead_id: request.leadId, unit_id: request.unitId };
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: request.currency, unit_amount: request.amountFen, product_data: { name: request.productName } } }],
          // This API version computes eligible methods dynamically; the configured list filters them.
          allowed_payment_method_types: request.paymentMethods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
          ...(request.paymentMethods.includes('wechat_pay') ? { payment_method_options: { wechat_pay: { client: 'web' as const } } } : {}),
          expires_at: Math.floor(request.expiresAt.getTime() / 1000),
          client_reference_id: request.depositId,
          metadata,
          payment_intent_data: { metadata },
          ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
          locale: request.lang === 'zh' ? 'zh' : 'en',
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        // The same hold never opens two sessions, even when the request is retried.
        { idempotencyKey: `deposit-checkout-${request.depositId}` },
      );
      if (!session.url) throw new Error(`Stripe returned no Checkout URL for session ${session.id}`);
      return { sessionId: session.id, url: session.url };
    },
    async retrieveCheckout(sessionId: string): Promise<CheckoutSnapshot> {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      return {
        sessionId: session.id,
        status: (session.status ?? 'open') as CheckoutSnapshot['status'],
        paymentStatus: session.payment_status as CheckoutSnapshot['paymentStatus'],
        paymentIntentId: typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id,
        amountTotal: session.amount_total ?? undefined,
        currency: session.currency ?? undefined,
      };
    },
    async expireCheckout(sessionId: string) {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      if (session.status === 'open') await stripe.checkout.sessions.expire(sessionId);
    },
    async refund(paymentIntentId: string, depositId: string, reason: string) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentIntentId, metadata: { deposit_id: depositId, reason } },
        { idempotencyKey: `deposit-refund-${depositId}` },
      );
      return toRefund(refund);
    },
    async retrieveRefund(refundId: string) {
      return toRefund(await stripe.refunds.retrieve(refundId));
    },
  };
}
