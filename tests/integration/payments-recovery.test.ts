/**
 * Payments that go wrong at Stripe, against the strict fake through the real SDK: refunds that fail, are
 * canceled or cannot be started and are retried until they refund; which webhook events matter; warnings for
 * webhooks that never come; payment methods Stripe leaves out; and the demo checkout's cancel proof.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { deposits, stripeEvents, unitStates } from '../../src/server/db/schema.ts';
import { cancelCheckoutReturn } from '../../src/server/payments/checkout-return.ts';
import { demoGateway } from '../../src/server/payments/demo-gateway.ts';
import { STRIPE_WEBHOOK_EVENTS } from '../../src/server/payments/handle-stripe-event.ts';
import { listPaymentWarnings } from '../../src/server/payments/list-payment-warnings.ts';
import { listMissingMethods } from '../../src/server/payments/record-offered-methods.ts';
import { refundReservation } from '../../src/server/payments/refund-reservation.ts';
import { reserveUnit, type ReserveDeps } from '../../src/server/payments/reserve-unit.ts';
import { STRIPE_API_VERSION } from '../../src/server/payments/stripe-gateway.ts';
import { sweepDeposits } from '../../src/server/payments/sweep-deposits.ts';
import type { FakeStripe } from '../support/fake-stripe.ts';
import { usePaymentsTestbed, type PaymentsTestbed } from '../support/payments-testbed.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const SECRET = 'whsec_test_recovery';
let handle: DatabaseHandle;
let fake: FakeStripe;
let deps: ReserveDeps;
let people = 0;

const request = () => {
  people += 1;
  return {
    raw: {
      companyName: `退款测试${people}有限公司`,
      contactName: `客户${people}`,
      email: `refund${people}@example.com`,
      industryTrack: 'navigation',
      consent: true,
    },
    lang: 'zh' as const,
    clientIp: `203.0.113.${people % 250}`,
    channel: 'api' as const,
  };
};
const depositOf = async (depositId: string) =>
  (await handle.db.select().from(deposits).where(eq(deposits.id, depositId)))[0]!;
const refundKeys = () =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds').map((r) => r.idempotencyKey);

async function availableUnit(): Promise<string> {
  const [row] = await handle.db
    .select({ id: unitStates.unitId })
    .from(unitStates)
    .where(eq(unitStates.status, 'available'))
    .limit(1);
  return row!.id;
}

/** A deposit paid through the fake's Checkout and confirmed by its webhook. */
async function paidDeposit(): Promise<{ depositId: string; unitId: string }> {
  const unitId = await availableUnit();
  const result = await reserveUnit(deps, unitId, request());
  if (!result.ok) throw new Error(result.reason);
  const session = fake.pay((await depositOf(result.depositId)).checkoutSessionId!);
  await webhook(fake.event('checkout.session.completed', session));
  return { depositId: result.depositId, unitId };
}

const bed = usePaymentsTestbed(SECRET);
beforeAll(() => void ({ handle, fake, deps } = bed));
const webhook: PaymentsTestbed['webhook'] = (event, options) => bed.webhook(event, options);

