/**
 * Embeds on a partner site: a plain page on a second localhost origin embeds two widgets with /embed.js; both
 * render and fit their content, a click-through inquiry stores a lead attributed to the embed, and the
 * console counts it. Framing rules are checked in the same browser.
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { startPartnerSite, type PartnerSite } from '../support/partner-site.ts';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

const MARKETER = { email: 'market@park.example', password: 'marketing-password-1' };
let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
let partner: PartnerSite;
let partnerUrl: string;
let pages: Record<string, string>;

beforeAll(async () => {
  ({ server, browser, sql } = portal = await startPortalOnPostgres(adminEnv(MARKETER)));
  partner = await startPartnerSite();
  partnerUrl = partner.url;
  pages = partner.pages;
});
afterAll(async () => {
  await partner?.close();
  await portal?.stop();
});

const signIn = () => signInCookie(server.url, MARKETER);

async function createEmbed(cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/console/embeds`, {
    method: 'POST',
    headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'create', ...fields }),
  });
}

/** Waits until a widget frame has units or a message, and returns its frame and element heights. */
async function widget(page: Page, selector: string) {
  const frameElement = page.locator(`${selector} iframe`);
  await frameElement.scrollIntoViewIfNeeded();
  const frame = page.frameLocator(`${selector} iframe`);
  await frame.locator('[data-embed-unit], [data-embed-message]').first().waitFor();
  await page.waitForFunction(
    (s) => document.querySelector<HTMLIFrameElement>(`${s} iframe`)!.style.height !== '360px',
    selector,
  );
  const frameHeight = await frameElement.evaluate((el) => el.getBoundingClientRect().height);
  const contentHeight = await frame.locator('html').evaluate((el) => el.getBoundingClientRect().height);
  return { frame, frameHeight, contentHeight };
}

