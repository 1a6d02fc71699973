import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import type { FakeStripe } from '../support/fake-stripe.ts';
import { findAvailableUnits } from '../support/available-units.ts';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { startPortalWithFakeStripe } from '../support/portal-with-fake-stripe.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

const WEBHOOK_SECRET = 'whsec_e2e_secret';
let server: RunningServer, fake: FakeStripe, browser: Browser, sql: pg.Client;
startForFile(
  () => startPortalWithFakeStripe(WEBHOOK_SECRET),
  (portal) => ({ server, browser, sql, fake } = portal),
);

async function availableUnitOn(building: string, level: number): Promise<string> {
  return (await findAvailableUnits(sql, `${building}-${String(level).padStart(2, '0')}`))[0]!;
}

async function fillAndSubmit(page: Page, email: string) {
  const person = {
    companyName: '天链卫星通信有限公司',
    industryTrack: 'satellite-communications',
    contactName: '赵工',
  };
  await fillInquiryForm(page, { ...person, email });
  await page.locator('#inquiry form button[type=submit]').click();
}

describe('reserving in Chromium against Stripe’s protocol', () => {
  it('reserve → Checkout → webhook: the unit shows reserved on its page, floor plan and search; the lead is Reserved', async () => {
    const unitId = await availableUnitOn('r2', 6);
    const warnings = async () => (await (await fetch(`${server.url}/healthz`)).json()).warnings;
    expect(await warnings()).toEqual(['stripe_webhook_never_received']);
    await vi.waitFor(() =>
      expect(server.output()).toContain('"level":"warn","event":"payments.stripe_webhook_never_received"'),
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/units/${unitId}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: '支付意向金预订此单元' }).click();
    await page.waitForURL(`**/reserve/${unitId}`);
    expect(await page.locator('main').textContent()).toContain('签订租赁合同时，意向金全额抵扣首期租金');
    await fillAndSubmit(page, 'zhao@tianlian.example');
    await page.waitForURL('**/reserve/checkout?session_id=cs_test_*');
    await page.getByRole('link', { name: /前往安全支付页面/ }).click();
    await page.waitForURL(`${fake.url}/pay/**`);
    // While Checkout is open, the unit is held everywhere.
    const held = await (
      await fetch(`${server.url}/api/v1/units?status=all&building=rd-2&minFloor=6&maxFloor=6`)
    ).json();
    expect(held.units.find((u: { id: string }) => u.id === unitId).status).toBe('held');
    await page.click('#pay');
    await page.waitForURL(`${server.url}/reserve/success?session_id=cs_test_*`);
    expect(await page.locator('h1[data-deposit-status]').getAttribute('data-deposit-status')).toBe('reserved');
    expect(fake.deliveries.at(-1)).toEqual({ type: 'checkout.session.completed', status: 200 });
    expect(await warnings()).toEqual([]);

    await page.goto(`${server.url}/units/${unitId}`);
    expect(await page.locator('main span.rounded-full').first().textContent()).toContain('已预订');
    await page.goto(`${server.url}/buildings/rd-2/floors/6`, { waitUntil: 'networkidle' });
    expect(
      await page.locator(`section[aria-labelledby=unit-list-title] a[href="/units/${unitId}"]`).textContent(),
    ).toContain('已预订');
    const search = await (await fetch(`${server.url}/api/v1/units?building=rd-2&minFloor=6&maxFloor=6`)).json();
    expect(search.units.map((u: { id: string }) => u.id)).not.toContain(unitId);
    const { rows } = await sql.query(
      `select l.stage, d.status from leads l join deposits d on d.lead_id = l.id where d.unit_id = $1`,
      [unitId],
    );
    expect(rows).toEqual([{ stage: 'reserved', status: 'reserved' }]);
    await context.close();
  });

  it('cancel on Checkout → the unit is available again at once', async () => {
    const unitId = await availableUnitOn('r2', 7);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/en/reserve/${unitId}`, { waitUntil: 'networkidle' });
    await fillAndSubmit(page, 'cancel@tianlian.example');
    await page.waitForURL('**/en/reserve/checkout?session_id=cs_test_*');
    await page.getByRole('link', { name: /Go to the secure payment page/ }).click();
    await page.waitForURL(`${fake.url}/pay/**`);
    await page.click('#cancel');
    await page.waitForURL(`${server.url}/en/reserve/cancelled?session_id=*`);
    expect(await page.locator('h1').textContent()).toBe('Cancelled: the unit is available again');
    const { rows } = await sql.query(`select status from unit_states where unit_id = $1`, [unitId]);
    expect(rows[0].status).toBe('available');
    expect([...fake.sessions.values()].at(-1)!.status).toBe('expired');
    await context.close();
  });

  it('answers a second tenant on a held unit with a clear 409', async () => {
    const unitId = await availableUnitOn('r3', 5);
    const post = (i: number) =>
      fetch(`${server.url}/api/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          unitId,
          companyName: `并发测试${i}公司`,
          contactName: '测试',
          email: `race${i}@example.com`,
          industryTrack: 'other',
          consent: true,
        }),
      });
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => post(i)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const refused = await responses.find((r) => r.status === 409)!.json();
    expect(refused.error.message.en).toContain('Someone else has just put this unit on hold');
  });

  it('refuses unsigned and forged webhooks over HTTP', async () => {
    const event = fake.event('checkout.session.completed', { id: 'cs_test_nothing' });
    expect(
      (
        await fetch(`${server.url}/api/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
        })
      ).status,
    ).toBe(400);
    expect((await fake.deliver(event, { secret: 'whsec_forged' })).status).toBe(400);
    expect((await fake.deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(400);
  });
});
