/**
 * The lead page as staff read it: every stored code (notice events, channels, statuses, stage reasons, actors,
 * inquiry channels, page paths, unit ids) in words of the page's language; and a refund that needs a reason and
 * a confirmation, says what happened, and records the chosen reason in the audit log.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAvailableUnits } from '../support/available-units.ts';
import { payDemoReservation } from '../support/portal-api.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { signInPage } from '../support/sign-in-page.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
let unitId: string;
let leadId: string;
let depositId: string;

beforeAll(async () => {
  // No Stripe keys: the demo gateway, whose pay button runs the real fulfilment (stage change, notices).
  ({ server, browser, sql } = portal = await startPortalOnPostgres(adminEnv(ADMIN)));
  unitId = (await findAvailableUnits(sql, 'r2-01'))[0]!;
  depositId = await payDemoReservation(server.url, unitId, {
    companyName: '标签测试卫星有限公司',
    contactName: '孙工',
    email: 'labels@example.com',
  });
  leadId = (await sql.query('select lead_id from deposits where id = $1', [depositId])).rows[0].lead_id;
});
afterAll(() => portal?.stop());

async function signedInPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInPage(page, server.url, sql, ADMIN);
  return page;
}

/** What a person sees of the lead page's main content. */
const visibleText = (page: Page) => page.locator('main').innerText();

describe('the lead page', () => {
  it('names every code in words, in Chinese and in English, and units by building, floor and number', async () => {
    const notices = (await sql.query('select event, status from notification_outbox where lead_id = $1', [leadId]))
      .rows;
    expect(notices.map((n) => n.event)).toContain('deposit.paid');
    const page = await signedInPage();
    await page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    const zh = await visibleText(page);
    for (const code of [
      /deposit\.paid/,
      /lead\.created/,
      /deposit_paid/,
      /\b(none|held|pending|system|tenant|api|form|erase)\b/,
      /\/reserve\//,
      new RegExp(unitId),
    ])
      expect(zh).not.toMatch(code);
    expect(zh).toContain('意向金已支付 · 未配置通知渠道');
    expect(zh).toContain('租户支付了意向金');
    expect(zh).toContain(`预订页 · `);
    expect(zh).toMatch(/\S+楼 \d+层 \S+ · ¥/);
    expect(zh).toContain('请输入“删除”确认');

    await page.goto(`${server.url}/en/console/leads/${leadId}`, { waitUntil: 'load' });
    const en = await visibleText(page);
    for (const code of [
      /deposit\.paid/,
      /lead\.created/,
      /deposit_paid/,
      /\b(none|held|pending|api)\b/,
      /· (system|tenant)\b/,
      /\/reserve\//,
      new RegExp(unitId),
    ])
      expect(en).not.toMatch(code);
    expect(en).toContain('Deposit paid · no notice channel set up');
    expect(en).toContain('Reservation page · ');
    expect(en).toMatch(/Level \d+ \S+/);
    await page.context().close();
  });

  it('refuses to erase from the Chinese page with the English word', async () => {
    const page = await signedInPage();
    // The form posted without JavaScript gets the lead page again, saying why, with the refusal's status.
    const response = await page.request.post(`${server.url}/api/console/leads/${leadId}/erase`, {
      headers: { origin: server.url, accept: 'text/html' },
      form: { confirm: 'erase', lang: 'zh' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain('未删除：请输入确认词“删除”。');
    const json = await page.request.post(`${server.url}/api/console/leads/${leadId}/erase`, {
      headers: { origin: server.url },
      data: { confirm: 'erase', lang: 'zh' },
    });
    expect(json.status()).toBe(400);
    expect(await json.json()).toMatchObject({
      error: { code: 'erase_confirm', message: { en: expect.any(String) } },
      errors: [],
    });
    expect((await sql.query('select company_name from leads where id = $1', [leadId])).rows[0].company_name).toBe(
      '标签测试卫星有限公司',
    );
    await page.context().close();
  });

  it('refunds only with a reason staff chose and a confirmation, says what happened, and audits that reason', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    const form = page.locator('[data-refund-form]');
    expect(await form.innerText()).toMatch(/退还 ¥[\d,]+/);
    // Without a reason (the browser's own check taken away, as an old page or a script would): refused, nothing refunded.
    await form.locator('select[name=reason]').evaluate((select) => select.removeAttribute('required'));
    await form.locator('input[name=confirm]').check();
    // The lead page again, at the form's address, with the refusal's message and status.
    const [refused] = await Promise.all([
      page.waitForResponse(`${server.url}/api/console/deposits/${depositId}/refund`),
      form.getByRole('button').click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.waitForURL(new RegExp(`/api/console/deposits/${depositId}/refund$`));
    expect(await page.getByTestId('lead-error').innerText()).toBe('未退款：请选择退款原因。');
    const status = async () =>
      (await sql.query('select status from deposits where id = $1', [depositId])).rows[0].status;
    expect(await status()).toBe('reserved');
    // An API caller gets 400 for a missing or unknown reason, and for a missing confirmation.
    const api = (body: Record<string, string>) =>
      page.request.post(`${server.url}/api/console/deposits/${depositId}/refund`, {
        headers: { origin: server.url, 'content-type': 'application/json' },
        data: JSON.stringify(body),
      });
    for (const body of [{}, { reason: 'because', confirm: 'yes' }, { reason: 'duplicate' }] as Record<string, string>[])
      expect((await api(body)).status()).toBe(400);
    expect(await (await api({ confirm: 'yes' })).json()).toMatchObject({
      error: {
        code: 'refund_reason',
        message: { zh: '未退款：请选择退款原因。', en: 'Not refunded: choose a reason for the refund.' },
      },
    });
    expect(await status()).toBe('reserved');

    await page.locator('[data-refund-form] select[name=reason]').selectOption('unit_unavailable');
    await page.locator('[data-refund-form] input[name=confirm]').check();
    await page.locator('[data-refund-form]').getByRole('button').click();
    await page.waitForURL(/refund=refunded/);
    expect(await page.getByTestId('refund-outcome').innerText()).toMatch(/^已退还 ¥[\d,]+\.\d{2}。$/);
    expect(await status()).toBe('refunded');
    const audit = (
      await sql.query(`select after from audit_log where action = 'deposit.refund' and entity_id = $1`, [depositId])
    ).rows;
    expect(audit).toEqual([{ after: { status: 'refunded', reason: 'unit_unavailable' } }]);
    expect(await visibleText(page)).toContain('单元无法交付');
    await page.context().close();
  });

  it('erases from the Chinese page with the word it asks for, 删除', async () => {
    const companyName = async () =>
      (await sql.query('select company_name from leads where id = $1', [leadId])).rows[0].company_name;
    expect(await companyName()).toBe('标签测试卫星有限公司');
    const page = await signedInPage();
    await page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
    await page.getByRole('textbox', { name: '删除此人的个人信息' }).fill('删除');
    await page.getByRole('button', { name: '永久删除' }).click();
    await page.waitForURL(new RegExp(`/console/leads/${leadId}$`));
    expect(await companyName()).not.toBe('标签测试卫星有限公司');
    await page.context().close();
  });
});