describe('embedded listings', () => {
  let embedId = '';

  it('refuses a bad embed in the console with a reason, then creates one', async () => {
    const cookie = await signIn();
    const bad = await createEmbed(cookie, {
      name: 'Partner',
      filters: 'minArea=lots',
      themeColor: '#0a7b5c',
      lang: 'zh',
      allowedHosts: '',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('筛选条件无效');
    const badHost = await createEmbed(cookie, {
      name: 'Partner',
      filters: '',
      themeColor: '#0a7b5c',
      lang: 'zh',
      allowedHosts: 'partner.example.com\nhttps://bad/path',
    });
    expect(badHost.status).toBe(400);
    expect(await badHost.text()).toContain('网站域名格式有误');
    const ok = await createEmbed(cookie, {
      name: '合作伙伴门户',
      filters: 'minArea=100',
      themeColor: '#0a7b5c',
      lang: 'zh',
      allowedHosts: '',
    });
    expect(ok.status).toBe(200);
    const { rows } = await sql.query<{ id: string }>("select id from embeds where name = '合作伙伴门户'");
    embedId = rows[0]!.id;
    expect(embedId).toMatch(/^emb[0-9a-z]{8}$/);
  });

  it('renders two widgets on a partner page, sizes each to its content, and attributes a click-through inquiry', async () => {
    pages['/two.html'] = `<!doctype html><meta charset="utf-8"><title>Partner</title><body style="margin:0">
      <h1>Partner portal</h1>
      <div id="a" data-park-listings data-embed="${embedId}" data-limit="2"><noscript><a href="${server.url}/units">Spaces</a></noscript></div>
      <div id="b" data-park-listings data-lang="en" data-max-area="300" data-limit="3"></div>
      <script src="${server.url}/embed.js" async></script>`;
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${partnerUrl}/two.html`);
    const a = await widget(page, '#a');
    const b = await widget(page, '#b');
    for (const w of [a, b]) {
      expect(Math.abs(w.frameHeight - w.contentHeight)).toBeLessThanOrEqual(2);
      expect(w.frameHeight).toBeGreaterThan(100);
    }
    expect(await a.frame.locator('[data-embed-unit]').count()).toBe(2);
    expect(await b.frame.locator('[data-embed-unit]').count()).toBeGreaterThan(0);
    expect(await b.frame.locator('h1').textContent()).toBe('Available spaces');
    // The frame on a phone: narrower, taller, still fitted.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect
      .poll(async () => {
        const narrow = await widget(page, '#a');
        return Math.abs(narrow.frameHeight - narrow.contentHeight) <= 2 && narrow.frameHeight > a.frameHeight;
      })
      .toBe(true);

    const inquire = a.frame.locator('[data-embed-inquire]').first();
    const unitId = await a.frame.locator('[data-embed-unit]').first().getAttribute('data-embed-unit');
    const [inquiry] = await Promise.all([page.context().waitForEvent('page'), inquire.click()]);
    await inquiry.waitForLoadState();
    const url = new URL(inquiry.url());
    expect(url.searchParams.get('embed')).toBe(embedId);
    expect(url.searchParams.get('embed_host')).toBe(new URL(partnerUrl).host);
    expect(url.searchParams.get('utm_medium')).toBe('embed');
    await fillInquiryForm(
      inquiry,
      {
        companyName: '星河遥感科技有限公司',
        industryTrack: 'navigation',
        contactName: '李华',
        email: 'li@xinghe.example',
      },
      { areaMin: '150', message: '想了解这个单元' },
    );
    await inquiry.locator('#inquiry button[type=submit]').click();
    await inquiry
      .locator('#inquiry [role=status]')
      .waitFor()
      .catch(async (error) => {
        await inquiry.screenshot({ path: 'screenshots/embed-inquiry-failure.png', fullPage: true });
        throw error;
      });
    const { rows } = await sql.query<{
      first: { embed?: { id: string; host?: string }; utm?: Record<string, string> };
      units: string[];
    }>(
      "select l.first_touch as first, i.unit_ids as units from leads l join inquiries i on i.lead_id = l.id where l.email = 'li@xinghe.example'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.first.embed).toEqual({ id: embedId, host: new URL(partnerUrl).host });
    expect(rows[0]!.units).toContain(unitId);
    await page.close();
    await inquiry.close();
  });

  it('shows the views, clicks and leads of the embed in the console', async () => {
    const cookie = await signIn();
    const html = await (await fetch(`${server.url}/console/embeds`, { headers: { cookie } })).text();
    const row = html.slice(html.indexOf(`data-embed-row="${embedId}"`));
    const stat = (name: string) =>
      Number(new RegExp(`data-stat="${name}"[^>]*>([\\d,]+)<`).exec(row)![1]!.replace(/,/g, ''));
    expect(stat('views')).toBeGreaterThanOrEqual(1);
    expect(stat('clicks')).toBe(1);
    expect(stat('leads')).toBe(1);
    expect(stat('reservations')).toBe(0);
  });

  it('explains bad filters in data attributes instead of breaking, and mounts widgets added later', async () => {
    pages['/spa.html'] = `<!doctype html><meta charset="utf-8"><title>SPA</title><body>
      <div id="bad" data-park-listings data-min-area="abc" data-lang="en"></div>
      <div id="app"></div>
      <script src="${server.url}/embed.js" async></script>
      <script>setTimeout(() => { document.getElementById('app').innerHTML = '<div id="late" data-park-listings data-building="nowhere"></div>'; }, 400);</script>`;
    const page = await browser.newPage();
    await page.goto(`${partnerUrl}/spa.html`);
    const bad = await widget(page, '#bad');
    expect(await bad.frame.locator('[data-embed-message]').textContent()).toMatch(/Minimum area/);
    expect(await bad.frame.locator('[data-embed-unit]').count()).toBe(0);
    await page.locator('#late iframe').waitFor({ state: 'attached' });
    const late = await widget(page, '#late');
    expect(await late.frame.locator('[data-embed-message]').textContent()).toContain('筛选条件有误');
    await page.close();
  });

  it('lets any site frame /embed/ pages but no site frame the others', async () => {
    pages['/frames.html'] = `<!doctype html><meta charset="utf-8"><body>
      <iframe id="unit" src="${server.url}/units/r1-0807"></iframe>
      <iframe id="embed" src="${server.url}/embed/units/r1-0807"></iframe>`;
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${partnerUrl}/frames.html`, { waitUntil: 'load' });
    await page.frameLocator('#embed').locator('[data-embed-unit="r1-0807"]').waitFor();
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain("frame-ancestors 'none'");
    const unitFrame = page
      .frames()
      .find((f) => f.name() === '' && f !== page.mainFrame() && !f.url().includes('/embed/'));
    expect(unitFrame).toBeDefined();
    expect(await unitFrame!.locator('#main').count()).toBe(0);
    await page.close();
  });
});
