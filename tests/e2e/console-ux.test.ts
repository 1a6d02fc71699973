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
import { findAvailableUnits } from '../support/available-units.ts';
import { payDemoReservation, postLead } from '../support/portal-api.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { signInPage } from '../support/sign-in-page.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

const ADMIN = { email: 'ux@park.example', password: 'long-enough-password-1' };
let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
let leadId: string;
const contexts: BrowserContext[] = [];

const PAGES = [
  '/console',
  '/console/pipeline',
  '/console/inventory?building=rd-2',
  '/console/audit',
  '/console/embeds',
  '/console/users',
  '/console/account',
];

// Codes from the schema's enums and the audit log, which must never reach the screen as they are.
const STAGES = ['new', 'contacted', 'touring', 'proposal', 'reserved', 'negotiating', 'signed', 'lost'];
const UNIT_STATUSES = ['available', 'held', 'reserved', 'leased', 'unavailable'];
const DEPOSIT_STATUSES = ['held', 'reserved', 'released', 'refund_pending', 'refunded', 'refund_failed'];
const NOTICE_STATUSES = ['pending', 'sent', 'failed', 'held'];
const OTHER_CODES = [
  'system',
  'tenant',
  'direct',
  'embed',
  'referral',
  'api',
  'form',
  'none',
  'zh',
  'en',
  'admin',
  'agent',
  'marketing',
  'staff',
  'lead',
  'unit',
  'deposit',
];
/** Dotted or snake_case words (deposit.paid, lead.stage, refund_pending, chose_competitor), a unit id (r2-0102), raw filters. */
const CODE_SHAPES = [
  /\b[a-z]+\.[a-z_]+(\.[a-z_]+)?\b/,
  /\b[a-z]+_[a-z_]+\b/,
  /\b(r[1-3]|sv)-\d{4}\b/,
  /\b(minArea|minLoad|building)=/,
  /\bemb[0-9a-z]{8}\b/,
];

/** The page's visible text without e-mail addresses and host names (which are people's and sites' names, not codes). */
async function visibleText(page: Page): Promise<string> {
  const text = await page.locator('body').innerText();
  return text.replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/\b[\w-]+(\.[\w-]+)*\.(example|com|cn|org|net)\b/g, ' ');
}

async function signedIn(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  await signInPage(page, server.url, sql, ADMIN);
  return page;
}

beforeAll(async () => {
  ({ server, browser, sql } = portal = await startPortalOnPostgres(adminEnv(ADMIN)));
  // A paid reservation (notices, system timeline entries, a deposit), an inquiry, and staff changes for the audit log.
  const [unitId] = await findAvailableUnits(sql, 'r2-01');
  const depositId = await payDemoReservation(server.url, unitId!, {
    companyName: '界面测试卫星有限公司',
    contactName: '周工',
    email: 'ux-lead@example.com',
  });
  leadId = (await sql.query('select lead_id from deposits where id = $1', [depositId])).rows[0].lead_id;
  const intake = await postLead(server.url, {
    companyName: '流失测试导航有限公司',
    contactName: '吴工',
    email: 'lost@example.com',
    industryTrack: 'navigation',
    consent: true,
    unitIds: ['r1-0101'],
  });
  expect(intake.status).toBe(201);
  const page = await signedIn(1366, 900);
  const post = (path: string, form: Record<string, string>) =>
    page.request.post(`${server.url}${path}`, { headers: { origin: server.url }, form, maxRedirects: 0 });
  const other = (await sql.query(`select id from leads where company_name = '流失测试导航有限公司'`)).rows[0].id;
  expect(
    (
      await page.request.post(`${server.url}/api/console/leads/${other}/stage`, {
        headers: { origin: server.url, 'content-type': 'application/json' },
        data: JSON.stringify({ to: 'proposal' }),
      })
    ).status(),
  ).toBe(200);
  await post('/api/console/inventory/r2-0201', {
    action: 'update',
    lang: 'zh',
    listRentPerSqmDay: '4.80',
    status: 'available',
  });
  await post('/console/embeds', {
    action: 'create',
    name: '官网首页',
    filters: 'building=rd-1&minArea=200',
    themeColor: '#13233d',
    lang: 'en',
    allowedHosts: '',
  });
  await post('/console/users', { action: 'create', name: '郑经理', email: 'zheng@park.example', role: 'agent' });
  await page.context().close();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await portal?.stop();
});

