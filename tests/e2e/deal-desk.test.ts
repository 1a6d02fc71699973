/**
 * Issue 16's journey in Chromium, as the people involved do it: an agent drafts a proposal that needs approval,
 * an administrator approves it, the agent sends it; the tenant opens the link on a phone in Chinese (without
 * JavaScript: plain forms), asks for a change; the agent sends version 2; the tenant finds the newer version from
 * the old link, compares, and accepts. Then the unit shows leased with its end date, the lead is 已签约 and the
 * reservation deposit is credited. Screenshots go to test-results/deal-desk-*.png.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAvailableUnits } from '../support/available-units.ts';
import { payDemoReservation } from '../support/portal-api.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { createStaffAccount, signInCookie } from '../support/sign-in-cookie.ts';
import { signInPage } from '../support/sign-in-page.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN, type StaffAccount } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

const shots = join(import.meta.dirname, '..', '..', 'test-results');
const AGENT: StaffAccount = { email: 'deals@park.example', password: 'deal-desk-password-1' };
const COMPANY = '星河遥感科技有限公司';

let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
let unitId: string;
let leadId: string;
let depositId: string;

/** The first day of the month after next, in Beijing: a start date that is always in the future. */
function startDate(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)).toISOString().slice(0, 10);
}

beforeAll(async () => {
  ({ server, browser, sql } = portal = await startPortalOnPostgres(adminEnv(ADMIN)));
  await createStaffAccount(server.url, await signInCookie(server.url, ADMIN), {
    ...AGENT,
    name: '招商顾问 王',
    role: 'agent',
  });
  unitId = (await findAvailableUnits(sql, 'r3-03'))[0]!;
  depositId = await payDemoReservation(server.url, unitId, {
    companyName: COMPANY,
    contactName: '陈工',
    email: 'chen@xinghe.example',
  });
  leadId = (await sql.query('select lead_id from deposits where id = $1', [depositId])).rows[0].lead_id;
});
afterAll(() => portal?.stop());

async function staffPage(account: StaffAccount): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signInPage(page, server.url, sql, account);
  return { context, page };
}

/** The tenant: a phone, Chinese, no JavaScript. */
async function tenantPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    javaScriptEnabled: false,
    locale: 'zh-CN',
  });
  return { context, page: await context.newPage() };
}

async function draft(page: Page, terms: { rent: string; rentFree: string; otherTerms: string }) {
  await page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
  const form = page.locator('form[action$="/proposal"]');
  await form.locator('select[name=unitIds]').selectOption(unitId);
  await form.locator('input[name=rentPerSqmDay]').fill(terms.rent);
  await form.locator('input[name=termMonths]').fill('36');
  await form.locator('input[name=startDate]').fill(startDate());
  await form.locator('input[name=rentFreeMonths]').fill(terms.rentFree);
  await form.locator('input[name=escalationFrom]').fill('3');
  await form.locator('input[name=escalationPercent]').fill('3');
  await form.locator('textarea[name=otherTerms]').fill(terms.otherTerms);
  await form.locator('button').click();
  await page.waitForLoadState('load');
}

/** The tenant's link as the lead page shows it for copying (the newest version first). */
async function linkOf(page: Page, version: number): Promise<string> {
  await page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
  return page.locator(`[data-proposal-version="${version}"] [data-testid=proposal-link] input`).inputValue();
}