describe(`refunds that fail at Stripe are retried until they refund (${testDatabaseKind})`, () => {
  it('retries a refund that failed at the bank under a new idempotency key, and reaches refunded', async () => {
    const { depositId, unitId } = await paidDeposit();
    fake.queueRefundOutcomes({ status: 'failed', failureReason: 'expired_or_canceled_card' });
    expect(
      await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' }),
    ).toMatchObject({ outcome: 'requested', status: 'refund_failed' });
    const failed = await depositOf(depositId);
    expect(failed).toMatchObject({ status: 'refund_failed', refundError: 'expired_or_canceled_card' });

    // Staff press "retry": a new attempt, a new key, the old refund id forgotten.
    expect(
      await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' }),
    ).toMatchObject({ outcome: 'requested', status: 'refund_pending' });
    expect(refundKeys()).toEqual([`deposit-refund-${depositId}-1`, `deposit-refund-${depositId}-2`]);
    const retry = await depositOf(depositId);
    expect(retry.refundId).not.toBe(failed.refundId);
    expect(retry.refundError).toBeNull();

    // A late event about the first, failed refund changes nothing; the retry's success arrives and counts.
    await webhook(fake.event('refund.failed', fake.refunds.get(failed.refundId!)));
    expect((await depositOf(depositId)).status).toBe('refund_pending');
    await webhook(fake.event('refund.updated', fake.settleRefund(retry.refundId!, { status: 'succeeded' })));
    expect(await depositOf(depositId)).toMatchObject({ status: 'refunded', refundId: retry.refundId });
    // The unit was made available by the first request only, once.
    expect(
      (await handle.db.select({ status: unitStates.status }).from(unitStates).where(eq(unitStates.unitId, unitId)))[0]!
        .status,
    ).toBe('available');
  });

  it('retries a refund that needed the customer’s action and was canceled', async () => {
    const { depositId } = await paidDeposit();
    fake.queueRefundOutcomes({ status: 'requires_action' });
    await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' });
    const waiting = await depositOf(depositId);
    expect(waiting).toMatchObject({ status: 'refund_pending', refundError: 'requires_action' });
    await webhook(fake.event('refund.updated', fake.settleRefund(waiting.refundId!, { status: 'canceled' })));
    expect(await depositOf(depositId)).toMatchObject({ status: 'refund_failed', refundError: 'canceled' });
    fake.queueRefundOutcomes({ status: 'succeeded' });
    expect(
      await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' }),
    ).toMatchObject({ status: 'refunded' });
  });

  it('lets the sweep recover an automatic refund whose start Stripe refused (a saved answer under the old key)', async () => {
    // A payment that arrives after the unit went to someone else is refunded automatically.
    const unitId = await availableUnit();
    const late = await reserveUnit(deps, unitId, request());
    if (!late.ok) throw new Error(late.reason);
    const sessionId = (await depositOf(late.depositId)).checkoutSessionId!;
    await handle.db.transaction(async (tx) =>
      (await import('../../src/server/payments/deposit-transitions.ts')).releaseHold(
        tx,
        late.depositId,
        'expired',
        new Date(),
      ),
    );
    expect(await reserveUnit(deps, unitId, request())).toMatchObject({ ok: true });
    fake.failNextRefundRequests(1);
    await webhook(fake.event('checkout.session.completed', fake.pay(sessionId)));
    expect(await depositOf(late.depositId)).toMatchObject({
      status: 'refund_pending',
      refundId: null,
      refundReason: 'unit_taken',
    });

    expect(await sweepDeposits(deps)).toMatchObject({ refundsRetried: 1 });
    const recovered = await depositOf(late.depositId);
    expect(recovered.status).toBe('refund_pending');
    expect(recovered.refundId).toMatch(/^re_/);
    expect(new Set(refundKeys())).toEqual(
      new Set([`deposit-refund-${late.depositId}-1`, `deposit-refund-${late.depositId}-2`]),
    );
    await webhook(fake.event('refund.updated', fake.settleRefund(recovered.refundId!, { status: 'succeeded' })));
    expect((await depositOf(late.depositId)).status).toBe('refunded');
    // The unit stays with the tenant who took it.
    expect(
      (await handle.db.select({ status: unitStates.status }).from(unitStates).where(eq(unitStates.unitId, unitId)))[0]!
        .status,
    ).toBe('held');
  });

  it('stops at a refund Stripe refuses for good (a disputed charge), tells staff, and refunds on their retry', async () => {
    const { depositId } = await paidDeposit();
    const paymentIntent = (await depositOf(depositId)).paymentIntentId!;
    fake.setDisputed(paymentIntent, true);
    await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' });
    expect(await depositOf(depositId)).toMatchObject({
      status: 'refund_failed',
      refundError: 'refused:charge_disputed',
      refundAttempt: 1,
    });
    // The sweep does not ask again and again: only staff can decide.
    await sweepDeposits(deps);
    await sweepDeposits(deps);
    expect(refundKeys()).toEqual([`deposit-refund-${depositId}-1`]);
    fake.setDisputed(paymentIntent, false);
    fake.queueRefundOutcomes({ status: 'succeeded' });
    expect(
      await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' }),
    ).toMatchObject({ status: 'refunded' });
  });

  it('makes one refund when two processes start the same attempt', async () => {
    const { depositId } = await paidDeposit();
    await handle.db.transaction(async (tx) =>
      (await import('../../src/server/payments/deposit-transitions.ts')).requestRefund(
        tx,
        depositId,
        'requested_by_customer',
        'staff:1',
        new Date(),
      ),
    );
    const { executeRefund } = await import('../../src/server/payments/reconcile-deposit.ts');
    await Promise.all([executeRefund(deps, depositId), executeRefund(deps, depositId)]);
    expect(fake.refunds.size).toBe(1);
  });
});

