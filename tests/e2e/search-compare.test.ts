/**
 * Search, compare and inquire as a tenant does it, in Chromium, zh and en, at 1366 px and on a 390 px phone:
 * results on the first screen of a phone with the filters in a drawer; cards named by building, floor and number
 * with a plan thumbnail; a list/plan toggle and a skip link; compare as cards on a phone, the best value of each
 * row marked in words, and an inquiry for the compared set; a unit picker in the contact form whose choice reaches
 * the lead page. Every page state here is checked with axe (any impact).
 */
import { AxeBuilder } from '@axe-core/playwright';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startPortalOnPostgres } from '../support/portal-on-postgres.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN } from '../support/staff-accounts.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const SHOTS = '/work/notes/shots/B';
let server: RunningServer, browser: Browser, sql: pg.Client;
startForFile(
  () => startPortalOnPostgres(adminEnv(ADMIN)),
  (portal) => ({ server, browser, sql } = portal),
);

async function open(path: string, viewport = DESKTOP, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
  return page;
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect.soft(results.violations.length, `axe on ${label}:\n${report}`).toBe(0);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });

describe.each([
  [
    'zh',
    '',
    {
      filters: /^筛选/,
      apply: /^显示 \d+ 个单元$/,
      skip: '跳到结果',
      map: '平面图',
      best: '★ 最优',
      differs: '≠ 有差异',
      ask: '咨询这些单元',
    },
  ],
  [
    'en',
    '/en',
    {
      filters: /^Filters/,
      apply: /^Show \d+ units$/,
      skip: 'Skip to results',
      map: 'Floor plans',
      best: '★ Best',
      differs: '≠ Differs',
      ask: 'Ask about these units',
    },
  ],
] as const)('search and compare in %s', (lang, prefix, words) => {
  it('starts the results on a phone’s first screen and opens the filters as a drawer with a result count', async () => {
    const page = await open(`${prefix}/units`, PHONE);
    const firstCard = page.locator('#search-results li').first();
    expect((await firstCard.boundingBox())!.y).toBeLessThan(PHONE.height);
    expect(await page.locator('#search-filters').isVisible()).toBe(false);
    await shot(page, `units-${lang}-390`);
    await expectNoAxeViolations(page, `${lang} /units 390`);

    const opener = page.getByRole('button', { name: words.filters });
    // The search island hydrates on this first tap (client:interaction), and the tap is replayed once it has.
    await opener.click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.isVisible()).toBe(true);
    await drawer.locator('#f-building').selectOption('rd-1');
    const apply = drawer.locator('button[type=submit]');
    await page.waitForURL(/building=rd-1/);
    await expect
      .poll(async () => (await page.locator('#results-count').textContent())!.match(/\d+/)![0])
      .toBe((await apply.textContent())!.match(/\d+/)![0]);
    expect(await apply.textContent()).toMatch(words.apply);
    await shot(page, `units-${lang}-390-drawer`);
    await expectNoAxeViolations(page, `${lang} /units 390 drawer`);
    await apply.click();
    expect(await drawer.count()).toBe(0);
    expect(await opener.textContent()).toMatch(/1/);
    await page.context().close();

    const desktop = await open(`${prefix}/units`, DESKTOP);
    expect(await desktop.locator('#search-filters').isVisible()).toBe(true);
    expect(await desktop.getByRole('button', { name: words.filters }).isVisible()).toBe(false);
    await shot(desktop, `units-${lang}-1366`);
    await expectNoAxeViolations(desktop, `${lang} /units 1366`);
    await desktop.context().close();
  });

  it('opens the filters on a phone without JavaScript, and the form still searches', async () => {
    const page = await open(`${prefix}/units`, PHONE, false);
    expect((await page.locator('#search-results li').first().boundingBox())!.y).toBeLessThan(PHONE.height);
    await page.locator('a[href="#search-filters"]').click();
    expect(await page.locator('#search-filters').isVisible()).toBe(true);
    await page.locator('#search-filters input[name=minArea]').fill('500');
    await page.locator('#search-filters button[type=submit]').click();
    await page.waitForURL(/minArea=500/);
    await page.context().close();
  });

  it('titles each card by building, floor and number, so two units numbered 103 read differently', async () => {
    const page = await open(`${prefix}/units?maxFloor=1&status=all&sort=floor-asc`, DESKTOP);
    const titleOf = (id: string) => page.locator(`#search-results h3 a[href$="/units/${id}"]`).textContent();
    const [first, second] = [await titleOf('r1-0103'), await titleOf('r2-0103')];
    expect(first).toContain('103');
    expect(second).toContain('103');
    expect(first).not.toBe(second);
    const titles = await page.locator('#search-results h3').allTextContents();
    expect(new Set(titles).size).toBe(titles.length);
    await page.context().close();
  });

  it('draws a plan thumbnail on every card and shows the same results on floor plans, keeping the filters', async () => {
    const page = await open(`${prefix}/units?building=rd-2`, DESKTOP);
    const cards = page.locator('#search-results > ul > li');
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    expect(await page.locator('#search-results > ul > li svg[role=img] polygon').count()).toBeGreaterThanOrEqual(
      count * 2,
    );
    await page
      .getByRole('navigation', { name: lang === 'zh' ? '结果显示方式' : 'Show results as' })
      .getByRole('link', { name: words.map })
      .click();
    await page.waitForURL(/view=map/);
    expect(page.url()).toContain('building=rd-2');
    const planLinks = page.locator('#search-results svg a');
    expect(await planLinks.count()).toBe(count);
    await shot(page, `units-${lang}-1366-map`);
    await expectNoAxeViolations(page, `${lang} /units?view=map 1366`);
    await page.context().close();

    const phone = await open(`${prefix}/units?building=rd-2&view=map`, PHONE, false);
    expect(await phone.locator('#search-results svg a').count()).toBe(count);
    await shot(phone, `units-${lang}-390-map`);
    await phone.context().close();
  });

  it('offers a skip link past the filters', async () => {
    const page = await open(`${prefix}/units`, DESKTOP);
    const skip = page.getByRole('link', { name: words.skip });
    await skip.focus();
    expect((await skip.boundingBox())!.width).toBeGreaterThan(20);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#search-results$/);
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          document.activeElement?.closest('#search-filters') === null &&
          document.activeElement?.closest('#search-results') !== null,
      ),
    ).toBe(true);
    await page.context().close();
  });

  it('shows every compared unit’s key figures on a 390 px phone without sideways scrolling', async () => {
    const ids = ['r1-0103', 'r2-0103', 'r3-0103'];
    const page = await open(`${prefix}/compare?units=${ids.join(',')}`, PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const id of ids) {
      const card = page.locator(`[data-compare-card="${id}"]`);
      expect(await card.isVisible(), id).toBe(true);
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await card.locator('dd').count()).toBeGreaterThanOrEqual(7);
    }
    await shot(page, `compare-${lang}-390`);
    await expectNoAxeViolations(page, `${lang} /compare 390`);
    await page.context().close();
  });

  it('marks differences and the best value per row in words, and asks about the compared units in one step', async () => {
    const ids = ['r1-0103', 'r2-0103', 'r3-0103'];
    const page = await open(`${prefix}/compare?units=${ids.join(',')}`, DESKTOP);
    const table = page.locator('table');
    expect(await table.locator('td', { hasText: words.best }).count()).toBeGreaterThan(0);
    expect(await table.locator('th[scope=row]', { hasText: words.differs }).count()).toBeGreaterThan(0);
    await shot(page, `compare-${lang}-1366`);
    await expectNoAxeViolations(page, `${lang} /compare 1366`);
    await page.getByRole('link', { name: words.ask }).click();
    await page.waitForURL(/\/contact\?units=/);
    const chosen = page.locator('#inquiry input[name=unitIds][type=checkbox]:checked');
    expect((await chosen.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).sort()).toEqual(ids);
    const labels = await page.locator('#inquiry label:has(input[name=unitIds][type=checkbox])').allTextContents();
    expect(labels.every((l) => l.includes('103'))).toBe(true);
    expect(new Set(labels).size).toBe(3);
    await page.locator('#lead-unitIds').scrollIntoViewIfNeeded();
    await shot(page, `contact-${lang}-1366-from-compare`);
    await expectNoAxeViolations(page, `${lang} /contact?units=`);
    await page.context().close();
  });
});

