/**
 * The payment gateway on Stripe: Checkout Sessions for the deposit, refunds, and re-reading both.
 */
import Stripe from 'stripe';
import {
  ProviderRefusal,
  type CheckoutRequest,
  type CheckoutSnapshot,
  type PaymentGateway,
  type RefundSnapshot,
} from './payment-gateway.ts';

/**
 * The Stripe API version every request and (so) every webhook payload shape is read with, pinned rather than left
 * to the account's default. It is the version this SDK release was generated for: upgrading `stripe` fails the type
 * check here until the new version is named (and its changelog read). The webhook endpoint in Stripe's Dashboard
 * should use the same version (README, Deposits).
 * @internal Exported for tests/integration/payments-recovery.test.ts (checks the README against it).
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

/** A Stripe client; `apiUrl` points it at another origin (a local fake in tests). */
export function createStripeClient(secretKey: string, apiUrl?: string): Stripe {
  const common = { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, timeout: 20_000 } as const;
  if (!apiUrl) return new Stripe(secretKey, common);
  const url = new URL(apiUrl);
  return new Stripe(secretKey, {
    ...common,
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    telemetry: false,
  });
}

/** Stripe answered with an error (rather than not answering): its answer is saved under the idempotency key. */
const isAnswered = (error: unknown): error is Stripe.errors.StripeError =>
  error instanceof Stripe.errors.StripeError && typeof error.statusCode === 'number';

function toRefund(refund: Stripe.Refund): RefundSnapshot {
  return {
    refundId: refund.id,
    status: (refund.status ?? 'pending') as RefundSnapshot['status'],
    paymentIntentId: typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id,
    failureReason:
      refund.failure_reason ??
      (refund.status === 'canceled' || refund.status === 'requires_action' ? refund.status : undefined),
    attempt: /^\d+$/.test(refund.metadata?.attempt ?? '') ? Number(refund.metadata!.attempt) : undefined,
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
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency,
                unit_amount: request.amountFen,
                product_data: { name: request.productName },
              },
            },
          ],
          // This API version computes eligible methods dynamically; the configured list filters them.
          allowed_payment_method_types:
            request.paymentMethods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
          ...(request.paymentMethods.includes('wechat_pay')
            ? { payment_method_options: { wechat_pay: { client: 'web' as const } } }
            : {}),
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
      // What Stripe will actually offer: the configured list filtered by what the account can use.
      return { sessionId: session.id, url: session.url, offeredMethods: session.payment_method_types ?? [] };
    },
    async retrieveCheckout(sessionId: string): Promise<CheckoutSnapshot> {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      return {
        sessionId: session.id,
        status: (session.status ?? 'open') as CheckoutSnapshot['status'],
        paymentStatus: session.payment_status as CheckoutSnapshot['paymentStatus'],
        paymentIntentId:
          typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id,
        amountTotal: session.amount_total ?? undefined,
        currency: session.currency ?? undefined,
      };
    },
    async expireCheckout(sessionId: string) {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      if (session.status === 'open') await stripe.checkout.sessions.expire(sessionId);
    },
    async refund({ paymentIntentId, depositId, reason, attempt }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: paymentIntentId, metadata: { deposit_id: depositId, reason, attempt: String(attempt) } },
          // One key per attempt: a reused key replays the first (maybe failed) answer for 24 hours.
          { idempotencyKey: `deposit-refund-${depositId}-${attempt}` },
        );
        return toRefund(refund);
      } catch (error) {
        if (isAnswered(error) && error.code === 'charge_already_refunded') {
          // A refund is already under way or done (e.g. one whose answer never reached us): follow that one.
          const { data } = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 10 });
          const current = data.find((r) => r.status !== 'failed' && r.status !== 'canceled');
          if (current) return { ...toRefund(current), attempt };
        }
        // 4xx other than 409 (a concurrent request) and 429 (rate limit) will be refused again however often we ask.
        if (isAnswered(error))
          throw new ProviderRefusal(
            `${error.code ?? error.type}: ${error.message}`,
            error.statusCode! >= 400 && error.statusCode! < 500 && error.statusCode !== 409 && error.statusCode !== 429,
          );
        throw error;
      }
    },
    async retrieveRefund(refundId: string) {
      return toRefund(await stripe.refunds.retrieve(refundId));
    },
  };
}