describe('the console in words (item 13)', () => {
  it('shows no stored code on any console page, in Chinese or English', async () => {
    const page = await signedIn(1366, 900);
    expect((await sql.query('select count(*)::int as n from audit_log')).rows[0].n).toBeGreaterThanOrEqual(4);
    for (const lang of ['zh', 'en'] as const) {
      for (const path of [...PAGES, `/console/leads/${leadId}`]) {
        await page.goto(`${server.url}${lang === 'en' ? '/en' : ''}${path}`, { waitUntil: 'load' });
        const text = await visibleText(page);
        const words =
          lang === 'zh'
            ? [...STAGES, ...UNIT_STATUSES, ...DEPOSIT_STATUSES, ...NOTICE_STATUSES, ...OTHER_CODES]
            : ['system', 'direct', 'held', 'none', 'pending', 'zh', 'en', 'api', 'refund_pending'];
        const loose = words.filter((w) => new RegExp(`(^|[^A-Za-z_.-])${w}($|[^A-Za-z_.-])`, 'm').test(text));
        expect(loose, `${lang} ${path}`).toEqual([]);
        for (const shape of CODE_SHAPES) expect(text, `${lang} ${path}`).not.toMatch(shape);
        // Nor in what a form field shows (a unit field prefilled with ids, say); the embed snippet to paste is code.
        const values = await page
          .locator('main input:not([type=hidden]), main textarea:not([readonly])')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        expect(
          values.filter((v) => /\b(r[1-3]|sv)-\d{4}\b/.test(v)),
          `${lang} ${path}`,
        ).toEqual([]);
      }
    }
    await page.goto(`${server.url}/console/audit`, { waitUntil: 'load' });
    const audit = await page.getByTestId('audit').innerText();
    expect(audit).toContain('移动线索阶段');
    expect(audit).toContain('阶段: 新线索 → 报价');
    expect(audit).toContain('科研2号楼 2层 201');
    expect(audit).toContain('新建嵌入');
    await page.goto(`${server.url}/en/console/audit`, { waitUntil: 'load' });
    expect(await page.getByTestId('audit').innerText()).toContain('Stage: New → Proposal');
  });
});