describe('islands that wake on first use (client:interaction)', () => {
  const reactRequested = (urls: string[]) => urls.some((u) => /\/_astro\/client\.[\w-]+\.js$/.test(u));

  it('loads no React on a unit page until the visitor reaches for Compare, and the first tap counts', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${server.url}/units/r1-0501`, { waitUntil: 'networkidle' });
    expect(reactRequested(scripts), scripts.join('\n')).toBe(false);

    const toggle = page.locator('astro-island[client="interaction"] a[role="button"]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.tap();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(reactRequested(scripts)).toBe(true);
    expect(page.url()).toBe(`${server.url}/units/r1-0501`); // the held tap did not follow the link's no-JS href
    expect(await page.evaluate(() => localStorage.getItem('aic.compare.v1'))).toBe('["r1-0501"]');

    // A browser with a selection sees it at once on the next page, without touching anything.
    const next = await context.newPage();
    await next.goto(`${server.url}/en/units/r1-0502`);
    // The tray names the unit picked on the other page, in English, without a tap on this one.
    await expect.poll(() => next.getByText('R&D Building 1 · Level 5 · Unit 501').isVisible()).toBe(true);
    expect(await next.locator('astro-island[client="interaction"] a[role="button"]').first().textContent()).toMatch(
      /^\+ /,
    );
    await context.close();
  });

  it('keeps a keyboard user’s first Space on the search page’s compare box', async () => {
    const page = await open('/en/units', DESKTOP);
    const box = page.locator('#search-results input[type=checkbox][name=units]').first();
    expect(await box.isChecked()).toBe(false);
    await box.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => box.isChecked()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('aic.compare.v1') ?? '[]').length))
      .toBe(1);
    await page.context().close();
  });
});

describe('the contact form’s unit picker', () => {
  async function fillPerson(page: Page, company: string) {
    const form = page.locator('#inquiry form');
    await form.locator('[name=companyName]').fill(company);
    await form.locator('[name=industryTrack]').selectOption('navigation');
    await form.locator('[name=contactName]').fill('赵工');
    await form.locator('[name=email]').fill(`${company.length}-${Date.now()}@picker.example`);
    await form.locator('[name=consent]').check();
  }

  it.each([
    ['zh', '', '科研2号楼 102', '科研2号楼 1层 102'],
    ['en', '/en', 'R&D 2 102', 'R&D Building 2 · Level 1 · Unit 102'],
  ])('finds a unit by its %s name, sends its id, and the lead page names it', async (lang, prefix, typed, name) => {
    const page = await open(`${prefix}/contact`, PHONE);
    const combo = page.locator('#lead-unitIds');
    expect(await combo.getAttribute('role')).toBe('combobox');
    await combo.click();
    await combo.pressSequentially(typed);
    const option = page.getByRole('option', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    await option.waitFor();
    await shot(page, `contact-${lang}-390-picker`);
    await expectNoAxeViolations(page, `${lang} /contact picker open`);
    await combo.press('ArrowDown');
    await combo.press('ArrowUp');
    await combo.press('Enter');
    expect(await page.locator('#inquiry input[name=unitIds][type=checkbox]:checked').getAttribute('value')).toBe(
      'r2-0102',
    );
    expect(await combo.inputValue()).toBe('');
    const company = `选房测试${lang}科技有限公司`;
    await fillPerson(page, company);
    await page.waitForTimeout(3200);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/leads') && r.method() === 'POST');
    await page.locator('#inquiry button[type=submit]').click();
    expect([(await sent).postDataJSON().unitIds].flat().filter(Boolean)).toEqual(['r2-0102']);
    await page
      .getByRole('status')
      .filter({ hasText: /[A-Z0-9]{4}/ })
      .waitFor();
    const leadId = (await sql.query('select id from leads where company_name = $1', [company])).rows[0].id;
    await page.goto(`${server.url}/console/login?next=/console/leads/${leadId}`);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('button');
    await page.waitForURL(`**/console/leads/${leadId}`);
    expect(await page.locator('main').innerText()).toContain('科研2号楼 1层 102');
    await page.context().close();
  });

  it('reads a typed unit name without JavaScript, and refuses an unknown or ambiguous one by name', async () => {
    const page = await open('/en/contact', DESKTOP, false);
    await page.locator('#inquiry [name=unitIds]').fill('R2-102, 科研3号楼 1003');
    await fillPerson(page, 'No Script Picker Ltd');
    await page.waitForTimeout(3200);
    await page.locator('#inquiry button[type=submit]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('#inquiry').innerText()).toContain('There is no unit “科研3号楼 1003”');
    await page.locator('#inquiry [name=unitIds]').fill('R2-102');
    await page.locator('#inquiry [name=consent]').check();
    await page.waitForTimeout(3200);
    await page.locator('#inquiry button[type=submit]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('#inquiry').innerText()).toContain('We have your inquiry');
    const stored = await sql.query(
      "select unit_ids from inquiries i join leads l on l.id = i.lead_id where l.company_name = 'No Script Picker Ltd'",
    );
    expect(stored.rows[0].unit_ids).toEqual(['r2-0102']);
    await page.context().close();

    const post = (unitIds: unknown) =>
      fetch(`${server.url}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          companyName: '接口测试有限公司',
          contactName: '钱工',
          email: 'api@picker.example',
          industryTrack: 'other',
          consent: true,
          unitIds,
        }),
      });
    const unknown = await post(['r9-9999']);
    expect(unknown.status).toBe(400);
    const unknownBody = await unknown.json();
    expect(unknownBody.errors[0]).toMatchObject({ field: 'unitIds', code: 'unknown_unit' });
    expect(unknownBody.errors[0].message.en).toContain('r9-9999');
    const ambiguous = await post('103');
    expect(ambiguous.status).toBe(400);
    const ambiguousBody = await ambiguous.json();
    expect(ambiguousBody.errors[0].code).toBe('ambiguous_unit');
    expect(ambiguousBody.errors[0].message.zh).toContain('科研1号楼 1层 103');
    expect(ambiguousBody.errors[0].message.en).toContain('R&D Building 2 · Level 1 · Unit 103');
  });
});
