/**
 * Three whole journeys in Chromium, every page along the way checked with axe-core (WCAG 2.0/2.1 A and AA):
 * a tenant who browses, compares, inquires and reserves; staff who find that lead and refund the deposit; and
 * marketing who create an embed that renders on a partner site. A page fails on any serious or critical
 * violation; the message lists each rule with the selectors it flagged. Nothing may load from off this machine.
 */
import { AxeBuilder } from '@axe-core/playwright';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeStripe } from '../support/fake-stripe.ts';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { postReservation } from '../support/portal-api.ts';
import { startPortalWithFakeStripe, type PortalWithFakeStripe } from '../support/portal-with-fake-stripe.ts';
import { startPartnerSite, type PartnerSite } from '../support/partner-site.ts';
import { createStaffAccount, signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';
import { wakeIslands } from '../support/wake-islands.ts';

const WEBHOOK_SECRET = 'whsec_e2e_secret';
const MARKETER = { email: 'market@park.example', password: 'marketing-password-1' };
const TENANT_EMAIL = 'sun@tianhe.example';
const PHONE = { width: 390, height: 844 };

let portal: PortalWithFakeStripe;
let server: RunningServer;
let fake: FakeStripe;
let browser: Browser;
let sql: pg.Client;
let partner: PartnerSite;
/** Requests that tried to leave this machine. */
const outside: string[] = [];

beforeAll(async () => {
  portal = await startPortalWithFakeStripe(WEBHOOK_SECRET, { MAP_TILES: 'none', ...adminEnv(ADMIN) });
  ({ server, browser, sql, fake } = portal);
  partner = await startPartnerSite();
});
afterAll(async () => {
  await partner?.close();
  await portal?.stop();
});

/** A browser context whose requests may only go to this machine (the fake Stripe included). */
async function offlineContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return context;
}

/** Runs axe on the page (and its frames); fails softly on serious or critical violations, listing their selectors. */
async function checkA11y(
  page: Page,
  label: string,
  configure: (builder: AxeBuilder) => AxeBuilder = (b) => b,
): Promise<void> {
  const results = await configure(
    new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']),
  ).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' >>> ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : ''}`).join('\n')}`,
    )
    .join('\n');
  expect.soft(blocking.length, `axe on ${label} (${page.url()}):\n${report}`).toBe(0);
}

async function signIn(page: Page, account: { email: string; password: string }, next: string): Promise<void> {
  await sql.query("delete from rate_limits where key like 'sign-in:%'");
  await page.goto(`${server.url}${next}`);
  await page.waitForURL('**/console/login?next=*');
  await checkA11y(page, 'console sign-in');
  await page.fill('#email', account.email);
  await page.fill('#password', account.password);
  await page.click('button');
  await page.waitForURL(`**${next}`);
}

const fillInquiry = (page: Page) =>
  fillInquiryForm(page, {
    companyName: '天河测控技术有限公司',
    industryTrack: 'satellite-communications',
    contactName: '孙工',
    email: TENANT_EMAIL,
  });