describe('the deal desk in Chromium', () => {
  it('drafts, approves, sends, takes a change request, sends v2, and the tenant accepts on a phone', async () => {
    const { rows } = await sql.query('select list_rent_per_sqm_day as rent from unit_states where unit_id = $1', [
      unitId,
    ]);
    const list: string = rows[0].rent;

    // The agent drafts: six rent-free months are past the rule (three), so an administrator must approve.
    const agent = await staffPage(AGENT);
    await draft(agent.page, { rent: list, rentFree: '6', otherTerms: '乙方享有同等条件下的优先续租权。' });
    const v1 = agent.page.locator('[data-proposal-version="1"]');
    expect(await v1.getAttribute('data-proposal-status')).toBe('pending_approval');
    expect(await v1.innerText()).toContain('需管理员审批：免租期超过规定');
    expect(await v1.locator('form[action$="/proposal-send"]').count()).toBe(0);
    await agent.page.screenshot({ path: join(shots, 'deal-desk-1-needs-approval.png'), fullPage: true });

    // The administrator approves with a reason.
    const admin = await staffPage(ADMIN);
    await admin.page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    const decision = admin.page.locator('[data-proposal-version="1"] form[action$="/proposal-decision"]');
    await decision.locator('input[name=reason]').fill('重点客户，批准六个月免租');
    await decision.locator('button[value=approve]').click();
    await admin.page.waitForLoadState('load');
    expect(await admin.page.locator('[data-proposal-version="1"]').getAttribute('data-proposal-status')).toBe(
      'approved',
    );

    // The agent sends it; the lead page shows the tenant's link.
    await agent.page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    await agent.page.locator('[data-proposal-version="1"] form[action$="/proposal-send"] button').click();
    await agent.page.waitForLoadState('load');
    const firstLink = await linkOf(agent.page, 1);
    expect(firstLink).toMatch(/\/proposals\/[0-9a-f]{32}\.[0-9a-z]+\.[\w-]{32}$/);

    // The tenant reads it on a phone, in Chinese, without JavaScript, and asks for a change.
    const tenant = await tenantPage();
    const opened = await tenant.page.goto(firstLink, { waitUntil: 'load' });
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['cache-control']).toBe('no-store');
    const text = await tenant.page.locator('main').innerText();
    expect(text).toContain(`${COMPANY} · 租赁报价第 1 版`);
    expect(text).toContain('净有效租金');
    expect(text).toContain('意向金抵扣');
    expect(text).not.toMatch(/pending_approval|approved|sent\b/);
    expect(await tenant.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await tenant.page.screenshot({ path: join(shots, 'deal-desk-2-tenant-phone.png'), fullPage: true });
    await tenant.page.locator('input[name=question][value=changes]').check();
    await tenant.page.locator('textarea[name=message]').fill('免租期能否改为三个月，但首年租金降低一些？');
    await tenant.page.getByRole('button', { name: '发送给招商顾问' }).click();
    await tenant.page.waitForLoadState('load');
    expect(await tenant.page.locator('[role=status]').innerText()).toContain('留言已发给招商顾问');

    // The agent sees the request on the timeline and drafts version 2 within the rules, and sends it.
    await agent.page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    expect(await agent.page.locator('main').innerText()).toContain('免租期能否改为三个月');
    const lower = (Math.round(Number(list) * 100) - 10) / 100;
    await draft(agent.page, { rent: lower.toFixed(2), rentFree: '3', otherTerms: '乙方享有同等条件下的优先续租权。' });
    expect(await agent.page.locator('[data-proposal-version="2"]').getAttribute('data-proposal-status')).toBe('draft');
    await agent.page.locator('[data-proposal-version="2"] form[action$="/proposal-send"] button').click();
    await agent.page.waitForLoadState('load');
    expect(await agent.page.locator('[data-proposal-version="1"]').getAttribute('data-proposal-status')).toBe(
      'superseded',
    );

    // The old link says a newer version exists and offers no acceptance; the tenant follows it and compares.
    await tenant.page.goto(firstLink, { waitUntil: 'load' });
    expect(await tenant.page.locator('form input[name=action][value=accept]').count()).toBe(0);
    await tenant.page.getByRole('link', { name: '查看第 2 版' }).click();
    await tenant.page.waitForLoadState('load');
    const versions = tenant.page.locator('section[aria-labelledby=versions-title]');
    expect(await versions.innerText()).toContain('第 1 版');
    expect(await versions.locator('td.font-semibold').count()).toBeGreaterThan(0);

    // The tenant accepts version 2: name, title, company, the confirmation.
    await tenant.page.locator('input[name=name]').fill('陈晓');
    await tenant.page.locator('input[name=title]').fill('总经理');
    await tenant.page.locator('input[name=confirm]').check();
    await tenant.page.getByRole('button', { name: '接受报价' }).click();
    await tenant.page.waitForLoadState('load');
    expect(await tenant.page.locator('[role=status]').innerText()).toContain('您已接受本报价');
    expect(await tenant.page.locator('[data-testid=proposal-status]').innerText()).toBe('已接受');
    expect(await tenant.page.locator('main').innerText()).toContain('陈晓（总经理');
    await tenant.page.screenshot({ path: join(shots, 'deal-desk-3-accepted.png'), fullPage: true });
    const pdfLink = await tenant.page.getByRole('link', { name: '下载 PDF（中英文）' }).getAttribute('href');
    const pdf = await fetch(new URL(pdfLink!, server.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The lead is 已签约, the deposit credited, the unit leased with its end date on the page, plan and inventory.
    const { rows: leases } = await sql.query('select ends_on::text as end from unit_leases where unit_id = $1', [
      unitId,
    ]);
    expect(leases).toHaveLength(1);
    const end: string = leases[0].end;
    await agent.page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    const lead = await agent.page.locator('main').innerText();
    expect(lead).toContain('已签约');
    expect(lead).toContain('已抵扣租金');
    expect(await agent.page.locator('[data-testid=proposal-acceptance]').innerText()).toContain('陈晓');
    await agent.page.screenshot({ path: join(shots, 'deal-desk-4-lead-signed.png'), fullPage: true });
    const { rows: deposit } = await sql.query('select status from deposits where id = $1', [depositId]);
    expect(deposit[0].status).toBe('credited');
    await agent.page.goto(`${server.url}/console/inventory?building=rd-3`, { waitUntil: 'load' });
    expect(await agent.page.locator(`tr#${unitId} [data-lease-end]`).getAttribute('data-lease-end')).toBe(end);
    expect(await agent.page.locator(`tr#${unitId}`).innerText()).toContain(COMPANY);
    const block = agent.page.locator(`a[href="/units/${unitId}"][data-lease-end]`).first();
    expect(await block.getAttribute('data-lease-end')).toBe(end);
    expect(await block.innerText()).toContain(`至${end.slice(0, 7)}`);
    const unitPage = await (await fetch(`${server.url}/units/${unitId}`)).text();
    expect(unitPage).toContain('已租');

    // The same page in English names everything in English.
    await tenant.page.goto(firstLink.replace('/proposals/', '/en/proposals/'), { waitUntil: 'load' });
    const en = await tenant.page.locator('main').innerText();
    expect(en).toContain('lease proposal, version 1');
    expect(en).toContain('Replaced by a newer version');
    await tenant.page.setViewportSize({ width: 1366, height: 900 });
    await tenant.page.screenshot({ path: join(shots, 'deal-desk-5-en-desktop.png'), fullPage: true });
    await tenant.context.close();
    await agent.context.close();
    await admin.context.close();
  }, 120_000);

  it('refuses a tampered link and answers the PDF of one in words', async () => {
    const response = await fetch(`${server.url}/proposals/${'0'.repeat(32)}.zzzz.${'a'.repeat(32)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('无法打开这份报价');
    const pdf = await fetch(`${server.url}/en/proposals/not-a-token/pdf`);
    expect(pdf.status).toBe(404);
    expect(await pdf.text()).toContain('The link is not valid');
  });
});
