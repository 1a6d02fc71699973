/**
 * Issue 13, items 4 and 5 in Chromium, against the real stripe SDK and the strict fake Stripe: dates and money
 * shown by one rule; reserving prefilled from the inquiry just sent, the hold as a countdown on the checkout step,
 * a success page that is a receipt, a full page (with alternatives) for units that cannot be reserved, and the
 * reservation without JavaScript. Every page visited is checked with axe (no violation of any impact).
 */
import { AxeBuilder } from '@axe-core/playwright';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FakeStripe } from '../support/fake-stripe.ts';
import { findAvailableUnits } from '../support/available-units.ts';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { postReservation } from '../support/portal-api.ts';
import { startPortalWithFakeStripe } from '../support/portal-with-fake-stripe.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN } from '../support/staff-accounts.ts';
import { changeNoticed } from '../support/postgres-database.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

const WEBHOOK_SECRET = 'whsec_e2e_secret';
const PHONE = { width: 390, height: 844 };
let server: RunningServer, fake: FakeStripe, browser: Browser, sql: pg.Client;
startForFile(
  () => startPortalWithFakeStripe(WEBHOOK_SECRET, adminEnv(ADMIN)),
  (portal) => ({ server, browser, sql, fake } = portal),
);

async function context(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, ...options });
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const report = results.violations
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect(results.violations, `axe on ${label} (${page.url()}):\n${report}`).toEqual([]);
}

/** Available units nobody else in this file uses: each test takes its own. */
const availableUnits = (prefix: string, count = 1) => findAvailableUnits(sql, prefix, count);

const fillReserveForm = (page: Page, email: string) =>
  fillInquiryForm(page, {
    companyName: '星图遥感数据有限公司',
    industryTrack: 'remote-sensing',
    contactName: '钱工',
    email,
  });

