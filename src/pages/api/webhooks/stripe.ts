import type { APIRoute } from 'astro';
import { answerOutcome } from '../../../server/errors/answer-outcome.ts';
import { takeStripeWebhook } from '../../../server/payments/take-stripe-webhook.ts';

/** Stripe webhooks (take-stripe-webhook.ts); 404 when the portal runs without Stripe (demo mode). */
export const POST: APIRoute = async (context) =>
  answerOutcome(context, await takeStripeWebhook(context.locals.runtime, context.request), {
    json: ({ outcome }) => Response.json({ received: true, outcome }),
  });
