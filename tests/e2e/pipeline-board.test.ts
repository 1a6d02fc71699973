import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES } from '../../src/lib/pipeline.ts';
import { sendInquiry } from '../support/portal-api.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { signInPage } from '../support/sign-in-page.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

const ADMIN = { email: 'board@park.example', password: 'long-enough-password-1' };
let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
let context: BrowserContext;

/** Sends an inquiry through the public API and returns the lead's reference. */
const newLead = (companyName: string, email: string, mobile?: string) =>
  sendInquiry(server.url, { companyName, email, mobile });

async function openBoard(width: number, height: number, query = '', prefix = ''): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${server.url}${prefix}/console/pipeline${query}`);
  await page.waitForSelector('div[data-stage="new"]');
  // Astro drops the island's `ssr` attribute once React has hydrated it: clicks before that would do nothing.
  await page.waitForSelector('astro-island:not([ssr])');
  return page;
}

beforeAll(async () => {
  ({ server, browser, sql } = portal = await startPortalOnPostgres(adminEnv(ADMIN)));
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signInPage(page, server.url, sql, ADMIN);
  await page.close();
});
afterAll(async () => {
  await context?.close();
  await portal?.stop();
});

describe('the pipeline board in Chromium', () => {
  it('at 1366×900 shows every stage header or a visible control that scrolls to it', async () => {
    const page = await openBoard(1366, 900);
    // The compact mode fits all eight columns side by side at 1366 px.
    await page.getByRole('button', { name: '紧凑' }).click();
    await page.waitForSelector('button[aria-pressed="true"]');
    for (const stage of STAGES) {
      const box = await page.locator(`div[data-stage="${stage}"] h2`).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    }
    await page.getByRole('button', { name: '紧凑' }).click();
    for (const stage of STAGES) {
      const header = page.locator(`div[data-stage="${stage}"] h2`);
      if ((await header.isVisible()) && (await header.boundingBox())!.x + 40 <= 1366) continue;
      const link = page.locator(`[data-stage-link="${stage}"]`);
      expect(await link.isVisible()).toBe(true);
      await link.click();
      await expect
        .poll(async () => {
          const box = await header.boundingBox();
          return box !== null && box.x >= 0 && box.x + box.width <= 1366;
        })
        .toBe(true);
    }
    await page.close();
  });

  it('on a 390 px phone the page is never wider than the screen: the board scrolls in its own region', async () => {
    await newLead('很长很长的手机宽度测试航天科技有限公司名称', 'phone@example.com');
    // A campaign with a long name becomes a long option in the source filter.
    await sql.query(
      `update leads set first_touch = '{"utm":{"source":"wechat-official-account-spring-aerospace-campaign-2026"}}'::jsonb`,
    );
    const page = await openBoard(390, 844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('[data-stage-link="lost"]').isVisible()).toBe(true);
    await page.close();
  });

  it('moves a lead, updating both columns’ counts and weighted totals without a reload, and announces it', async () => {
    await sql.query('delete from leads');
    const reference = await newLead('计数测试卫星有限公司', 'count@example.com');
    // Every new lead gets an owner at once (the administrator, with no agents); this one is given back.
    await sql.query('update leads set owner_id = null');
    const page = await openBoard(1600, 1000);
    expect(await page.locator('div[data-stage="new"] header span').textContent()).toBe('1');
    expect(await page.locator('div[data-stage="new"] header p').textContent()).not.toBe('加权 ¥0.00');
    // A lead nobody owns yet says so in words, not with a dash.
    expect(await page.locator(`[data-lead="${reference}"]`).innerText()).toContain('未分配');
    const summaryBefore = await page.locator('[data-testid=board-summary]').textContent();
    await page.selectOption(`[data-lead="${reference}"] select`, 'touring');
    await page.locator(`div[data-stage="touring"] [data-lead="${reference}"]`).waitFor();
    // The page's weighted open pipeline follows too (Touring weighs more than New).
    expect(await page.locator('[data-testid=board-summary]').textContent()).not.toBe(summaryBefore);
    expect(await page.locator('[data-testid=board-summary]').textContent()).toContain('共 1 条线索');
    expect(await page.locator('div[data-stage="new"] header span').textContent()).toBe('0');
    expect(await page.locator('div[data-stage="touring"] header span').textContent()).toBe('1');
    // The emptied column's weighted total is zero at once; the other one took the lead's value.
    expect(await page.locator('div[data-stage="new"] header p').textContent()).toBe('加权 ¥0.00');
    expect(await page.locator('div[data-stage="touring"] header p').textContent()).not.toBe('加权 ¥0.00');
    expect(await page.locator('[data-testid=board-announcement]').textContent()).toBe(
      '计数测试卫星有限公司 已移到“带看”',
    );
    await page.close();
  });

  it('refuses a drag into Reserved with the reason, on screen and in the live region', async () => {
    const reference = await newLead('锁定测试导航有限公司', 'reserve@example.com');
    const page = await openBoard(1600, 1000);
    await page.locator(`[data-lead="${reference}"]`).dragTo(page.locator('div[data-stage="reserved"]'));
    expect(await page.getByRole('alert').textContent()).toContain('“已锁定”只能由已支付的意向金进入');
    expect(await page.locator('[data-testid=board-announcement]').textContent()).toContain(
      '锁定测试导航有限公司 未移动',
    );
    expect((await sql.query('select stage from leads where reference = $1', [reference])).rows[0].stage).toBe('new');
    const refused = await page.evaluate(
      async (id) =>
        (
          await fetch(`/api/console/leads/${id}/stage`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ to: 'reserved' }),
          })
        )
          .json()
          .then((b) => b.error.code),
      (await sql.query('select id from leads where reference = $1', [reference])).rows[0].id,
    );
    expect(refused).toBe('reserved_by_deposit');
    await page.close();
  });

  it('asks before moving a lead with a paid deposit out of Reserved, naming the amount, and moves it only when told to keep it', async () => {
    const reference = await newLead('意向金测试遥感有限公司', 'paid@example.com');
    const {
      rows: [lead],
    } = await sql.query("update leads set stage = 'reserved' where reference = $1 returning id", [reference]);
    await sql.query(
      "insert into deposits (unit_id, lead_id, status, mode, amount_fen, currency, expires_at, paid_at) values ('r1-0101', $1, 'reserved', 'demo', 500000, 'cny', now(), now())",
      [lead.id],
    );
    const page = await openBoard(1600, 1000);
    await page.selectOption(`[data-lead="${reference}"] select`, 'proposal');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/5,000|5000/);
    expect((await sql.query('select stage from leads where id = $1', [lead.id])).rows[0].stage).toBe('reserved');
    await dialog.getByRole('button', { name: '保留意向金并移动' }).click();
    await page.locator(`div[data-stage="proposal"] [data-lead="${reference}"]`).waitFor();
    expect((await sql.query('select stage from leads where id = $1', [lead.id])).rows[0].stage).toBe('proposal');
    await page.close();
  });

  it('finds leads by company, reference or mobile', async () => {
    const wanted = await newLead('搜索目标测控有限公司', 'search@example.com', '13912345678');
    const other = await newLead('别的公司', 'other@example.com');
    for (const q of ['搜索目标', wanted, '139 1234 5678']) {
      const page = await openBoard(1600, 1000, `?q=${encodeURIComponent(q)}`);
      expect(await page.locator(`[data-lead="${wanted}"]`).count()).toBe(1);
      expect(await page.locator(`[data-lead="${other}"]`).count()).toBe(0);
      await page.close();
    }
  });
});