describe('item 4: dates and money shown by one rule', () => {
  it('a past "available from" reads Available now on the flyer; a reserved unit claims no availability on its page or search card', async () => {
    const [free, taken] = await availableUnits('r3-04', 2);
    await sql.query(`update unit_states set available_from = '2024-03-01' where unit_id = any($1)`, [[free, taken]]);
    await sql.query(`update unit_states set status = 'reserved' where unit_id = $1`, [taken]);
    await changeNoticed();
    const ctx = await context();
    const page = await ctx.newPage();

    await page.goto(`${server.url}/units/${free}/flyer`);
    const flyer = await page.locator('body').innerText();
    expect(flyer).toContain('即可入驻');
    expect(flyer).toContain('Available now');
    expect(flyer).not.toContain('2024');

    await page.goto(`${server.url}/units/${taken}`);
    const availability = page.locator('dt', { hasText: '可入驻日期' }).locator('xpath=following-sibling::dd');
    expect((await availability.innerText()).trim()).toBe('已预订');

    await page.goto(`${server.url}/units?status=all&building=rd-3&minFloor=4&maxFloor=4`, { waitUntil: 'networkidle' });
    const card = page.locator('li', { has: page.locator(`a[href="/units/${taken}"]`) });
    expect(await card.innerText()).not.toContain('2024');

    // Staff see the same rule in the console's inventory.
    await page.goto(`${server.url}/console/inventory?building=rd-3`);
    await page.waitForURL('**/console/login?next=*');
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('button');
    await page.waitForURL('**/console/inventory?building=rd-3');
    // The fifth cell, under 可入驻日期 (the unit's own cell is a row header).
    const availabilityCell = (id: string) => page.locator(`tr#${id} > :nth-child(5)`).innerText();
    expect(await availabilityCell(free)).toBe('即可入驻');
    expect(await availabilityCell(taken)).toBe('已预订');
    await ctx.close();
  });

  it('month and year totals show the fen, like the price note promises', async () => {
    const [unitId] = await availableUnits('r1-05');
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/units/${unitId}`);
    for (const label of ['每月租金', '每年租金']) {
      const value = await page
        .locator('dt', { hasText: new RegExp(`^${label}$`) })
        .first()
        .locator('xpath=following-sibling::dd')
        .innerText();
      expect(value.trim()).toMatch(/^¥[\d,]+\.\d{2}$/);
    }
    await page.goto(`${server.url}/en/compare?units=${unitId}`);
    for (const label of ['Per month', 'Per year']) {
      const row = page
        .locator('main table tr', { has: page.locator('th', { hasText: new RegExp(`^${label}`) }) })
        .first();
      expect(await row.innerText()).toMatch(/¥[\d,]+\.\d{2}/);
    }
    await ctx.close();
  });
});

describe('item 5: reserving', () => {
  it('(a) prefills the reservation form from the inquiry this browser just sent', async () => {
    const [unitId] = await availableUnits('r2-08');
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/units/${unitId}`, { waitUntil: 'networkidle' });
    const person = { companyName: '北斗时空导航有限公司', industryTrack: 'navigation', contactName: '李工' };
    await fillInquiryForm(page, { ...person, mobile: '13900139000', email: 'li@beidou.example' });
    await page.locator('#inquiry form button[type=submit]').click();
    await page.locator('#inquiry [role=status]').waitFor();

    await page.getByRole('link', { name: '支付意向金预订此单元' }).click();
    await page.waitForURL(`**/reserve/${unitId}`);
    await page.waitForLoadState('networkidle');
    const reserve = page.locator('#inquiry form');
    await expect.poll(() => reserve.locator('[name=companyName]').inputValue()).toBe('北斗时空导航有限公司');
    expect(await reserve.locator('[name=industryTrack]').inputValue()).toBe('navigation');
    expect(await reserve.locator('[name=contactName]').inputValue()).toBe('李工');
    expect(await reserve.locator('[name=mobile]').inputValue()).toBe('13900139000');
    expect(await reserve.locator('[name=email]').inputValue()).toBe('li@beidou.example');
    expect(await page.locator('[data-prefill-note]').isVisible()).toBe(true);
    // Consent is asked again: it is given for each submission.
    expect(await reserve.locator('[name=consent]').isChecked()).toBe(false);
    await expectNoAxeViolations(page, 'reserve form, prefilled');
    if (process.env.SHOTS_DIR)
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/reserve-prefilled-zh-desktop.png`, fullPage: true });

    // The prefilled form goes through as typed.
    await reserve.locator('[name=consent]').check();
    await page.waitForTimeout(3200);
    await reserve.locator('button[type=submit]').click();
    await page.waitForURL('**/reserve/checkout?session_id=cs_test_*');
    const { rows } = await sql.query(
      `select l.company_name from deposits d join leads l on l.id = d.lead_id where d.unit_id = $1`,
      [unitId],
    );
    expect(rows).toEqual([{ company_name: '北斗时空导航有限公司' }]);
    await ctx.close();
  });

  it('(b) shows the 30-minute hold as a countdown on the checkout step, announces it politely, and offers to start again when it runs out', async () => {
    const [unitId] = await availableUnits('r2-09');
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/reserve/${unitId}`, { waitUntil: 'networkidle' });
    await fillReserveForm(page, 'countdown@xingtu.example');
    await page.locator('#inquiry button[type=submit]').click();
    await page.waitForURL('**/reserve/checkout?session_id=cs_test_*');
    const checkoutUrl = page.url();

    const timer = page.getByRole('timer');
    expect(await timer.innerText()).toMatch(/^(30|29):[0-5]\d$/);
    const first = await timer.innerText();
    await expect.poll(() => timer.innerText(), { timeout: 4000 }).not.toBe(first);
    expect(await timer.getAttribute('aria-live')).toBeNull(); // a timer is not read out every second
    expect(await page.locator('[aria-live=polite][data-hold-announce]').count()).toBe(1);
    expect(await page.locator('main').innerText()).toMatch(/锁定至 \d{2}:\d{2}（北京时间）/);
    expect(await page.locator('main').innerText()).toContain('¥');
    await expectNoAxeViolations(page, 'checkout step');

    // The button goes on to Stripe's page for this session.
    const pay = page.getByRole('link', { name: /前往安全支付页面/ });
    expect(await pay.getAttribute('href')).toMatch(new RegExp(`^${fake.url}/pay/cs_test_`));

    // The hold runs out while the page is open (the last 60 seconds are the request's margin, not shown).
    await sql.query(
      `update deposits set expires_at = now() + interval '63 seconds' where unit_id = $1 and status = 'held'`,
      [unitId],
    );
    await page.goto(checkoutUrl);
    await page.getByRole('heading', { name: '锁定已结束' }).waitFor({ timeout: 8000 });
    expect(await pay.isVisible()).toBe(false);
    expect(await page.getByText('请在倒计时结束前完成支付').isVisible()).toBe(false);
    expect(await page.locator('[data-hold-announce]').innerText()).toContain('单元已释放');
    await expectNoAxeViolations(page, 'checkout step, hold ended');
    if (process.env.SHOTS_DIR)
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/checkout-ended-zh-desktop.png` });
    // And as the server renders it afterwards.
    await page.reload();
    expect(await page.getByRole('heading', { name: '锁定已结束' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '重新开始预订' }).getAttribute('href')).toBe(`/reserve/${unitId}`);
    await ctx.close();
  });

  it('(c) the success page is a receipt that says 预订 once, not a demo page', async () => {
    const [unitId] = await availableUnits('r2-10');
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/reserve/${unitId}`, { waitUntil: 'networkidle' });
    await fillReserveForm(page, 'receipt@xingtu.example');
    await page.locator('#inquiry button[type=submit]').click();
    await page.waitForURL('**/reserve/checkout?session_id=cs_test_*');
    await page.getByRole('link', { name: /前往安全支付页面/ }).click();
    await page.waitForURL(`${fake.url}/pay/**`);
    await page.click('#pay');
    await page.waitForURL(`${server.url}/reserve/success?session_id=cs_test_*`);

    const { rows } = await sql.query(
      `select d.amount_fen, l.reference from deposits d join leads l on l.id = d.lead_id where d.unit_id = $1`,
      [unitId],
    );
    const amount = `¥${(Number(rows[0].amount_fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(await page.locator('h1').innerText()).toBe('单元已为您预订');
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('锁定');
    expect(main).not.toContain('演示');
    const receipt = page.locator('[data-receipt]');
    const text = await receipt.innerText();
    expect(text).toContain(amount);
    expect(text).toContain(rows[0].reference);
    expect(text).toMatch(/科研2号楼 10层 \S+/);
    expect(text).toMatch(/支付时间\s+\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
    expect(main).toContain('接下来');
    expect(main).toContain('如何退款');
    // As after an inquiry: who will call, by when, and the tenant's own tour link.
    const ack = await page.locator('[data-ack]').innerText();
    expect(ack).toMatch(/\S+ 将与您联系/);
    expect(ack).toMatch(/最迟 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
    expect(await page.locator('[data-ack] a').getAttribute('href')).toMatch(/^\/tours\//);
    await expectNoAxeViolations(page, 'success receipt');
    // The unit page uses the same word.
    await page.goto(`${server.url}/units/${unitId}`);
    expect(await page.locator('main span.rounded-full').first().innerText()).toContain('已预订');

    const sessionId = (await sql.query(`select checkout_session_id from deposits where unit_id = $1`, [unitId])).rows[0]
      .checkout_session_id;
    await page.goto(`${server.url}/en/reserve/success?session_id=${sessionId}`);
    expect(await page.locator('h1').innerText()).toBe('The unit is reserved for you');
    expect(await page.locator('[data-receipt]').innerText()).toMatch(
      /Paid\s+\d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(Beijing time\)/,
    );
    expect(await page.locator('main').innerText()).not.toMatch(/demo/i);
    await expectNoAxeViolations(page, 'success receipt (en)');
    await ctx.close();
  });

  it('(d) a held or reserved unit gets a full 409 page: why, until when, and similar units to reserve', async () => {
    const [held, reserved] = await availableUnits('r1-06', 2);
    await sql.query(
      `update unit_states set status = 'held', hold_expires_at = now() + interval '20 minutes' where unit_id = $1`,
      [held],
    );
    await sql.query(`update unit_states set status = 'reserved' where unit_id = $1`, [reserved]);
    await changeNoticed();
    const response = await fetch(`${server.url}/reserve/${reserved}`);
    expect(response.status).toBe(409);
    expect(response.statusText).toBe('Conflict');

    for (const [lang, viewport] of [
      ['zh', { width: 1366, height: 900 }],
      ['en', PHONE],
    ] as const) {
      const ctx = await context({ viewport });
      const page = await ctx.newPage();
      const prefix = lang === 'en' ? '/en' : '';
      await page.goto(`${server.url}${prefix}/reserve/${held}`);
      expect(await page.locator('#unavailable-title').innerText()).toBe(
        lang === 'zh' ? '这个单元正被锁定' : 'This unit is on hold',
      );
      expect(await page.locator('main').innerText()).toMatch(
        lang === 'zh' ? /锁定至 \d{2}:\d{2}（北京时间）/ : /held until \d{2}:\d{2} \(Beijing time\)/,
      );
      await expectNoAxeViolations(page, `held unit (${lang})`);

      await page.goto(`${server.url}${prefix}/reserve/${reserved}`);
      expect(await page.locator('#unavailable-title').innerText()).toBe(
        lang === 'zh' ? '这个单元已被预订' : 'This unit is reserved',
      );
      const offers = page.locator('[data-alternatives] a[href*="/reserve/"]');
      expect(await offers.count()).toBeGreaterThan(0);
      const offered = await offers.evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('/').pop()!));
      expect(offered).not.toContain(reserved);
      expect(offered).not.toContain(held);
      const { rows } = await sql.query(`select distinct status from unit_states where unit_id = any($1)`, [offered]);
      expect(rows).toEqual([{ status: 'available' }]);
      await expectNoAxeViolations(page, `reserved unit (${lang})`);
      await offers.first().click();
      await page.waitForURL(`**${prefix}/reserve/${offered[0]}`);
      expect(await page.locator('#inquiry form').count()).toBe(1);
      await ctx.close();
    }
  });

  it('reserves without JavaScript: the form post goes to the checkout step and on to Stripe', async () => {
    const [unitId] = await availableUnits('r3-06');
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/en/reserve/${unitId}`);
    await fillReserveForm(page, 'nojs@xingtu.example');
    await page.locator('#inquiry button[type=submit]').click();
    await page.waitForURL('**/en/reserve/checkout?session_id=cs_test_*');
    expect(await page.getByRole('timer').innerText()).toMatch(/^(30|29):[0-5]\d$/);
    expect(await page.locator('main').innerText()).toMatch(/Held until \d{2}:\d{2} \(Beijing time\)/);
    await page.getByRole('link', { name: /Go to the secure payment page/ }).click();
    await page.waitForURL(`${fake.url}/pay/**`);
    await page.click('#pay');
    await page.waitForURL(`${server.url}/en/reserve/success?session_id=cs_test_*`);
    expect(await page.locator('h1').innerText()).toBe('The unit is reserved for you');
    await ctx.close();
  });

  it('looks right: checkout step and receipt in zh and en, desktop and phone (screenshots)', async () => {
    const { rows } = await sql.query(
      `select checkout_session_id as id, status from deposits where status in ('held', 'reserved') order by created_at`,
    );
    const paid = rows.find((r) => r.status === 'reserved')?.id;
    const [unitId] = await availableUnits('r3-07');
    const started = await postReservation(server.url, {
      unitId,
      companyName: '截图测试科技有限公司',
      contactName: '周工',
      email: 'shots@example.com',
      industryTrack: 'other',
      consent: true,
    });
    expect(started.status).toBe(201);
    const { nextUrl } = await started.json();
    expect(nextUrl).toMatch(/^\/reserve\/checkout\?session_id=cs_test_/);
    const reservedUnit = (
      await sql.query(`select unit_id from unit_states where status = 'reserved' order by unit_id limit 1`)
    ).rows[0].unit_id;
    const dir = process.env.SHOTS_DIR;
    for (const [name, viewport] of [
      ['desktop', { width: 1366, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      const ctx = await context({ viewport });
      const page = await ctx.newPage();
      for (const lang of ['zh', 'en'] as const) {
        const prefix = lang === 'en' ? '/en' : '';
        for (const [label, path] of [
          ['checkout', nextUrl.replace('/reserve', `${prefix}/reserve`)],
          ['receipt', `${prefix}/reserve/success?session_id=${paid}`],
          ['unavailable', `${prefix}/reserve/${reservedUnit}`],
        ]) {
          await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
          await expectNoAxeViolations(page, `${label} ${lang} ${name}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, `${label} ${lang} ${name} scrolls sideways`).toBeLessThanOrEqual(viewport.width);
          if (dir) await page.screenshot({ path: `${dir}/${label}-${lang}-${name}.png`, fullPage: true });
        }
      }
      await ctx.close();
    }
  });
});