describe('the overview (item 14)', () => {
  it('draws its charts on the server: no chart script, every label inside its chart and none overlapping another', async () => {
    for (const [width, lang] of [
      [1366, 'zh'],
      [1366, 'en'],
      [390, 'zh'],
      [390, 'en'],
    ] as const) {
      const page = await signedIn(width, 900);
      const scripts: string[] = [];
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'script') scripts.push(await response.text().catch(() => ''));
      });
      await page.goto(`${server.url}${lang === 'en' ? '/en' : ''}/console`, { waitUntil: 'networkidle' });
      expect(
        scripts.some((s) => /echarts|zrender/i.test(s)),
        `${lang} ${width}`,
      ).toBe(false);
      expect(errors, `console errors ${lang} ${width}`).toEqual([]);
      expect(scripts.reduce((sum, s) => sum + s.length, 0)).toBeLessThan(20_000);
      const charts = page.getByTestId('dashboard-charts').locator('svg');
      expect(await charts.count()).toBe(3);
      // No <style> inside the drawings: the Content-Security-Policy would refuse it.
      expect(await page.getByTestId('dashboard-charts').locator('style').count()).toBe(0);
      const problems = await charts.evaluateAll((svgs) =>
        svgs.flatMap((svg, i) => {
          const view = (svg as SVGSVGElement).viewBox.baseVal;
          const boxes = [...svg.querySelectorAll('text')]
            .filter((t) => t.textContent?.trim())
            .map((t) => {
              // The box in the svg's own units, transforms included.
              const b = t.getBBox();
              const m = t.getCTM()!;
              const root = (svg as SVGSVGElement).getCTM()!.inverse();
              const toSvg = (x: number, y: number) => new DOMPoint(x, y).matrixTransform(m).matrixTransform(root);
              const a = toSvg(b.x, b.y);
              const c = toSvg(b.x + b.width, b.y + b.height);
              return { text: t.textContent!, x: a.x, y: a.y, right: c.x, bottom: c.y };
            });
          const clipped = boxes
            .filter((b) => b.x < -0.5 || b.y < -0.5 || b.right > view.width + 0.5 || b.bottom > view.height + 0.5)
            .map((b) => `chart ${i} clips “${b.text}”`);
          const overlapping = boxes.flatMap((a, j) =>
            boxes
              .slice(j + 1)
              .filter((b) => a.x < b.right - 1 && b.x < a.right - 1 && a.y < b.bottom - 1 && b.y < a.bottom - 1)
              .map((b) => `chart ${i}: “${a.text}” overlaps “${b.text}”`),
          );
          return [...clipped, ...overlapping];
        }),
      );
      expect(problems, `${lang} ${width}`).toEqual([]);
      // The numbers stay readable as tables.
      expect(await page.locator('#funnel-title + table tbody tr').count()).toBe(7);
      await page.context().close();
    }
  });
});

