/**
 * What an operator should know about payments, for the start-up log and `/healthz`: webhooks that never arrived
 * (a missing or misconfigured endpoint in Stripe's Dashboard leaves paid deposits confirmed only when the tenant
 * returns to the success page, and refund outcomes never arrive), and payment methods Stripe left out. Only codes
 * and method names: no secrets, no personal data.
 */
import { and, eq, gt, isNotNull, lte, max } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits, stripeEvents } from '../db/schema.ts';
import { log } from '../log.ts';
import { listMissingMethods } from './record-offered-methods.ts';

/**
 * How long after a payment its `checkout.session.completed` event may take before the silence is reported.
 * Stripe usually delivers within seconds and retries failed deliveries with backoff.
 */
const WEBHOOK_GRACE_MINUTES = 10;
/** Payments older than this no longer raise the warning on their own (a fixed endpoint clears it with its first event). */
const LOOKBACK_DAYS = 7;
/** Event times come from the database's clock, payment times from the app's: allow for a little skew. */
const CLOCK_SLACK_MS = 2 * 60_000;

export type PaymentWarning =
  'stripe_webhook_never_received' | 'stripe_webhook_missing_after_payment' | `payment_method_missing:${string}`;

/** The payment warnings that hold now (none in demo mode, where no webhook is expected). */
export async function listPaymentWarnings(
  db: Database,
  mode: 'stripe' | 'demo',
  now: Date = new Date(),
): Promise<PaymentWarning[]> {
  if (mode !== 'stripe') return [];
  const warnings: PaymentWarning[] = [];
  const [latest] = await db.select({ at: max(stripeEvents.receivedAt) }).from(stripeEvents);
  const lastEventAt = latest?.at ? new Date(latest.at) : undefined;
  if (!lastEventAt) warnings.push('stripe_webhook_never_received');
  // A Stripe payment we learnt of (from the success page or the sweep) minutes ago, with no event since it.
  const graceEnd = new Date(now.getTime() - WEBHOOK_GRACE_MINUTES * 60_000);
  const [paid] = await db
    .select({ paidAt: deposits.paidAt })
    .from(deposits)
    .where(
      and(
        eq(deposits.mode, 'stripe'),
        isNotNull(deposits.paidAt),
        lte(deposits.paidAt, graceEnd),
        gt(deposits.paidAt, new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000)),
        ...(lastEventAt ? [gt(deposits.paidAt, new Date(lastEventAt.getTime() + CLOCK_SLACK_MS))] : []),
      ),
    )
    .limit(1);
  if (paid) warnings.push('stripe_webhook_missing_after_payment');
  for (const { method } of await listMissingMethods(db)) warnings.push(`payment_method_missing:${method}`);
  return warnings;
}

/** How often each process looks again (it logs only what changed). */
const WATCH_INTERVAL_MS = 5 * 60_000;

/**
 * Logs the payment warnings at start-up (a warning per code, with what to do) and again whenever they change,
 * e.g. when a paid checkout came back but its event never followed. Returns a stop function.
 */
export function watchPaymentWarnings(db: Database, mode: 'stripe' | 'demo'): () => void {
  if (mode !== 'stripe') return () => {};
  let previous = new Set<string>();
  const check = async () => {
    const warnings = await listPaymentWarnings(db, mode);
    for (const warning of warnings)
      if (!previous.has(warning))
        log.warn(`payments.${warning.split(':')[0]}`, { detail: warning, hint: WARNING_HINTS[warning.split(':')[0]!] });
    previous = new Set(warnings);
  };
  const run = () => void check().catch((error: Error) => log.error('payments.warnings_check_failed', {}, error));
  run();
  const timer = setInterval(run, WATCH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const WARNING_HINTS: Record<string, string> = {
  stripe_webhook_never_received:
    'no Stripe webhook has ever arrived: add the endpoint <PUBLIC_SITE_URL>/api/webhooks/stripe in Stripe with the events listed in the README (Deposits) and set STRIPE_WEBHOOK_SECRET to its signing secret',
  stripe_webhook_missing_after_payment: `a Stripe payment was confirmed more than ${WEBHOOK_GRACE_MINUTES} minutes ago but no webhook event arrived since: check the endpoint, its events and its signing secret in Stripe`,
  payment_method_missing:
    'Stripe left a configured payment method out of Checkout: the account cannot use it (Alipay and WeChat Pay need an eligible account country)',
};
