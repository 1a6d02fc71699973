/**
 * One webhook delivery from Stripe: the signature is verified on the raw body (no unsigned fallback; stale
 * timestamps are refused), the event's shape checked, and the event applied once.
 */
import Stripe from 'stripe';
import { log } from '../log.ts';
import { handleStripeEvent, type EventOutcome } from './handle-stripe-event.ts';
import type { PaymentDeps } from './reconcile-deposit.ts';

/** How old a signed delivery may be: Stripe's own default, five minutes. */
const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookAnswer =
  | { status: 200; outcome: EventOutcome }
  | { status: 400; code: 'missing_signature' | 'invalid_signature' | 'malformed_event'; message: string };

export async function receiveStripeWebhook(
  deps: PaymentDeps,
  webhookSecret: string,
  body: string,
  signature: string | null,
): Promise<WebhookAnswer> {
  if (!signature) return { status: 400, code: 'missing_signature', message: 'The Stripe-Signature header is missing.' };
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(body, signature, webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    log.warn('payments.webhook_refused', {}, error);
    return {
      status: 400,
      code: 'invalid_signature',
      message: 'The signature does not match this body, or the delivery is too old.',
    };
  }
  const object = (event as { data?: { object?: unknown } })?.data?.object;
  if (
    typeof event?.id !== 'string' ||
    !/^evt_\w{1,200}$/.test(event.id) ||
    typeof event.type !== 'string' ||
    typeof object !== 'object' ||
    object === null
  ) {
    return { status: 400, code: 'malformed_event', message: 'The body is not a Stripe event.' };
  }
  const outcome = await handleStripeEvent(deps, event);
  log.info('payments.webhook', { event: event.id, type: event.type, outcome });
  return { status: 200, outcome };
}
