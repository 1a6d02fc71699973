/**
 * POST /api/webhooks/stripe: reads the raw body (at most a megabyte; Stripe's events are far smaller) and
 * applies the event (receive-stripe-webhook.ts). Without Stripe (demo mode) the endpoint does not exist (404).
 */
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { BodyTooLargeError, readBodyText } from '../security/read-body.ts';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../security/request-body-limit.ts';
import type { EventOutcome } from './handle-stripe-event.ts';
import type { PaymentsConfig } from './payment-gateway.ts';
import { receiveStripeWebhook } from './receive-stripe-webhook.ts';

export interface WebhookDeps {
  db: Database;
  payments: Pick<PaymentsConfig, 'gateway' | 'webhookSecret'>;
  notifyChannels: readonly string[];
  outbox: { kick(): void };
}

export async function takeStripeWebhook(
  deps: WebhookDeps,
  request: Request,
): Promise<Outcome<{ outcome: EventOutcome }>> {
  const { payments } = deps;
  if (payments.gateway.mode !== 'stripe' || !payments.webhookSecret) return refused('not_configured');
  let body: string;
  try {
    body = await readBodyText(request, WEBHOOK_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refused('too_large', { params: { size: '1024 KB' } });
    throw error;
  }
  const answer = await receiveStripeWebhook(
    { db: deps.db, gateway: payments.gateway, channels: deps.notifyChannels },
    payments.webhookSecret,
    body,
    request.headers.get('stripe-signature'),
  );
  if (answer.status !== 200) return refused(answer.code);
  deps.outbox.kick();
  return { ok: true, outcome: answer.outcome };
}
