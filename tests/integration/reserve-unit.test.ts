import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import {
  deposits,
  firstRefusals,
  leadEvents,
  leads,
  notificationOutbox,
  stripeEvents,
  unitStates,
} from '../../src/server/db/schema.ts';
import { listUnitStates } from '../../src/server/inventory/list-unit-states.ts';
import { unitPageView } from '../../src/server/inventory/unit-page-view.ts';
import { leaseUnit, releaseUnitHold } from '../../src/server/inventory/manage-unit.ts';
import { cancelCheckoutReturn, confirmCheckoutReturn } from '../../src/server/payments/checkout-return.ts';
import { demoGateway } from '../../src/server/payments/demo-gateway.ts';
import { markPaid } from '../../src/server/payments/deposit-transitions.ts';
import { receiveStripeWebhook } from '../../src/server/payments/receive-stripe-webhook.ts';
import { refundReservation } from '../../src/server/payments/refund-reservation.ts';
import { reservePageView } from '../../src/server/payments/reserve-page-view.ts';
import { reserveUnit, type ReserveDeps } from '../../src/server/payments/reserve-unit.ts';
import { createStripeClient, stripeGateway } from '../../src/server/payments/stripe-gateway.ts';
import { sweepDeposits } from '../../src/server/payments/sweep-deposits.ts';
import type { FakeStripe } from '../support/fake-stripe.ts';
import { usePaymentsTestbed, type PaymentsTestbed } from '../support/payments-testbed.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const SECRET = 'whsec_test_integration';
let handle: DatabaseHandle;
let fake: FakeStripe;
let deps: ReserveDeps;

const person = (i: number) => ({
  companyName: `预订测试科技${i}有限公司`,
  contactName: `客户${i}`,
  email: `buyer${i}@example.com`,
  industryTrack: 'navigation',
  consent: true,
});
const request = (i: number) => ({
  raw: person(i),
  lang: 'zh' as const,
  clientIp: `198.51.100.${i % 250}`,
  channel: 'api' as const,
});
const unitStatus = async (unitId: string) => (await listUnitStates(handle.db, [unitId])).get(unitId)!.status;
const depositOf = async (depositId: string) =>
  (await handle.db.select().from(deposits).where(eq(deposits.id, depositId)))[0]!;
const availableUnits = async () =>
  (await handle.db.select({ id: unitStates.unitId }).from(unitStates).where(eq(unitStates.status, 'available'))).map(
    (r) => r.id,
  );

const bed = usePaymentsTestbed(SECRET);
beforeAll(() => void ({ handle, fake, deps } = bed));
const webhook: PaymentsTestbed['webhook'] = (event, options) => bed.webhook(event, options);

