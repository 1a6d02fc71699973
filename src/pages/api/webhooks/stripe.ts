import type { APIRoute } from 'astro';
import Stripe from 'stripe';
import { log } from '../../../server/log.ts';
import { handleStripeEvent } from '../../../server/payments/handle-stripe-event.ts';
import { BodyTooLargeError, readBodyText } from '../../../server/security/read-body.ts';

/** Stripe events are small; a megabyte is far more than any of them. */
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
const verifier = Stripe.webhooks;

const refuse = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** Stripe webhooks: the signature is checked on the raw body; unsigned or stale events change nothing. */
export const POST: APIRoute = async ({ request, locals }) => {
  const { payments } = locals.runtime;
  if (payments.gateway.mode !== 'stripe' || !payments.webhookSecret) return refuse(404, 'not_configured', 'Stripe is not configured on this portal.');
  const signature = request.headers.get('stripe-signature');
  if (!signature) return refuse(400, 'missing_signature', 'The Stripe-Signature header is missing.');
  let body: string;
  try {
    body = await readBodyText(request, WEBHOOK_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(413, 'too_large', 'The event body is too large.');
    throw error;
  }
  let event: Stripe.Event;
  try {
    // Verifies the HMAC and that the timestamp is within five minutes (replays of old deliveries fail here).
    event = verifier.constructEvent(body, signature, payments.webhookSecret);
  } catch (error) {
    log.warn('payments.webhook_refused', { reason: (error as Error).message.slice(0, 200) });
    return refuse(400, 'invalid_signature', 'The signature does not match this body, or the event is too old.');
  }
  if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.data?.object !== 'object' || event.data.object === null) {
    return refuse(400, 'malformed_event', 'The event is not a Stripe event.');
  }
  const outcome = await handleStripeEvent({ db: locals.runtime.db, gateway: payments.gateway, channels: locals.runtime.notifyChannels }, event);
  locals.runtime.outbox.kick();
  log.info('payments.webhook', { event: event.id, type: event.type, outcome });
  return Response.json({ received: true, outcome });
};