describe('journeys with accessibility checks', () => {
  let unitId = '';
  let reference = '';

  it('tenant: home → map → floor plan → unit → compare → inquiry → reservation, in zh, en and on a phone', async () => {
    const { rows } = await sql.query(
      `select unit_id from unit_states where status = 'available' and unit_id like 'r1-05%' order by unit_id`,
    );
    unitId = rows[0].unit_id;
    const other: string = rows[1].unit_id;
    const context = await offlineContext();
    const page = await context.newPage();

    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await checkA11y(page, 'home');
    await page.goto(`${server.url}/map`, { waitUntil: 'networkidle' });
    await checkA11y(page, 'campus picture');
    await wakeIslands(page);
    await page.locator('.campus-map path[role=link]').first().waitFor();
    await checkA11y(page, 'campus map');
    await page.goto(`${server.url}/buildings/rd-1`, { waitUntil: 'networkidle' });
    await checkA11y(page, 'building');
    await page.goto(`${server.url}/buildings/rd-1/floors/5`, { waitUntil: 'networkidle' });
    await wakeIslands(page);
    await page.locator('.floor-plan-map path[role=link]').first().waitFor();
    await checkA11y(page, 'floor plan');
    await page.locator(`section[aria-labelledby=unit-list-title] a[href="/units/${other}"]`).click();
    await page.waitForURL(`**/units/${other}`);
    await page.waitForLoadState('networkidle');
    await checkA11y(page, 'unit page');
    // The Compare button hydrates on this first tap (client:interaction): it answers once React has it.
    await page.getByRole('button', { name: '加入对比' }).click();
    await page.getByRole('button', { name: '已加入对比' }).waitFor();
    await page.goto(`${server.url}/units/${unitId}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '加入对比' }).click();
    await page.getByRole('button', { name: '已加入对比' }).waitFor();
    await checkA11y(page, 'unit page with the compare tray');
    await page.getByRole('region', { name: '对比' }).getByRole('link', { name: '开始对比' }).click();
    await page.waitForURL(/\/compare\?units=/);
    expect(await page.locator('table thead th[scope=col]').count()).toBe(1 + 2);
    await checkA11y(page, 'compare');

    await page.goto(`${server.url}/units/${unitId}`, { waitUntil: 'networkidle' });
    await fillInquiry(page);
    await page.locator('#inquiry button[type=submit]').click();
    const status = page.locator('#inquiry [role=status]');
    await status.waitFor();
    reference = (await status.textContent())!.match(/AIC-[0-9A-Z]{6}/)![0];
    await checkA11y(page, 'unit page after the inquiry');

    await page.getByRole('link', { name: '支付意向金预订此单元' }).click();
    await page.waitForURL(`**/reserve/${unitId}`);
    await checkA11y(page, 'reserve form');
    await fillInquiry(page);
    await page.locator('#inquiry button[type=submit]').click();
    await page.waitForURL('**/reserve/checkout?session_id=cs_test_*');
    await checkA11y(page, 'checkout step');
    await page.getByRole('link', { name: /前往安全支付页面/ }).click();
    await page.waitForURL(`${fake.url}/pay/**`);
    await page.click('#pay');
    await page.waitForURL(`${server.url}/reserve/success?session_id=cs_test_*`);
    expect(await page.locator('h1[data-deposit-status]').getAttribute('data-deposit-status')).toBe('reserved');
    await checkA11y(page, 'reservation success');

    // The same pages in English.
    await page.goto(`${server.url}/en/units/${other}`, { waitUntil: 'networkidle' });
    await checkA11y(page, 'unit page (en)');
    await page.goto(`${server.url}/en/compare?units=${unitId},${other}`, { waitUntil: 'networkidle' });
    await checkA11y(page, 'compare (en)');
    await page.goto(`${server.url}/en/map`, { waitUntil: 'networkidle' });
    await wakeIslands(page);
    await page.locator('.campus-map path[role=link]').first().waitFor();
    await checkA11y(page, 'campus map (en)');
    await context.close();

    // On a phone.
    const phone = await offlineContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
    const mobile = await phone.newPage();
    for (const [label, path] of [
      ['home', '/'],
      ['search', '/units'],
      ['unit page', `/units/${other}`],
      ['compare', `/compare?units=${unitId},${other}`],
      ['floor plan', '/buildings/rd-1/floors/5'],
      ['unit page (en)', `/en/units/${other}`],
    ] as const) {
      await mobile.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      await checkA11y(mobile, `${label} on a phone`);
    }
    await phone.close();
    expect(outside).toEqual([]);
  }, 300_000); // Three languages and widths of the whole journey: longer than the default on a busy machine.

  it('staff: sign in → pipeline → the reservation’s lead, a possible duplicate → merge into the inquiry’s lead → refund the deposit', async () => {
    expect(reference).toMatch(/^AIC-/);
    // The reservation came from the same e-mail as the inquiry: a lead of its own, flagged for staff to merge.
    const {
      rows: [reservation],
    } = await sql.query(
      'select reference from leads where possible_duplicate_of = (select id from leads where reference = $1)',
      [reference],
    );
    const context = await offlineContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, ADMIN, '/console/pipeline');
    const card = page.locator(`[data-lead="${reservation.reference}"]`);
    await card.waitFor();
    expect(await card.getByTestId('duplicate-badge').textContent()).toBe('可能重复: 电子邮箱相同');
    await checkA11y(page, 'pipeline');
    await card.locator('a').click();
    await page.waitForURL('**/console/leads/*');
    await checkA11y(page, 'lead flagged as a possible duplicate');
    await page
      .getByTestId('possible-duplicate')
      .getByRole('button', { name: `并入 ${reference}` })
      .click();
    await page.waitForURL('**/console/leads/*');
    await page.waitForLoadState('load');
    expect(await page.locator('main h1 + p .font-mono').textContent()).toBe(reference);
    expect(
      (await sql.query('select count(*)::int as n from leads where reference = $1', [reservation.reference])).rows[0].n,
    ).toBe(0);
    await checkA11y(page, 'lead');
    const deposits = page.locator('section[aria-labelledby=dep-title]');
    // The unit by its name (building, floor, number), not its catalog id.
    expect(await deposits.textContent()).not.toContain(unitId);
    expect(await deposits.textContent()).toMatch(/楼 \d+层 /);
    // The bank refuses the refund: the lead page says so, with Stripe's reason, and offers a retry.
    fake.queueRefundOutcomes({ status: 'failed', failureReason: 'expired_or_canceled_card' });
    // A refund needs a reason staff choose and a ticked confirmation showing the amount.
    await deposits.getByLabel('退款原因').selectOption('requested_by_customer');
    await deposits.getByRole('checkbox', { name: /我确认向租户退还 ¥[\d,]+/ }).check();
    await deposits.getByRole('button', { name: /^确认退款 ¥/ }).click();
    await page.waitForURL('**/console/leads/*');
    await page.waitForLoadState('load');
    const deposit = page.locator('section[aria-labelledby=dep-title] li[data-deposit]');
    expect(await deposit.getAttribute('data-deposit-status')).toBe('refund_failed');
    expect(await deposit.textContent()).toContain('退款失败');
    expect(await deposit.locator('[data-refund-problem]').textContent()).toContain('付款卡已过期或注销');
    await checkA11y(page, 'lead with a failed refund');
    await page.goto(page.url().replace('/console/', '/en/console/'), { waitUntil: 'load' });
    expect(await deposit.locator('[data-refund-problem]').textContent()).toContain(
      'the card has expired or was cancelled',
    );
    await deposit.getByLabel('Reason for the refund').selectOption('requested_by_customer');
    await deposit.getByRole('checkbox', { name: /I confirm refunding/ }).check();
    await deposit.getByRole('button', { name: 'Retry refund' }).click();
    await page.waitForURL('**/en/console/leads/*');
    await page.waitForLoadState('load');
    const status = async () =>
      (await sql.query(`select status from deposits where unit_id = $1`, [unitId])).rows[0].status;
    expect(await status()).toBe('refund_pending');
    // Stripe settles the retry and says so by webhook.
    const retry = [...fake.refunds.values()].at(-1)!;
    expect(
      (await fake.deliver(fake.event('refund.updated', fake.settleRefund(retry.id, { status: 'succeeded' })))).status,
    ).toBe(200);
    expect(await status()).toBe('refunded');
    expect(fake.refunds.size).toBe(2);
    await page.reload({ waitUntil: 'load' });
    expect(await deposit.getAttribute('data-deposit-status')).toBe('refunded');
    await checkA11y(page, 'lead after the refund');

    // Stripe stops offering Alipay and WeChat Pay (an account country that is not eligible): staff are told.
    fake.setAccountPaymentMethods(['card']);
    const { rows: free } = await sql.query(
      `select unit_id from unit_states where status = 'available' order by unit_id desc limit 1`,
    );
    const held = await postReservation(server.url, {
      unitId: free[0].unit_id,
      companyName: '支付方式测试有限公司',
      contactName: '测试',
      email: 'methods@example.com',
      industryTrack: 'other',
      consent: true,
    });
    expect(held.status).toBe(201);
    fake.setAccountPaymentMethods(['card', 'alipay', 'wechat_pay']);
    await page.goto(`${server.url}/console`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('payment-methods-missing').textContent()).toContain('支付宝、微信支付');
    await checkA11y(page, 'dashboard');
    await page.goto(`${server.url}/en/console`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('payment-methods-missing').textContent()).toContain('Alipay, WeChat Pay');
    await context.close();
    expect(outside).toEqual([]);
  });

  it('marketing: sign in → create an embed → the widget on a partner site', async () => {
    // A marketing account, created by the admin.
    await createStaffAccount(server.url, await signInCookie(server.url, ADMIN), {
      ...MARKETER,
      name: '市场部',
      role: 'marketing',
    });

    const context = await offlineContext();
    const page = await context.newPage();
    await signIn(page, MARKETER, '/console/embeds');
    await checkA11y(page, 'embeds');
    const form = page.locator('form:has(input[name=action][value=create])');
    await form.locator('[name=name]').fill('航天合作伙伴');
    await form.locator('select[name=building]').selectOption('rd-1');
    await form.locator('button:not([type=button])').first().click();
    await page.waitForLoadState('load');
    const { rows } = await sql.query<{ id: string }>("select id from embeds where name = '航天合作伙伴'");
    const embedId = rows[0]!.id;
    await checkA11y(page, 'embeds after creating one');

    partner.pages['/listings.html'] =
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>合作伙伴</title><body>
      <main><h1>合作伙伴门户</h1>
      <div id="widget" data-park-listings data-embed="${embedId}" data-limit="3"><noscript><a href="${server.url}/units">空间</a></noscript></div></main>
      <script src="${server.url}/embed.js" async></script>`;
    await page.goto(`${partner.url}/listings.html`);
    const frame = page.frameLocator('#widget iframe');
    await frame.locator('[data-embed-unit]').first().waitFor();
    expect(await frame.locator('[data-embed-unit]').count()).toBe(3);
    // The whole partner page, its frame included; then only the frame.
    await checkA11y(page, 'partner page with the widget');
    await checkA11y(page, 'the widget frame', (b) => b.include('#widget'));
    await context.close();
    expect(outside).toEqual([]);
  });
});
