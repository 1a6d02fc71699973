import type { APIRoute } from 'astro';
import { receiveStripeWebhook } from '../../../server/payments/receive-stripe-webhook.ts';
import { BodyTooLargeError, readBodyText } from '../../../server/security/read-body.ts';

/** Stripe events are small; a megabyte is far more than any of them. */
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status });

/** Stripe webhooks; answers 404 when the portal runs without Stripe (demo mode). */
export const POST: APIRoute = async ({ request, locals }) => {
  const { payments, db, notifyChannels, outbox } = locals.runtime;
  if (payments.gateway.mode !== 'stripe' || !payments.webhookSecret)
    return refuse(404, 'not_configured', 'Stripe is not configured on this portal.');
  let body: string;
  try {
    body = await readBodyText(request, WEBHOOK_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(413, 'too_large', 'The event body is too large.');
    throw error;
  }
  const answer = await receiveStripeWebhook(
    { db, gateway: payments.gateway, channels: notifyChannels },
    payments.webhookSecret,
    body,
    request.headers.get('stripe-signature'),
  );
  if (answer.status !== 200) return refuse(answer.status, answer.code, answer.message);
  outbox.kick();
  return Response.json({ received: true, outcome: answer.outcome });
};
