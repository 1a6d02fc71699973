/**
 * Issue 15's journey in Chromium on PostgreSQL: the leasing manager sets up their touring hours; a tenant on a
 * phone inquires in Chinese and the acknowledgement names the manager and the time they will answer by; the
 * tenant books a tour from the link, moves it, and the manager sees it on the board, on the lead page and in
 * their private calendar feed; the manager logs the first call and, after the tour, its outcome, which moves the
 * lead to Touring; the overview shows the response time. The tour page works without JavaScript, in zh and en.
 */
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findAvailableUnits } from '../support/available-units.ts';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { startPortalOnPostgres } from '../support/portal-on-postgres.ts';
import { signInPage } from '../support/sign-in-page.ts';
import { adminEnv, CHIEF_ADMIN as MANAGER } from '../support/staff-accounts.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
startForFile(
  () => startPortalOnPostgres(adminEnv(MANAGER)),
  (portal) => ({ server, browser, sql } = portal),
);

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

describe('answering an inquiry and touring the park', () => {
  let tourPath = '';
  let leadId = '';

  it('acknowledges an inquiry with the manager, the due time and a tour link, and books and moves a tour', async () => {
    // The administrator gives tours once their profile is saved (Team & hours).
    const staffPage = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await signInPage(staffPage, server.url, sql, MANAGER, '/console/team');
    const own = staffPage.locator(`[data-member="${MANAGER.email}"]`);
    await own.locator('[name=workPhone]').fill('010-6388 0001');
    await Promise.all([staffPage.waitForLoadState('load'), own.locator('button').click()]);
    await expect.poll(() => staffPage.locator('[role=status]').innerText()).toContain('已保存');

    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    ).newPage();
    await phone.goto(`${server.url}/contact`, { waitUntil: 'networkidle' });
    await fillInquiryForm(phone, {
      companyName: '银河航天测控有限公司',
      industryTrack: 'navigation',
      contactName: '周工',
      email: 'zhou@example.com',
    });
    await phone.locator('#inquiry button[type=submit]').click();
    const ack = phone.locator('#inquiry [role=status]');
    await expect.poll(() => ack.innerText()).toContain('我们已收到您的咨询');
    const ackText = await ack.innerText();
    expect(ackText).toContain('谁来联系您');
    expect(ackText).toMatch(/\S+ 将与您联系/);
    expect(ackText).toContain('工作电话 010-6388 0001');
    expect(ackText).toMatch(/最迟 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
    await shoot(phone, 'tours-ack-zh-390');
    leadId = (await sql.query("select id from leads where email = 'zhou@example.com'")).rows[0].id;

    await phone.locator('#inquiry a', { hasText: '现在预约看房' }).click();
    await phone.waitForURL('**/tours/**');
    tourPath = new URL(phone.url()).pathname;
    expect(await phone.locator('h1').innerText()).toBe('预约看房');
    const chips = phone.locator('.slot-chip');
    expect(await chips.count()).toBeGreaterThan(3);
    await chips.nth(0).click();
    await Promise.all([phone.waitForURL('**done=book'), phone.locator('button', { hasText: '确认预约' }).click()]);
    expect(await phone.locator('[role=status]').innerText()).toContain('预约成功。请点击“添加到日历”');
    expect(await phone.locator('h1').innerText()).toBe('您的看房预约');
    const first = (await sql.query('select starts_at from tours where lead_id = $1', [leadId])).rows[0].starts_at;
    await shoot(phone, 'tours-booked-zh-390');

    // Move it to the third free time.
    await phone.locator('.slot-chip').nth(2).click();
    await Promise.all([
      phone.waitForURL('**done=reschedule'),
      phone.locator('button', { hasText: '确认改期' }).click(),
    ]);
    expect(await phone.locator('[role=status]').innerText()).toContain('已改期');
    const [moved] = (await sql.query('select starts_at, sequence, status from tours where lead_id = $1', [leadId]))
      .rows;
    expect(moved.starts_at.getTime()).toBeGreaterThan(first.getTime());
    expect([moved.sequence, moved.status]).toEqual([1, 'booked']);
    // The phone page never scrolls sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('works without JavaScript and in English; a tampered link is refused with words, not a code', async () => {
    const page = await (
      await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 900 } })
    ).newPage();
    await page.goto(`${server.url}/en${tourPath}`);
    expect(await page.locator('h1').innerText()).toBe('Your tour');
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Booked: \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    expect(text).not.toMatch(/tour_|booked\b|TR-\w+ booked/);
    await shoot(page, 'tours-manage-en-1366');
    // Colleagues, without JavaScript: a plain form post and back.
    await page.locator('[name=colleagueName]').first().fill('Ada Chen');
    await page.locator('[name=colleagueEmail]').first().fill('ada@example.com');
    await Promise.all([
      page.waitForURL('**done=colleagues'),
      page.locator('button', { hasText: 'Save colleagues' }).click(),
    ]);
    expect(await page.locator('[role=status]').innerText()).toContain('Colleagues updated');
    // A bad e-mail comes back with the reason and a 400.
    await page.locator('[name=colleagueEmail]').nth(1).fill('bob@localhost');
    await page.locator('[name=colleagueName]').nth(1).fill('Bob');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/tours')),
      page.locator('button', { hasText: 'Save colleagues' }).click(),
    ]);
    expect(response.status()).toBe(400);
    expect(await page.locator('[role=alert]').innerText()).toContain('valid e-mail');

    const tampered = tourPath.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await page.goto(`${server.url}${tampered}`);
    expect(refused?.status()).toBe(404);
    expect(await page.locator('main').innerText()).toContain('这个看房链接无效或已过期');
    expect(refused?.headers()['referrer-policy']).toBe('same-origin');
  });

  it('shows the manager the tour on the board, the lead page and their calendar feed, then the outcome and the overview', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await signInPage(page, server.url, sql, MANAGER, '/console/pipeline');
    const card = page.locator('[data-lead]', { hasText: '银河航天测控有限公司' });
    await expect.poll(() => card.locator('[data-next-tour]').innerText()).toMatch(/带看 \d{2}-\d{2} \d{2}:\d{2}/);
    // Unanswered: the card says by when (or that it is late), and comes first in its column.
    expect(await card.locator('[data-response]').count()).toBeLessThanOrEqual(1);

    // The private feed: made on Team & hours, read by a calendar parser.
    await page.goto(`${server.url}/console/team`);
    await Promise.all([page.waitForLoadState('load'), page.locator('button', { hasText: '生成新的订阅链接' }).click()]);
    const feedUrl = await page.locator('[data-feed-url]').innerText();
    const feed = await (await fetch(feedUrl)).text();
    const calendar = new ICAL.Component(ICAL.parse(feed));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    const [tour] = (await sql.query('select id, starts_at from tours where lead_id = $1', [leadId])).rows;
    expect(event.startDate.toJSDate().getTime()).toBe(tour.starts_at.getTime());
    expect(event.summary).toContain('银河航天测控有限公司');
    expect(event.sequence).toBe(2); // moved, then colleagues added

    // The first call.
    await page.goto(`${server.url}/console/leads/${leadId}`);
    const response = page.locator('[data-testid=response]');
    expect(await response.innerText()).toMatch(/待响应|已超时/);
    await response.locator('[name=channel]').selectOption('call');
    await response.locator('[name=note]').fill('确认看房，带上结构图');
    await Promise.all([page.waitForLoadState('load'), response.locator('button').click()]);
    expect(await page.locator('[data-testid=response]').innerText()).toMatch(/已于 .+ 首次响应，用时 \d+ 个工作分钟/);
    expect(await page.locator('[data-testid=lead-stage]').innerText()).toBe('已联系');

    // Time passes: the tour has taken place (the clock cannot be moved, the tour can).
    await sql.query(
      "update tours set starts_at = now() - interval '2 hours', ends_at = now() - interval '75 minutes' where lead_id = $1",
      [leadId],
    );
    await page.reload();
    const outcome = page.locator('[data-outcome-form]');
    await outcome.locator('[name=attended][value=held]').check();
    await outcome.locator('[name=interest]').selectOption('high');
    await outcome.locator('[name=nextStep]').fill('下周发报价');
    await Promise.all([page.waitForLoadState('load'), outcome.locator('button').click()]);
    expect(await page.locator('[data-testid=lead-stage]').innerText()).toBe('带看');
    expect(await page.locator('[data-testid=tours]').innerText()).toContain('意向: 高');
    await shoot(page, 'tours-lead-page-zh-1366');

    await page.goto(`${server.url}/console`);
    const metrics = page.locator('[data-testid=response-metrics]');
    expect(await metrics.innerText()).toMatch(/中位数\s+\d+ 分钟/);
    expect(await metrics.innerText()).toMatch(/已到访\s+1/);
    await shoot(page, 'tours-overview-zh-1366');
    await page.goto(`${server.url}/en/console`);
    expect(await page.locator('[data-testid=response-metrics]').innerText()).toMatch(/Median\s+\d+ min/);
  });

  it('lets a tenant in another time zone pick a free time on a unit page’s form, in English, booked with the inquiry', async () => {
    const [unitId] = await findAvailableUnits(sql, 'r1-');
    // A browser in New York: the times offered and booked are Beijing's all the same.
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'America/New_York' })
    ).newPage();
    await page.goto(`${server.url}/en/units/${unitId}`, { waitUntil: 'networkidle' });
    await page.locator('#inquiry').scrollIntoViewIfNeeded();
    const pick = page.locator('#inquiry [name=tourStart]');
    await expect.poll(() => pick.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await fillInquiryForm(page, {
      companyName: 'Orbital Sensing Ltd',
      industryTrack: 'remote-sensing',
      contactName: 'Lee',
      email: 'lee@example.com',
    });
    const chosen = await pick.locator('option').nth(1).getAttribute('value');
    expect(chosen).toMatch(/\+08:00$/);
    // The option reads the Beijing clock time of its value.
    expect(await pick.locator('option').nth(1).innerText()).toBe(chosen!.slice(11, 16));
    await pick.selectOption(chosen!);
    await page.locator('#inquiry button[type=submit]').click();
    const booked = page.locator('[data-ack-tour]');
    await expect.poll(() => booked.innerText(), { timeout: 15_000 }).toMatch(/^Your tour is booked: .+ \(TR-\w{6}\)$/);
    const [tour] = (
      await sql.query(
        "select t.starts_at, t.unit_ids from tours t join leads l on l.id = t.lead_id where l.email = 'lee@example.com'",
      )
    ).rows;
    expect(tour.starts_at.toISOString()).toBe(new Date(chosen!).toISOString());
    expect(tour.unit_ids).toEqual([unitId]);
    await shoot(page, 'tours-unit-page-en-1366');
  });
});
