/**
 * Builds the payments configuration from settings: Stripe when a secret key is set (and then the webhook secret
 * is required), the demo gateway otherwise. Bad settings stop the start with a message that says what to fix.
 */
import type { Database } from '../db/open-database.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { demoGateway } from './demo-gateway.ts';
import type { PaymentsConfig } from './payment-gateway.ts';
import { createStripeClient, stripeGateway } from './stripe-gateway.ts';

const KNOWN_METHODS = new Set(['card', 'alipay', 'wechat_pay']);

export interface PaymentSettings {
  stripeSecretKey?: string | undefined;
  stripeWebhookSecret?: string | undefined;
  stripeApiUrl?: string | undefined;
  currency: string;
  paymentMethods: string;
  months: number;
  minYuan: number;
  maxYuan: number;
  siteUrl: string;
}

export async function createPaymentsConfig(db: Database, settings: PaymentSettings): Promise<PaymentsConfig> {
  const currency = settings.currency.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(currency))
    throw new Error(`DEPOSIT_CURRENCY must be a three-letter currency code such as cny, not "${settings.currency}".`);
  const paymentMethods = settings.paymentMethods
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const unknown = paymentMethods.filter((m) => !KNOWN_METHODS.has(m));
  if (paymentMethods.length === 0 || unknown.length > 0) {
    throw new Error(
      `DEPOSIT_PAYMENT_METHODS must list some of card, alipay, wechat_pay (comma-separated); "${unknown.join(', ') || settings.paymentMethods}" is not one.`,
    );
  }
  if (settings.minYuan > settings.maxYuan)
    throw new Error(`DEPOSIT_MIN_YUAN (${settings.minYuan}) is larger than DEPOSIT_MAX_YUAN (${settings.maxYuan}).`);
  const rule = { months: settings.months, minYuan: settings.minYuan, maxYuan: settings.maxYuan };
  const common = { currency, paymentMethods, rule, siteUrl: settings.siteUrl };

  if (!settings.stripeSecretKey) {
    return { ...common, gateway: demoGateway(db, await getAppSecret(db, 'demo-checkout')) };
  }
  if (!/^(sk|rk)_(test|live)_/.test(settings.stripeSecretKey))
    throw new Error('STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_test_… or sk_live_…).');
  if (!settings.stripeWebhookSecret) {
    throw new Error(
      'STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: without it no payment can be confirmed. Set the signing secret of the /api/webhooks/stripe endpoint (whsec_…).',
    );
  }
  return {
    ...common,
    gateway: stripeGateway(createStripeClient(settings.stripeSecretKey, settings.stripeApiUrl)),
    webhookSecret: settings.stripeWebhookSecret,
  };
}
