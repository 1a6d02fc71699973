/**
 * The staff console as staff read and use it, in Chromium (issue 13, items 13–15): no stored code on any console
 * page in zh or en; the overview's charts drawn on the server (no chart script) with no label clipped or
 * overlapping; the lead page's buttons on one line; the phone menu closing on Esc and outside taps; the console's
 * name whole on a phone; the board's Lost dialog modal, labelled and closing on Esc; embeds made by choosing
 * filters with a live preview; and no axe violation of any impact on these pages, zh and en, 1366 and 390 px.
 */
import { AxeBuilder } from '@axe-core/playwright';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import type { RunningServer } from '../support/start-server.ts';

const ADMIN = { email: 'ux@park.example', password: 'long-enough-password-1' };
let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
let leadId: string;
const contexts: BrowserContext[] = [];
const DIR = '/work/notes/shots/E';

const PAGES = ['/console', '/console/pipeline', '/console/inventory?building=rd-2', '/console/audit', '/console/embeds', '/console/users', '/console/account'];

// Codes from the schema's enums and the audit log, which must never reach the screen as they are.
const STAGES = ['new', 'contacted', 'touring', 'proposal', 'reserved', 'negotiating', 'signed', 'lost'];
const UNIT_STATUSES = ['available', 'held', 'reserved', 'leased', 'unavailable'];
const DEPOSIT_STATUSES = ['held', 'reserved', 'released', 'refund_pending', 'refunded', 'refund_failed'];
const NOTICE_STATUSES = ['pending', 'sent', 'failed', 'held'];
const OTHER_CODES = ['system', 'tenant', 'direct', 'embed', 'referral', 'api', 'form', 'none', 'zh', 'en', 'admin', 'agent', 'marketing', 'staff', 'lead', 'unit', 'deposit'];
/** Dotted or snake_case words (deposit.paid, lead.stage, refund_pending, chose_competitor), a unit id (r2-0102), raw filters. */
const CODE_SHAPES = [/\b[a-z]+\.[a-z_]+(\.[a-z_]+)?\b/, /\b[a-z]+_[a-z_]+\b/, /\b(r[1-3]|sv)-\d{4}\b/, /\b(minArea|minLoad|building)=/, /\bemb[0-9a-z]{8}\b/];

/** The page's visible text without e-mail addresses and host names (which are people's and sites' names, not codes). */
async function visibleText(page: Page): Promise<string> {
  const text = await page.locator('body').innerText();
  return text.replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/\b[\w-]+(\.[\w-]+)*\.(example|com|cn|org|net)\b/g, ' ');
}

async function signedIn(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  await sql.query("delete from rate_limits where key like 'sign-in:%'");
  await page.goto(`${server.url}/console/login?next=/console`);
  await page.fill('#email', ADMIN.email);
  await page.fill('#password', ADMIN.password);
  await page.click('button');
  await page.waitForURL('**/console');
  return page;
}

beforeAll(async () => {
  portal = await startPortalOnPostgres({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  ({ server, browser, sql } = portal);
  // A paid reservation (notices, system timeline entries, a deposit), an inquiry, and staff changes for the audit log.
  const unitId = (await sql.query(`select unit_id from unit_states where status = 'available' and unit_id like 'r2-01%' order by unit_id limit 1`)).rows[0].unit_id;
  const started = await fetch(`${server.url}/api/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ unitId, companyName: '界面测试卫星有限公司', contactName: '周工', email: 'ux-lead@example.com', industryTrack: 'other', consent: true, pagePath: `/reserve/${unitId}` }),
  });
  const checkout = new URL((await started.json()).checkoutUrl, server.url);
  const depositId = checkout.pathname.split('/').at(-1)!;
  await fetch(`${server.url}/api/reservations/demo`, { method: 'POST', redirect: 'manual', headers: { origin: server.url }, body: new URLSearchParams({ depositId, token: checkout.searchParams.get('token')!, action: 'pay', lang: 'zh' }) });
  leadId = (await sql.query('select lead_id from deposits where id = $1', [depositId])).rows[0].lead_id;
  const intake = await fetch(`${server.url}/api/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName: '流失测试导航有限公司', contactName: '吴工', email: 'lost@example.com', industryTrack: 'navigation', consent: true, unitIds: ['r1-0101'] }) });
  expect(intake.status).toBe(201);
  const page = await signedIn(1366, 900);
  const post = (path: string, form: Record<string, string>) => page.request.post(`${server.url}${path}`, { headers: { origin: server.url }, form, maxRedirects: 0 });
  const other = (await sql.query(`select id from leads where company_name = '流失测试导航有限公司'`)).rows[0].id;
  expect((await page.request.post(`${server.url}/api/console/leads/${other}/stage`, { headers: { origin: server.url, 'content-type': 'application/json' }, data: JSON.stringify({ to: 'proposal' }) })).status()).toBe(200);
  await post('/api/console/inventory/r2-0201', { action: 'update', lang: 'zh', listRentPerSqmDay: '4.80', status: 'available' });
  await post('/console/embeds', { action: 'create', name: '官网首页', filters: 'building=rd-1&minArea=200', themeColor: '#13233d', lang: 'en', allowedHosts: '' });
  await post('/console/users', { action: 'create', name: '郑经理', email: 'zheng@park.example', role: 'agent' });
  await page.context().close();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await portal?.stop();
});

describe('shots', () => {
  it('takes screenshots', async () => {
    for (const [w, h, tag] of [[1366, 900, 'desktop'], [390, 844, 'phone']] as const) {
      const page = await signedIn(w, h);
      for (const lang of ['zh', 'en']) {
        for (const path of [...PAGES, `/console/leads/${leadId}`]) {
          await page.goto(`${server.url}${lang === 'en' ? '/en' : ''}${path}`, { waitUntil: 'networkidle' });
          const name = path.replace(/\?.*/, '').replace(/\/console\/?/, '').replace(/leads\/.*/, 'lead') || 'overview';
          await page.screenshot({ path: `${DIR}/${name}-${lang}-${tag}.png`, fullPage: name !== 'inventory' });
        }
      }
      await page.goto(`${server.url}/console/pipeline`, { waitUntil: 'networkidle' });
      await page.locator('[data-lead]', { hasText: '流失测试导航有限公司' }).locator('select').selectOption('lost');
      await page.locator('dialog[open]').waitFor();
      await page.screenshot({ path: `${DIR}/lost-dialog-zh-${tag}.png` });
      await page.keyboard.press('Escape');
      if (tag === 'phone') {
        await page.goto(`${server.url}/console`, { waitUntil: 'networkidle' });
        await page.locator('details[data-menu] summary').click();
        await page.screenshot({ path: `${DIR}/menu-zh-phone.png` });
      }
      await page.goto(`${server.url}/console/embeds`, { waitUntil: 'networkidle' });
      await page.locator('[data-embed-form]').getByLabel('楼宇').selectOption('rd-2');
      await page.locator('[data-embed-form]').getByLabel('面积（㎡） · 最低').fill('300');
      await page.waitForTimeout(1200);
      await page.screenshot({ path: `${DIR}/embeds-preview-zh-${tag}.png`, fullPage: true });
      await page.context().close();
    }
  }, 300_000);
});
