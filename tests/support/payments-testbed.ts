/**
 * What the payments integration tests share: a test database seeded with the sample park's units, the strict
 * fake Stripe driven through the real SDK, the reservation dependencies wired to both, a webhook sender that
 * signs events like Stripe, and a reset between tests.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { seedUnitStates } from '../../src/server/inventory/seed-unit-states.ts';
import type { PaymentsConfig } from '../../src/server/payments/payment-gateway.ts';
import { receiveStripeWebhook } from '../../src/server/payments/receive-stripe-webhook.ts';
import type { ReserveDeps } from '../../src/server/payments/reserve-unit.ts';
import { createStripeClient, stripeGateway } from '../../src/server/payments/stripe-gateway.ts';
import { startFakeStripe, type FakeStripe } from './fake-stripe.ts';
import { openTestDatabase } from './test-database.ts';

export interface PaymentsTestbed {
  handle: DatabaseHandle;
  fake: FakeStripe;
  deps: ReserveDeps;
  /** Signs an event like Stripe (or with another secret or timestamp) and hands it to the webhook receiver. */
  webhook(event: unknown, options?: { secret?: string; timestamp?: number }): ReturnType<typeof receiveStripeWebhook>;
  /** Empties leads, deposits, events and counters, puts every unit back to its seeded status, resets the fake. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The testbed of a test file, by Vitest hooks: opened before its tests (this file's first beforeAll, so the file's
 * own beforeAll hooks find it open), reset before each test and closed after them all.
 */
export function usePaymentsTestbed(webhookSecret: string): PaymentsTestbed {
  const bed = {} as PaymentsTestbed;
  beforeAll(async () => void Object.assign(bed, await openPaymentsTestbed(webhookSecret)));
  beforeEach(() => bed.reset());
  afterAll(() => bed.close?.());
  return bed;
}

/** Opens the test database and the fake Stripe, signing webhooks with `webhookSecret`. */
export async function openPaymentsTestbed(webhookSecret: string): Promise<PaymentsTestbed> {
  const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
  const handle = await openTestDatabase();
  await seedUnitStates(handle.db, catalog);
  const fake = await startFakeStripe(webhookSecret);
  const gateway = stripeGateway(createStripeClient('sk_test_fake', fake.url));
  const payments: PaymentsConfig = {
    gateway,
    currency: 'cny',
    paymentMethods: ['card', 'alipay', 'wechat_pay'],
    // The defaults of DEPOSIT_MONTHS, DEPOSIT_MIN_YUAN and DEPOSIT_MAX_YUAN (astro.config.mjs).
    rule: { months: 1, minYuan: 5000, maxYuan: 50000 },
    siteUrl: 'http://localhost:4321',
    webhookSecret,
  };
  const deps: ReserveDeps = { db: handle.db, catalog, gateway, payments, channels: [] };
  return {
    handle,
    fake,
    deps,
    webhook(event, options = {}) {
      const body = JSON.stringify(event);
      const header = Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret: options.secret ?? webhookSecret,
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      });
      return receiveStripeWebhook(deps, webhookSecret, body, header);
    },
    async reset() {
      await handle.db.execute(
        sql`truncate leads, inquiries, notification_outbox, rate_limits, deposits, stripe_events, lead_events, payment_method_checks cascade`,
      );
      await handle.db.execute(sql`update unit_states set status = seeded_status, hold_expires_at = null`);
      fake.reset();
    },
    async close() {
      await handle.close();
      await fake.close();
    },
  };
}