describe('webhook events and the API version', () => {
  it('names in the README exactly the events the handler uses, and ignores charge.refunded', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const listed = readme.match(/Webhook events to enable[^\n]*\n((?:[-*] .*\n)+)/)?.[1] ?? '';
    expect(new Set([...listed.matchAll(/`([a-z_.]+)`/g)].map((m) => m[1]))).toEqual(new Set(STRIPE_WEBHOOK_EVENTS));
    expect(STRIPE_WEBHOOK_EVENTS).not.toContain('charge.refunded');
    expect(readme).toContain(STRIPE_API_VERSION);

    // A refund's outcome arrives by refund events alone.
    const { depositId } = await paidDeposit();
    await refundReservation(deps, depositId, { reason: 'requested_by_customer', actor: 'staff:1' });
    const { refundId, paymentIntentId } = await depositOf(depositId);
    const before = fake.requests.length;
    expect(
      await webhook(
        fake.event('charge.refunded', {
          id: 'ch_test_1',
          object: 'charge',
          payment_intent: paymentIntentId,
          refunded: true,
        }),
      ),
    ).toMatchObject({ status: 200, outcome: 'ignored' });
    expect(fake.requests.length).toBe(before);
    await webhook(
      fake.event('refund.failed', fake.settleRefund(refundId!, { status: 'failed', failureReason: 'declined' })),
    );
    expect(await depositOf(depositId)).toMatchObject({ status: 'refund_failed', refundError: 'declined' });
  });

  it('sends every request with the pinned API version', async () => {
    await paidDeposit();
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(new Set(fake.requests.map((r) => r.stripeVersion))).toEqual(new Set([STRIPE_API_VERSION]));
  });

  it('warns while no webhook has ever arrived, and when a payment got no event within minutes', async () => {
    expect(await listPaymentWarnings(handle.db, 'demo')).toEqual([]);
    expect(await listPaymentWarnings(handle.db, 'stripe')).toEqual(['stripe_webhook_never_received']);
    await handle.db.insert(stripeEvents).values({
      id: 'evt_test_old',
      type: 'checkout.session.completed',
      receivedAt: new Date(Date.now() - 60 * 60_000),
    });
    expect(await listPaymentWarnings(handle.db, 'stripe')).toEqual([]);
    // A payment confirmed from the success page 15 minutes ago, and no event since.
    const unitId = await availableUnit();
    const result = await reserveUnit(deps, unitId, request());
    if (!result.ok) throw new Error(result.reason);
    await handle.db
      .update(deposits)
      .set({ status: 'reserved', paidAt: new Date(Date.now() - 15 * 60_000) })
      .where(eq(deposits.id, result.depositId));
    expect(await listPaymentWarnings(handle.db, 'stripe')).toEqual(['stripe_webhook_missing_after_payment']);
    await handle.db.insert(stripeEvents).values({ id: 'evt_test_new', type: 'refund.updated' });
    expect(await listPaymentWarnings(handle.db, 'stripe')).toEqual([]);
  });
});

describe('payment methods Stripe leaves out', () => {
  it('records Alipay and WeChat Pay missing from a session, and clears it when a later session offers them', async () => {
    fake.setAccountPaymentMethods(['card']);
    expect(await reserveUnit(deps, await availableUnit(), request())).toMatchObject({ ok: true });
    expect((await listMissingMethods(handle.db)).map((m) => m.method)).toEqual(['alipay', 'wechat_pay']);
    await handle.db.insert(stripeEvents).values({ id: 'evt_test_any', type: 'checkout.session.completed' });
    expect(await listPaymentWarnings(handle.db, 'stripe')).toEqual([
      'payment_method_missing:alipay',
      'payment_method_missing:wechat_pay',
    ]);

    fake.setAccountPaymentMethods(['card', 'alipay', 'wechat_pay']);
    expect(await reserveUnit(deps, await availableUnit(), request())).toMatchObject({ ok: true });
    expect(await listMissingMethods(handle.db)).toEqual([]);
  });
});

describe('the demo checkout', () => {
  it('cancels a hold only with the checkout token, the same proof paying needs', async () => {
    const gateway = demoGateway(handle.db, 'demo-secret');
    const demo = { ...deps, gateway, payments: { ...deps.payments, gateway, webhookSecret: undefined } };
    const result = await reserveUnit(demo, await availableUnit(), request());
    if (!result.ok) throw new Error(result.reason);
    const token = new URL(result.checkoutUrl, 'http://x').searchParams.get('token')!;
    // Knowing the deposit id (it is in the demo page's URL) is not enough, nor is a wrong token.
    expect(await cancelCheckoutReturn(demo, `demo_cs_${result.depositId}`)).toBeUndefined();
    expect(await cancelCheckoutReturn(demo, `demo_cs_${'A'.repeat(43)}`)).toBeUndefined();
    expect((await depositOf(result.depositId)).status).toBe('held');
    expect((await cancelCheckoutReturn(demo, `demo_cs_${token}`))!.deposit).toMatchObject({
      status: 'released',
      releaseReason: 'cancelled',
    });
  });
});