describe(`reserving a unit with a deposit (${testDatabaseKind})`, () => {
  it('lets exactly one of 20 simultaneous attempts hold a unit and open one Checkout Session', async () => {
    const [unitId] = await availableUnits();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => reserveUnit(deps, unitId!, request(i))));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(Array(19).fill('unit_taken'));
    expect(fake.sessions.size).toBe(1);
    expect((await handle.db.select({ n: count() }).from(deposits))[0]!.n).toBe(1);
    // The 19 who lost stored nothing: one lead, one inquiry.
    expect((await handle.db.select({ n: count() }).from(leads))[0]!.n).toBe(1);
    expect(await unitStatus(unitId!)).toBe('held');

    const [session] = [...fake.sessions.values()];
    expect(session).toMatchObject({
      currency: 'cny',
      allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
      payment_method_options: { wechat_pay: { client: 'web' } },
      client_reference_id: winners[0]!.ok ? winners[0]!.depositId : '',
      metadata: { unit_id: unitId },
      locale: 'zh',
    });
    const minutesAhead = (session!.expires_at * 1000 - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(30);
    expect(minutesAhead).toBeLessThan(32);
  });

  it('reserves the unit when paid, moves the lead to Reserved and records it once however often the event comes', async () => {
    const [unitId] = await availableUnits();
    const result = await reserveUnit(deps, unitId!, request(1));
    if (!result.ok) throw new Error(result.reason);
    const session = fake.pay([...fake.sessions.keys()][0]!);
    const event = fake.event('checkout.session.completed', session);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await webhook(event));
    expect(answers.map((a) => (a.status === 200 ? a.outcome : a.status))).toEqual([
      'applied',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await depositOf(result.depositId)).toMatchObject({
      status: 'reserved',
      paymentIntentId: session.payment_intent,
    });
    expect(await unitStatus(unitId!)).toBe('reserved');
    const [lead] = await handle.db.select().from(leads);
    expect(lead!.stage).toBe('reserved');
    const kinds = (await handle.db.select({ kind: leadEvents.kind }).from(leadEvents)).map((e) => e.kind).sort();
    expect(kinds).toEqual(['deposit_paid', 'deposit_started', 'stage_changed']);
    expect(
      (await handle.db.select({ event: notificationOutbox.event }).from(notificationOutbox)).map((n) => n.event).sort(),
    ).toEqual(['deposit.paid', 'lead.acknowledged', 'lead.created']);
    // An "expired" event arriving late changes nothing: the session is paid.
    expect(await webhook(fake.event('checkout.session.expired', session))).toMatchObject({
      status: 200,
      outcome: 'applied',
    });
    expect(await unitStatus(unitId!)).toBe('reserved');
  });

  it('refuses a forged signature, a stale delivery and a malformed body, changing nothing', async () => {
    const [unitId] = await availableUnits();
    await reserveUnit(deps, unitId!, request(2));
    const session = fake.pay([...fake.sessions.keys()][0]!);
    const event = fake.event('checkout.session.completed', session);
    expect(await webhook(event, { secret: 'whsec_forged' })).toMatchObject({ status: 400, code: 'invalid_signature' });
    expect(await webhook(event, { timestamp: Math.floor(Date.now() / 1000) - 600 })).toMatchObject({
      status: 400,
      code: 'invalid_signature',
    });
    expect(await webhook({ hello: 'world' })).toMatchObject({ status: 400, code: 'malformed_event' });
    expect(await receiveStripeWebhook(deps, SECRET, 'not json at all', 't=1,v1=abc')).toMatchObject({ status: 400 });
    expect(await receiveStripeWebhook(deps, SECRET, JSON.stringify(event), null)).toMatchObject({
      status: 400,
      code: 'missing_signature',
    });
    expect(await unitStatus(unitId!)).toBe('held');
    expect((await handle.db.select({ n: count() }).from(stripeEvents))[0]!.n).toBe(0);
  });

  it('frees a unit whose hold lapsed: at once for readers, and for good after the sweep', async () => {
    const [unitId] = await availableUnits();
    const result = await reserveUnit(deps, unitId!, request(3));
    if (!result.ok) throw new Error(result.reason);
    const past = new Date(Date.now() - 60_000);
    await handle.db.update(deposits).set({ expiresAt: past });
    await handle.db.update(unitStates).set({ holdExpiresAt: past }).where(eq(unitStates.unitId, unitId!));
    expect(await unitStatus(unitId!)).toBe('available');
    expect(await sweepDeposits(deps)).toMatchObject({ released: 1 });
    expect(await depositOf(result.depositId)).toMatchObject({ status: 'released', releaseReason: 'expired' });
    expect([...fake.sessions.values()][0]!.status).toBe('expired');
    // Someone else can now hold it.
    expect(await reserveUnit(deps, unitId!, request(4))).toMatchObject({ ok: true });
  });

  it('refunds, automatically and once, a payment that arrives after the unit went to someone else', async () => {
    const [unitId] = await availableUnits();
    const first = await reserveUnit(deps, unitId!, request(5));
    if (!first.ok) throw new Error(first.reason);
    const firstSession = [...fake.sessions.keys()][0]!;
    await handle.db
      .update(deposits)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(deposits.id, first.depositId));
    // The sweep releases the lapsed hold (the fake's session stays open, as a slow payment would).
    await handle.db.transaction(async (tx) =>
      (await import('../../src/server/payments/deposit-transitions.ts')).releaseHold(
        tx,
        first.depositId,
        'expired',
        new Date(),
      ),
    );
    const second = await reserveUnit(deps, unitId!, request(6));
    expect(second).toMatchObject({ ok: true });
    const paidLate = fake.pay(firstSession);
    const event = fake.event('checkout.session.completed', paidLate);
    await webhook(event);
    await webhook(event);
    expect(fake.refunds.size).toBe(1);
    const refund = [...fake.refunds.values()][0]!;
    expect(refund.payment_intent).toBe(paidLate.payment_intent);
    expect(await depositOf(first.depositId)).toMatchObject({
      status: 'refund_pending',
      refundReason: 'unit_taken',
      refundId: refund.id,
    });
    await webhook(fake.event('refund.updated', fake.settleRefund(refund.id, { status: 'succeeded' })));
    expect(await depositOf(first.depositId)).toMatchObject({ status: 'refunded' });
    expect(await unitStatus(unitId!)).toBe('held');
    const notices = (
      await handle.db
        .select({ event: notificationOutbox.event })
        .from(notificationOutbox)
        .where(eq(notificationOutbox.depositId, first.depositId))
    )
      .map((n) => n.event)
      .sort();
    expect(notices).toEqual(['deposit.late_payment', 'deposit.refunded']);
  });

  it('cancelling releases the hold at once and ends the session; returning after payment fulfils without the webhook', async () => {
    const [a, b] = await availableUnits();
    const cancelled = await reserveUnit(deps, a!, request(7));
    if (!cancelled.ok) throw new Error(cancelled.reason);
    const sessionA = (await depositOf(cancelled.depositId)).checkoutSessionId!;
    expect((await cancelCheckoutReturn(deps, sessionA))!.deposit).toMatchObject({
      status: 'released',
      releaseReason: 'cancelled',
    });
    expect(fake.sessions.get(sessionA)!.status).toBe('expired');
    expect(await unitStatus(a!)).toBe('available');

    const paid = await reserveUnit(deps, b!, request(8));
    if (!paid.ok) throw new Error(paid.reason);
    const sessionB = (await depositOf(paid.depositId)).checkoutSessionId!;
    fake.pay(sessionB);
    expect((await confirmCheckoutReturn(deps, sessionB))!.deposit.status).toBe('reserved');
    expect(await unitStatus(b!)).toBe('reserved');
    expect(await confirmCheckoutReturn(deps, 'cs_test_unknown')).toBeUndefined();
    expect(await confirmCheckoutReturn(deps, '../../etc/passwd')).toBeUndefined();
  });

  it('refunds a reservation once, however often staff ask, and tracks the outcome from refund events', async () => {
    const [unitId] = await availableUnits();
    const result = await reserveUnit(deps, unitId!, request(9));
    if (!result.ok) throw new Error(result.reason);
    const session = fake.pay([...fake.sessions.keys()][0]!);
    await webhook(fake.event('checkout.session.completed', session));
    const first = await refundReservation(deps, result.depositId, {
      reason: 'requested_by_customer',
      actor: 'staff:1',
    });
    const second = await refundReservation(deps, result.depositId, {
      reason: 'requested_by_customer',
      actor: 'staff:1',
    });
    expect([first.outcome, second.outcome]).toEqual(['requested', 'already']);
    expect(fake.refunds.size).toBe(1);
    expect(await unitStatus(unitId!)).toBe('available');
    const refund = fake.settleRefund([...fake.refunds.keys()][0]!, {
      status: 'failed',
      failureReason: 'expired_or_canceled_card',
    });
    await webhook(fake.event('refund.failed', refund));
    expect(await depositOf(result.depositId)).toMatchObject({
      status: 'refund_failed',
      refundError: 'expired_or_canceled_card',
    });
    expect(
      await refundReservation(deps, 'c0ffee00-0000-4000-8000-000000000000', { reason: 'duplicate', actor: 'staff:1' }),
    ).toEqual({ outcome: 'unknown' });
  });

  it('releases the hold again when Checkout cannot be opened', async () => {
    const [unitId] = await availableUnits();
    const broken = stripeGateway(createStripeClient('sk_test_fake', 'http://127.0.0.1:9'));
    const result = await reserveUnit({ ...deps, gateway: broken }, unitId!, request(10));
    expect(result).toMatchObject({ ok: false, reason: 'payment_unavailable' });
    expect(await unitStatus(unitId!)).toBe('available');
    expect((await handle.db.select({ status: deposits.status }).from(deposits))[0]).toMatchObject({
      status: 'released',
    });
  }, 60_000);

  it('runs the same flow in demo mode without keys: a local checkout, real fulfilment, immediate refunds', async () => {
    const [unitId] = await availableUnits();
    const gateway = demoGateway(handle.db, 'demo-secret');
    const demo = { ...deps, gateway, payments: { ...deps.payments, gateway, webhookSecret: undefined } };
    const result = await reserveUnit(demo, unitId!, request(11));
    if (!result.ok) throw new Error(result.reason);
    expect(result.checkoutUrl).toMatch(/\/reserve\/demo\/[0-9a-f-]{36}\?token=/);
    const deposit = await depositOf(result.depositId);
    await handle.db.transaction((tx) =>
      markPaid(tx, deposit.id, { amountTotal: deposit.amountFen, currency: 'cny' }, [], new Date()),
    );
    expect((await confirmCheckoutReturn(demo, deposit.checkoutSessionId))!.deposit.status).toBe('reserved');
    expect(
      (await refundReservation(demo, deposit.id, { reason: 'requested_by_customer', actor: 'staff:1' })).status,
    ).toBe('refunded');
  });

  it("ends every hold through the state machine, each on its lead's timeline: lapsed, released by staff, leased over", async () => {
    const staff = { id: 'staff-1', email: 'agent@park.example', role: 'agent' };
    const releasesOf = async (depositId: string) => {
      const { leadId } = await depositOf(depositId);
      return (await handle.db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)))
        .filter((e) => e.kind === 'deposit_released')
        .map((e) => ({ reason: e.data.reason, actor: e.actor, depositId: e.data.depositId }));
    };
    const lapse = async (depositId: string, unitId: string) => {
      const past = new Date(Date.now() - 60_000);
      await handle.db.update(deposits).set({ expiresAt: past }).where(eq(deposits.id, depositId));
      await handle.db.update(unitStates).set({ holdExpiresAt: past }).where(eq(unitStates.unitId, unitId));
    };
    const [unitId, other] = await availableUnits();

    // A new reservation of a unit whose hold lapsed before the sweep came (this path once bypassed the timeline).
    const first = await reserveUnit(deps, unitId!, request(15));
    if (!first.ok) throw new Error(first.reason);
    await lapse(first.depositId, unitId!);
    const second = await reserveUnit(deps, unitId!, request(16));
    if (!second.ok) throw new Error(second.reason);
    expect(await depositOf(first.depositId)).toMatchObject({ status: 'released', releaseReason: 'expired' });
    expect(await releasesOf(first.depositId)).toEqual([
      { reason: 'expired', actor: 'system', depositId: first.depositId },
    ]);

    // Staff release the new hold early: once, in their name.
    expect(await releaseUnitHold(handle.db, deps.catalog, staff, unitId!)).toEqual({ ok: true });
    expect(await releaseUnitHold(handle.db, deps.catalog, staff, unitId!)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await releasesOf(second.depositId)).toEqual([
      { reason: 'cancelled', actor: staff.email, depositId: second.depositId },
    ]);
    expect(await unitStatus(unitId!)).toBe('available');

    // Staff lease a unit whose hold lapsed: the hold is released first, with its entry.
    const third = await reserveUnit(deps, other!, request(17));
    if (!third.ok) throw new Error(third.reason);
    await lapse(third.depositId, other!);
    expect(
      await leaseUnit(handle.db, deps.catalog, staff, other!, {
        tenant: '北斗科技',
        startsOn: '2027-01-01',
        endsOn: '2029-12-31',
      }),
    ).toEqual({ ok: true });
    expect(await releasesOf(third.depositId)).toEqual([
      { reason: 'expired', actor: 'system', depositId: third.depositId },
    ]);
    expect(await unitStatus(other!)).toBe('leased');
  });

  it('refuses unknown units and bad details before holding anything', async () => {
    expect(await reserveUnit(deps, 'zz-9999', request(12))).toMatchObject({ ok: false, reason: 'unknown_unit' });
    const [unitId] = await availableUnits();
    expect(await reserveUnit(deps, unitId!, { ...request(13), raw: { ...person(13), consent: false } })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'consent' }],
    });
    expect(await unitStatus(unitId!)).toBe('available');
    const leased = (
      await handle.db
        .select({ id: unitStates.unitId })
        .from(unitStates)
        .where(and(eq(unitStates.status, 'leased')))
    )[0]!.id;
    expect(await reserveUnit(deps, leased, request(14))).toMatchObject({ ok: false, reason: 'unit_taken' });
  });

  it('refuses to reserve a unit under a neighbour’s right of first refusal, holding nothing (issue 17)', async () => {
    const [unitId] = await availableUnits();
    const [holder] = await handle.db
      .insert(leads)
      .values({
        reference: 'AIC-ROFR01',
        companyName: '隔壁租户',
        contactName: '李',
        email: 'next-door@example.com',
        industryTrack: 'other',
        lang: 'zh',
      })
      .returning({ id: leads.id });
    await handle.db.insert(firstRefusals).values({
      unitId: unitId!,
      leadId: holder!.id,
      holderUnitId: 'r1-0101',
      untilOn: '2099-12-31',
      createdBy: 'test',
    });
    expect(await reserveUnit(deps, unitId!, request(18))).toMatchObject({ ok: false, reason: 'unit_first_refusal' });
    // The reservation page says so before anyone fills the form in.
    expect(await reservePageView(deps, unitId!, 'zh')).toMatchObject({
      isAvailable: false,
      unavailable: { title: '这个单元暂不能在线预订' },
    });
    expect(await unitStatus(unitId!)).toBe('available');
    // So does the unit's page, which offers an inquiry instead of the reserve button.
    expect((await unitPageView(deps, unitId!, 'zh'))?.isUnderRight).toBe(true);
    await handle.db.update(firstRefusals).set({ endedAt: new Date() }).where(eq(firstRefusals.unitId, unitId!));
    expect((await unitPageView(deps, unitId!, 'zh'))?.isUnderRight).toBe(false);
    expect(await reserveUnit(deps, unitId!, request(19))).toMatchObject({ ok: true });
  });
});
