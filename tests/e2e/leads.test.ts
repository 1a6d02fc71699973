import pg from 'pg';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { binaryString } from '../support/binary-string.ts';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import type { RunningServer } from '../support/start-server.ts';

let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;

beforeAll(async () => {
  portal = await startPortalOnPostgres();
  ({ server, browser, sql } = portal);
});
afterAll(() => portal?.stop());
beforeEach(async () => {
  await sql.query('truncate leads, inquiries, notification_outbox, rate_limits cascade');
});

const leadCount = async () => Number((await sql.query('select count(*) from leads')).rows[0].count);

/** Fills the inquiry form as a person would, taking the few seconds a person takes. */
const fillInquiry = (page: Page, email: string, mobile = '') =>
  fillInquiryForm(
    page,
    { companyName: '北斗星图导航科技有限公司', industryTrack: 'navigation', contactName: '王小明', email, mobile },
    { areaMin: '150', message: '希望下周看房' },
  );

describe('sending an inquiry in Chromium', () => {
  it('with JavaScript: stores exactly one lead with its attribution and shows the reference', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/units/r1-0501?utm_source=wechat&utm_campaign=autumn-launch`);
    await page.goto(`${server.url}/units/r1-0502`);
    await page.goto(`${server.url}/units/r1-0501`, { waitUntil: 'networkidle' });
    await fillInquiry(page, 'wang@beidou.example');
    await page.locator('#inquiry button[type=submit]').click();
    const status = page.locator('#inquiry [role=status]');
    await status.waitFor();
    const reference = (await status.textContent())!.match(/AIC-[0-9A-Z]{6}/)![0];
    expect(await leadCount()).toBe(1);
    const { rows } = await sql.query(
      'select l.reference, l.stage, l.lang, l.first_touch, i.unit_ids, i.page_path, i.channel from leads l join inquiries i on i.lead_id = l.id',
    );
    expect(rows).toEqual([
      {
        reference,
        stage: 'new',
        lang: 'zh',
        unit_ids: ['r1-0501'],
        page_path: '/units/r1-0501',
        channel: 'api',
        first_touch: expect.objectContaining({
          utm: { source: 'wechat', campaign: 'autumn-launch' },
          landingPage: '/units/r1-0501?utm_source=wechat&utm_campaign=autumn-launch',
        }),
      },
    ]);
    await context.close();
  });

  it('without JavaScript: the plain form post stores exactly one lead and the page confirms it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/contact?utm_source=partner-portal&utm_medium=referral`);
    await fillInquiry(page, 'ming@stars.example');
    await page.locator('#inquiry [name=unitIds]').fill('r2-0501, r2-0502');
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.locator('#inquiry button[type=submit]').click(),
    ]);
    expect(response?.status()).toBe(200);
    // The acknowledgement: the reference, who will call and by when, and the tour link.
    const ack = (await page.locator('#inquiry [role=status]').textContent()) ?? '';
    expect(ack).toMatch(/We have your inquiry\s*Reference\s*AIC-[0-9A-Z]{6}/);
    expect(ack).toMatch(/\S+ will contact you/);
    expect(ack).toMatch(/By \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(Beijing time\) at the latest/);
    expect(await page.locator('#inquiry a', { hasText: 'Book a tour now' }).getAttribute('href')).toMatch(
      /^\/en\/tours\//,
    );
    expect(await leadCount()).toBe(1);
    const { rows } = await sql.query(
      'select l.lang, l.first_touch, i.unit_ids, i.channel, i.page_path from leads l join inquiries i on i.lead_id = l.id',
    );
    expect(rows[0]).toMatchObject({
      lang: 'en',
      unit_ids: ['r2-0501', 'r2-0502'],
      channel: 'form',
      page_path: '/en/contact',
      first_touch: { utm: { source: 'partner-portal', medium: 'referral' } },
    });
    await context.close();
  });

  it('without JavaScript: a mistake comes back next to its field, in English, with nothing stored', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/buildings/rd-2`);
    await fillInquiry(page, '', '1380013800');
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.locator('#inquiry button[type=submit]').click(),
    ]);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#inquiry #lead-mobile-error').textContent()).toBe(
      'Enter an 11-digit mainland China mobile number',
    );
    expect(await page.locator('#inquiry [name=companyName]').inputValue()).toBe('北斗星图导航科技有限公司');
    expect(await leadCount()).toBe(0);
    await context.close();
  });

  it('with JavaScript: refuses a bad credit code in Chinese before sending anything', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/contact`, { waitUntil: 'networkidle' });
    await fillInquiry(page, 'li@example.com');
    await page.locator('#inquiry [name=creditCode]').fill('91350100M000100Y44');
    await page.locator('#inquiry button[type=submit]').click();
    await expect.poll(() => page.locator('#lead-creditCode-error').textContent()).toContain('统一社会信用代码不正确');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('creditCode');
    expect(await leadCount()).toBe(0);
    await context.close();
  });
});

describe('POST /api/leads with bad input', () => {
  const post = (body: string | Blob, type = 'application/json') =>
    // Browsers send Origin with every POST; Astro refuses form-type posts without a matching one.
    fetch(`${server.url}/api/leads`, { method: 'POST', headers: { 'content-type': type, origin: server.url }, body });

  it('answers a 2 MB body with 413 and stores nothing', async () => {
    const response = await post(JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message.en).toContain('too large');
    expect(await leadCount()).toBe(0);
  });

  it('answers wrong types, wrong content types and broken JSON with field-level 4xx messages', async () => {
    const wrongTypes = await post(
      JSON.stringify({
        companyName: ['x'],
        contactName: 5,
        email: true,
        industryTrack: null,
        consent: 'maybe',
        unitIds: 'r9-0001',
      }),
    );
    expect(wrongTypes.status).toBe(400);
    const body = await wrongTypes.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'companyName',
      'consent',
      'contactName',
      'email',
      'industryTrack',
      'unitIds',
    ]);
    expect(body.errors.find((e: { field: string }) => e.field === 'unitIds').message.zh).toBe(
      '找不到单元“r9-0001”。请从列表中选择，或写出单元名称，如“科研2号楼 1层 102”。',
    );
    expect((await post('hello', 'text/plain')).status).toBe(415);
    expect((await post('{"companyName": ')).status).toBe(400);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect(await leadCount()).toBe(0);
  });

  it('never answers 5xx or shows a stack trace, whatever the body (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json().map((json) => ({ body: json, type: 'application/json' })),
          fc
            .dictionary(
              fc.constantFrom(
                'companyName',
                'contactName',
                'mobile',
                'email',
                'industryTrack',
                'consent',
                'unitIds',
                'tourTimes',
                'areaMin',
                'moveInMonth',
                'message',
                'formToken',
                'website',
              ),
              fc.jsonValue(),
            )
            .map((o) => ({ body: JSON.stringify(o), type: 'application/json' })),
          binaryString.map((s) => ({ body: s, type: 'application/x-www-form-urlencoded' })),
          fc
            .uint8Array({ maxLength: 300 })
            .map((bytes) => ({ body: new Blob([new Uint8Array(bytes)]), type: 'application/json' })),
        ),
        async ({ body, type }) => {
          const response = await post(body, type);
          const text = await response.text();
          expect(response.status).toBeLessThan(500);
          expect(text).not.toMatch(/\n\s+at |node_modules/);
        },
      ),
      { numRuns: 150 },
    );
    expect(await leadCount()).toBe(0);
  });
});
