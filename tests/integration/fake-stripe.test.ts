/**
 * The fake Stripe refuses what Stripe refuses, so the portal's tests against it mean something. Driven through the
 * real `stripe` SDK; the rules come from the SDK's type declarations and Stripe's documentation, not our code.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe.ts';

let fake: FakeStripe;
let stripe: Stripe;

const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;
const session = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    { quantity: 1, price_data: { currency: 'cny', unit_amount: 500_000, product_data: { name: '意向金' } } },
  ],
  allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
  payment_method_options: { wechat_pay: { client: 'web' } },
  expires_at: inMinutes(31),
  success_url: 'http://localhost:4321/reserve/success?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://localhost:4321/reserve/cancelled?session_id={CHECKOUT_SESSION_ID}',
  ...extra,
});

/** The error the SDK raised, as Stripe's JSON error shape. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as Stripe.errors.StripeError;
    return {
      status: e.statusCode,
      type: e.type,
      rawType: e.raw && (e.raw as { type?: string }).type,
      code: e.code,
      param: e.param,
      message: e.message,
    };
  }
  throw new Error('expected Stripe to refuse the request');
}

async function paidIntent(): Promise<string> {
  const created = await stripe.checkout.sessions.create(session());
  return fake.pay(created.id).payment_intent!;
}

beforeAll(async () => {
  fake = await startFakeStripe('whsec_fake_self_test');
  const url = new URL(fake.url);
  stripe = new Stripe('sk_test_fake_self_test', {
    host: url.hostname,
    port: url.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
});
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

describe('the fake Stripe is as strict as Stripe', () => {
  it('refuses unknown and legacy parameters with invalid_request_error / parameter_unknown', async () => {
    const legacy = await refusal(
      stripe.checkout.sessions.create({
        ...session(),
        payment_method_types: ['card'],
      } as Stripe.Checkout.SessionCreateParams),
    );
    expect(legacy).toMatchObject({
      status: 400,
      rawType: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'payment_method_types',
    });
    const nested = await refusal(
      stripe.checkout.sessions.create(
        session({
          line_items: [
            {
              quantity: 1,
              price_data: { currency: 'cny', unit_amount: 1, product_data: { name: 'x' } },
              colour: 'red',
            } as never,
          ],
        }),
      ),
    );
    expect(nested).toMatchObject({ status: 400, code: 'parameter_unknown', param: 'line_items[0][colour]' });
    expect(await refusal(stripe.refunds.create({ payment_intent: 'pi_x', deposit: 'x' } as never))).toMatchObject({
      status: 400,
      code: 'parameter_unknown',
      param: 'deposit',
    });
    expect(fake.sessions.size).toBe(0);
  });

  it('checks a list request’s query parameters like a body’s', async () => {
    expect((await stripe.refunds.list({ payment_intent: 'pi_none', limit: 10 })).data).toEqual([]);
    await expect(stripe.refunds.list({ payment_intent: 'pi_none', charge_id: 'ch_1' } as never)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_unknown',
    });
  });

  it('refuses enum values the SDK does not list', async () => {
    expect(await refusal(stripe.checkout.sessions.create(session({ locale: 'zh-CN' as never })))).toMatchObject({
      status: 400,
      param: 'locale',
    });
    expect(
      await refusal(
        stripe.checkout.sessions.create(session({ allowed_payment_method_types: ['card', 'unionpay' as never] })),
      ),
    ).toMatchObject({ status: 400, param: 'allowed_payment_method_types[1]' });
    expect(
      await refusal(
        stripe.checkout.sessions.create(
          session({ payment_method_options: { wechat_pay: { client: 'mini_program' as never } } }),
        ),
      ),
    ).toMatchObject({ status: 400, param: 'payment_method_options[wechat_pay][client]' });
    expect(
      await refusal(stripe.refunds.create({ payment_intent: await paidIntent(), reason: 'unit_taken' as never })),
    ).toMatchObject({ status: 400, param: 'reason' });
  });

  it('refuses expires_at less than 30 minutes or more than 24 hours ahead', async () => {
    expect(await refusal(stripe.checkout.sessions.create(session({ expires_at: inMinutes(29) })))).toMatchObject({
      status: 400,
      param: 'expires_at',
    });
    expect(
      await refusal(stripe.checkout.sessions.create(session({ expires_at: inMinutes(24 * 60 + 2) }))),
    ).toMatchObject({ status: 400, param: 'expires_at' });
    await expect(
      stripe.checkout.sessions.create(session({ expires_at: inMinutes(24 * 60 - 1) })),
    ).resolves.toMatchObject({ status: 'open' });
  });

  it('replays the first answer under a reused Idempotency-Key and refuses the key with other parameters', async () => {
    const first = await stripe.checkout.sessions.create(session(), { idempotencyKey: 'hold-1' });
    const again = await stripe.checkout.sessions.create(session({ expires_at: first.expires_at }), {
      idempotencyKey: 'hold-1',
    });
    expect(again.id).toBe(first.id);
    expect(fake.sessions.size).toBe(1);
    const changed = await refusal(
      stripe.checkout.sessions.create(session({ expires_at: first.expires_at, locale: 'en' }), {
        idempotencyKey: 'hold-1',
      }),
    );
    expect(changed).toMatchObject({ status: 400, type: 'StripeIdempotencyError', rawType: 'idempotency_error' });
    // Keys are per account, not per endpoint.
    expect(
      await refusal(stripe.refunds.create({ payment_intent: 'pi_x' }, { idempotencyKey: 'hold-1' })),
    ).toMatchObject({ status: 400, rawType: 'idempotency_error' });
  });

  it('replays a failed refund under the same key, so a retry needs a new key', async () => {
    const paymentIntent = await paidIntent();
    fake.queueRefundOutcomes({ status: 'failed', failureReason: 'expired_or_canceled_card' });
    const failed = await stripe.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: 'refund-1' });
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    expect((await stripe.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: 'refund-1' })).id).toBe(
      failed.id,
    );
    expect(fake.refunds.size).toBe(1);
    const retried = await stripe.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: 'refund-2' });
    expect(retried).toMatchObject({ status: 'pending', amount: 500_000 });
    // The charge is now fully refunded (pending counts): a third refund is refused.
    expect(
      await refusal(stripe.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: 'refund-3' })),
    ).toMatchObject({ status: 400, code: 'charge_already_refunded' });
  });

  it('saves no idempotent result for a request refused in validation', async () => {
    expect(
      await refusal(
        stripe.checkout.sessions.create(session({ expires_at: inMinutes(5) }), { idempotencyKey: 'hold-2' }),
      ),
    ).toMatchObject({ status: 400, param: 'expires_at' });
    await expect(stripe.checkout.sessions.create(session(), { idempotencyKey: 'hold-2' })).resolves.toMatchObject({
      status: 'open',
    });
  });

  it('never completes an expired session and shows url: null once it is closed', async () => {
    const open = await stripe.checkout.sessions.create(session());
    expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_test_/);
    fake.expire(open.id);
    expect(() => fake.pay(open.id)).toThrow(/expired/);
    const response = await fetch(`${fake.url}/pay/${open.id}/complete`, { method: 'POST', redirect: 'manual' });
    expect(response.status).toBe(409);
    expect(await stripe.checkout.sessions.retrieve(open.id)).toMatchObject({
      status: 'expired',
      payment_status: 'unpaid',
      url: null,
    });
    expect(await refusal(stripe.checkout.sessions.expire(open.id))).toMatchObject({
      status: 400,
      code: 'checkout_session_not_open',
    });

    const paid = await stripe.checkout.sessions.create(session());
    fake.pay(paid.id);
    expect(await stripe.checkout.sessions.retrieve(paid.id)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      url: null,
    });
  });

  it('offers only the payment methods the account can use, in payment_method_types', async () => {
    expect((await stripe.checkout.sessions.create(session())).payment_method_types).toEqual([
      'card',
      'alipay',
      'wechat_pay',
    ]);
    fake.setAccountPaymentMethods(['card']);
    const narrowed = await stripe.checkout.sessions.create(session());
    expect(narrowed).toMatchObject({
      payment_method_types: ['card'],
      allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
    });
    expect(
      await refusal(stripe.checkout.sessions.create(session({ allowed_payment_method_types: ['alipay'] }))),
    ).toMatchObject({ status: 400 });
  });

  it('gives refunds Stripe’s statuses: requires_action can be canceled, and pending ones settle later', async () => {
    fake.queueRefundOutcomes({ status: 'requires_action' });
    const needsAction = await stripe.refunds.create({ payment_intent: await paidIntent() });
    expect(needsAction).toMatchObject({ status: 'requires_action', next_action: { type: 'display_details' } });
    expect(await stripe.refunds.cancel(needsAction.id)).toMatchObject({ status: 'canceled' });
    const pending = await stripe.refunds.create({ payment_intent: await paidIntent() });
    expect(await refusal(stripe.refunds.cancel(pending.id))).toMatchObject({ status: 400 });
    fake.settleRefund(pending.id, { status: 'failed', failureReason: 'declined' });
    expect(await stripe.refunds.retrieve(pending.id)).toMatchObject({ status: 'failed', failure_reason: 'declined' });
  });
});
