/**
 * What the deposit flow needs from a payment provider. Stripe implements it in production; the demo gateway
 * stands in when no Stripe keys are configured, so the same fulfilment code runs either way.
 */
export interface CheckoutRequest {
  depositId: string;
  leadId: string;
  unitId: string;
  amountFen: number;
  currency: string;
  paymentMethods: readonly string[];
  productName: string;
  customerEmail?: string | undefined;
  lang: 'zh' | 'en';
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}

/** The truth about a Checkout Session, as re-read from the provider. */
export interface CheckoutSnapshot {
  sessionId: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  paymentIntentId?: string | undefined;
  amountTotal?: number | undefined;
  currency?: string | undefined;
}

export interface RefundSnapshot {
  refundId: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action';
  paymentIntentId?: string | undefined;
  failureReason?: string | undefined;
  /** The deposit's refund attempt this refund was made for (from its metadata); unknown for refunds made elsewhere. */
  attempt?: number | undefined;
}

/** A Checkout Session just opened, and the payment methods the provider actually offers on it. */
interface OpenedCheckout {
  sessionId: string;
  url: string;
  offeredMethods: readonly string[];
}

/**
 * The provider answered and refused a request (as opposed to not answering). Stripe saves such answers under the
 * idempotency key and replays them, so the request is only worth repeating under a new key.
 */
export class ProviderRefusal extends Error {
  /**
   * True when repeating would be refused again (a request the provider finds invalid for this payment, e.g. a
   * disputed charge): staff must decide. False for refusals that pass (rate limits, conflicts, the provider's
   * own errors), worth a new attempt.
   */
  readonly isPermanent: boolean;
  constructor(message: string, isPermanent: boolean) {
    super(message);
    this.name = 'ProviderRefusal';
    this.isPermanent = isPermanent;
  }
}

export interface PaymentGateway {
  mode: 'stripe' | 'demo';
  createCheckout(request: CheckoutRequest): Promise<OpenedCheckout>;
  retrieveCheckout(sessionId: string): Promise<CheckoutSnapshot>;
  /** Ends an open session at the provider; already completed or expired sessions are left as they are. */
  expireCheckout(sessionId: string): Promise<void>;
  /** Starts refund attempt `attempt` of a deposit: one refund per attempt, however often it is called. */
  refund(request: {
    paymentIntentId: string;
    depositId: string;
    reason: string;
    attempt: number;
  }): Promise<RefundSnapshot>;
  retrieveRefund(refundId: string): Promise<RefundSnapshot>;
}

export interface PaymentsConfig {
  gateway: PaymentGateway;
  currency: string;
  paymentMethods: readonly string[];
  rule: import('../../lib/deposit.ts').DepositRule;
  siteUrl: string;
  /** Only with Stripe: the signing secret of the webhook endpoint. */
  webhookSecret?: string | undefined;
}

/** How long a hold lasts: Stripe's shortest Checkout expiry (30 minutes), plus a margin for the request itself. */
export const HOLD_MINUTES = 30;
export const HOLD_MARGIN_SECONDS = 60;