describe('small things staff stumble on (item 15)', () => {
  it('keeps the lead page’s assign, refund and merge buttons on one line at 1366 and 390 px', async () => {
    for (const width of [1366, 390]) {
      const page = await signedIn(width, 900);
      await page.goto(`${server.url}/console/leads/${leadId}`, { waitUntil: 'load' });
      const buttons = page.locator('[data-lead-action]');
      expect(await buttons.count()).toBe(3);
      const heights = await buttons.evaluateAll((els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          const oneLine =
            parseFloat(s.lineHeight) +
            parseFloat(s.paddingTop) +
            parseFloat(s.paddingBottom) +
            parseFloat(s.borderTopWidth) +
            parseFloat(s.borderBottomWidth);
          return { text: el.textContent, height: el.getBoundingClientRect().height, oneLine };
        }),
      );
      for (const h of heights) expect(h.height, `${width}px ${h.text}`).toBeLessThanOrEqual(h.oneLine + 2);
      await page.context().close();
    }
  });

  it('closes the phone menus on Esc and on a tap outside, and shows the console’s whole name on a phone', async () => {
    const page = await signedIn(390, 844);
    for (const path of ['/console', '/']) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      const menu = page.locator('details[data-menu]').first();
      await menu.locator('summary').click();
      expect(await menu.getAttribute('open')).not.toBeNull();
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('open'), `Esc on ${path}`).toBeNull();
      expect(await menu.locator('summary').evaluate((s) => s === document.activeElement)).toBe(true);
      await menu.locator('summary').click();
      expect(await menu.getAttribute('open')).not.toBeNull();
      await page.mouse.click(20, 600);
      expect(await menu.getAttribute('open'), `outside tap on ${path}`).toBeNull();
    }
    for (const lang of ['', '/en']) {
      await page.goto(`${server.url}${lang}/`, { waitUntil: 'load' });
      const siteName = page.getByTestId('site-name');
      const isWhole = await siteName.evaluate(
        (el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
      );
      expect(isWhole, `public site name on a phone ${lang || 'zh'}`).toBe(true);
      await page.goto(`${server.url}${lang}/console`, { waitUntil: 'load' });
      const name = page.getByTestId('console-site-name');
      const fits = await name.evaluate(
        (el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
      );
      expect(fits, `console name on a phone ${lang || 'zh'}`).toBe(true);
      expect(
        await page.evaluate(() => document.querySelector('body > div > header')!.scrollWidth <= window.innerWidth),
      ).toBe(true);
    }
  });

  it('asks why a lead is lost in a modal dialog with a labelled reason, which Esc closes, giving focus back', async () => {
    const page = await signedIn(1366, 900);
    await page.goto(`${server.url}/console/pipeline`, { waitUntil: 'load' });
    await page.waitForSelector('astro-island:not([ssr])');
    const select = page.locator('[data-lead]', { hasText: '流失测试导航有限公司' }).locator('select');
    await select.focus();
    await select.selectOption('lost');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await page.getByRole('combobox', { name: '流失原因' }).isVisible()).toBe(true);
    // Focus never reaches the page behind the modal dialog (past its last control it leaves for the browser's own UI).
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => {
          const el = document.activeElement;
          return !el || el === document.body || Boolean(el.closest('dialog'));
        }),
      ).toBe(true);
    }
    const axe = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog').count()).toBe(0);
    expect(await select.evaluate((s) => s === document.activeElement)).toBe(true);
    expect((await sql.query(`select stage from leads where company_name = '流失测试导航有限公司'`)).rows[0].stage).toBe(
      'proposal',
    );
  });

  it('makes an embed by choosing filters, previews the matching units live, and stores the filter', async () => {
    const page = await signedIn(1366, 900);
    await page.goto(`${server.url}/console/embeds`, { waitUntil: 'load' });
    const form = page.locator('[data-embed-form]');
    await form.getByLabel('名称').fill('两百平以上 · 科研2号楼');
    const count = page.locator('[data-preview-count]');
    const before = await count.innerText();
    await form.getByLabel('楼宇').selectOption('rd-2');
    await form.getByLabel('面积（㎡） · 最低').fill('300');
    await form.getByLabel('楼板荷载不低于 (kN/m²)').fill('5');
    const expected = await (await fetch(`${server.url}/api/v1/units?building=rd-2&minArea=300&minLoad=5`)).json();
    await expect.poll(() => count.innerText()).toBe(`现有 ${expected.total} 个单元符合条件`);
    expect(before).not.toBe(await count.innerText());
    const items = await page.locator('[data-preview-list] li').allInnerTexts();
    expect(items.length).toBe(Math.min(6, expected.total));
    for (const item of items) expect(item).toMatch(/^科研2号楼 \d+层 \d+/);
    await form.getByRole('button', { name: '新建嵌入' }).click();
    await page.waitForLoadState('load');
    const stored = (await sql.query(`select filters from embeds where name = '两百平以上 · 科研2号楼'`)).rows[0];
    expect(stored.filters).toBe('building=rd-2&minArea=300&minLoad=5');
    expect(
      await page
        .locator('[data-embed-row]', { hasText: '两百平以上' })
        .locator('[data-embed-filters-text]')
        .innerText(),
    ).toBe('科研2号楼 · 最小面积 300 m² · 楼板荷载 ≥ 5 kN/m²');
  });
});

describe('accessibility of the console pages', () => {
  it.each([
    [1366, 900, 'zh'],
    [1366, 900, 'en'],
    [390, 844, 'zh'],
    [390, 844, 'en'],
  ] as const)(
    'has no axe violation of any impact at %i×%i px, %s',
    async (width, height, lang) => {
      const report: string[] = [];
      const page = await signedIn(width, height);
      for (const path of [...PAGES, `/console/leads/${leadId}`]) {
        await page.goto(`${server.url}${lang === 'en' ? '/en' : ''}${path}`, { waitUntil: 'load' });
        const results = await new AxeBuilder({ page }).analyze();
        // Wide tables scroll in their own region; the page itself is never wider than the screen.
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (pageWidth > width) report.push(`${path} is ${pageWidth} px wide`);
        for (const v of results.violations)
          report.push(
            `${path} [${v.impact}] ${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(', ')} (${v.nodes.length})`,
          );
      }
      await page.context().close();
      expect(report).toEqual([]);
    },
    240_000,
  );
});
