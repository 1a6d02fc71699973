import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInquiryForm } from '../support/fill-inquiry-form.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { changeNoticed } from '../support/postgres-database.ts';
import type { RunningServer } from '../support/start-server.ts';
import { wakeIslands } from '../support/wake-islands.ts';

const shots = join(import.meta.dirname, '..', '..', 'test-results');
mkdirSync(shots, { recursive: true });

let portal: PortalOnPostgres;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;

beforeAll(async () => {
  portal = await startPortalOnPostgres({ MAP_TILES: 'none' });
  ({ server, browser, sql } = portal);
});
afterAll(() => portal?.stop());

/** A page whose requests may only go to this machine; anything else is refused and recorded. */
async function offlinePage(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return { context, page: await context.newPage(), outside };
}

describe('browsing in Chromium', () => {
  it('draws the campus map from vector layers alone, with no request off this machine', async () => {
    const { context, page, outside } = await offlinePage();
    await page.goto(`${server.url}/map`, { waitUntil: 'networkidle' });
    await wakeIslands(page);
    await page.locator('.campus-map path.leaflet-interactive').first().waitFor();
    // 4 buildings plus the place markers are targets; the drawn base (4th Ring, metro, green) is a picture under them.
    expect(await page.locator('.campus-map path.leaflet-interactive').count()).toBeGreaterThanOrEqual(4 + 8);
    expect(await page.locator('.campus-map path:not(.leaflet-interactive)').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.leaflet-control-layers-overlays input[type=checkbox]').count()).toBe(4);
    expect(await page.locator('.map-legend').textContent()).toContain('可租比例');
    await page.screenshot({ path: join(shots, 'map.png') });
    expect(outside).toEqual([]);
    await context.close();
  });

  it('opens a building from the map with the keyboard', async () => {
    const { context, page } = await offlinePage();
    await page.goto(`${server.url}/en/map`, { waitUntil: 'networkidle' });
    // Tab reaches a building on the server's picture; the live map takes over with focus on the same building.
    await page.locator('a[data-building]:visible').first().focus();
    await page.locator('.campus-map path[role=link]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/buildings\/[a-z0-9-]+$/);
    await context.close();
  });

  it('draws a floor plan whose every unit is reachable by keyboard, on the plan and in the list', async () => {
    const { context, page, outside } = await offlinePage();
    await page.goto(`${server.url}/en/buildings/rd-1/floors/5`, { waitUntil: 'networkidle' });
    await wakeIslands(page);
    const planUnits = page.locator('.floor-plan-map path[role=link]');
    await planUnits.first().waitFor();
    const listLinks = page.locator('section[aria-labelledby=unit-list-title] a');
    const count = await listLinks.count();
    expect(count).toBeGreaterThan(5);
    expect(await planUnits.count()).toBe(count);
    for (const link of await listLinks.all())
      expect(await link.getAttribute('href')).toMatch(/^\/en\/units\/r1-05\d\d$/);
    // Focus shows the unit's area and price; Enter opens it.
    await planUnits.first().focus();
    await expect.poll(() => page.locator('.plan-tooltip').count()).toBe(1);
    expect(await page.locator('.plan-tooltip').textContent()).toMatch(/m².*CNY\/m²\/day/);
    await page.screenshot({ path: join(shots, 'floor-plan.png') });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/units\/r1-05\d\d$/);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('updates search results in place, keeps the query in the URL, and goes back', async () => {
    const { context, page } = await offlinePage();
    await page.goto(`${server.url}/units`, { waitUntil: 'networkidle' });
    const count = page.locator('#results-count');
    const allText = await count.textContent();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.selectOption('#f-building', 'rd-1');
    await page.waitForURL(/building=rd-1/);
    await expect.poll(() => count.textContent()).not.toBe(allText);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('building'));
    await expect.poll(() => count.textContent()).toBe(allText);
    expect(await page.locator('#f-building').inputValue()).toBe('');
    await context.close();
  });

  it('searches without JavaScript through the plain form, and explains bad input', async () => {
    const { context, page } = await offlinePage({ javaScriptEnabled: false });
    const response = await page.goto(`${server.url}/en/units?minArea=abc`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('[role=alert]').textContent()).toContain('“Minimum area” must be a number');
    await page.fill('input[name=minArea]', '1000');
    await page.click('button[type=submit]');
    await page.waitForURL(/minArea=1000/);
    const areas = await page.locator('#search-results li dd').allTextContents();
    const grossAreas = areas.filter((t) => t.includes('m²')).map((t) => Number(t.replace(/[^\d.]/g, '')));
    expect(grossAreas.length).toBeGreaterThan(0);
    for (const area of grossAreas) expect(area).toBeGreaterThanOrEqual(1000);
    await context.close();
  });

  it('keeps a comparison across pages and shares it as a link', async () => {
    const { context, page } = await offlinePage();
    await page.goto(`${server.url}/units?sort=area-desc`, { waitUntil: 'networkidle' });
    const boxes = page.locator('#search-results input[name=units]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const ids = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
    // The search island hydrates on the first tick (client:interaction) and then takes both ticks in.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('aic.compare.v1'))).toBe(JSON.stringify(ids));
    await page.goto(`${server.url}/units/${ids[0]}`, { waitUntil: 'networkidle' });
    await page.getByRole('region', { name: '对比' }).getByRole('link', { name: '开始对比' }).click();
    await page.waitForURL(new RegExp(`/compare\\?units=${ids[0]},${ids[1]}$`));
    expect(await page.locator('table thead th[scope=col]').count()).toBe(1 + 2);
    await context.close();
  });

  it('takes a tick that lands while the island hydrates exactly once', async () => {
    const { context, page } = await offlinePage();
    await page.goto(`${server.url}/units?sort=area-desc`, { waitUntil: 'networkidle' });
    const box = page.locator('#search-results input[name=units]').first();
    const id = await box.getAttribute('value');
    await box.hover(); // wakes the island
    // Tick in the very frame React has hydrated the box: before the directive's next idle moment, its hand-over.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const target = document.querySelector<HTMLInputElement>('#search-results input[name=units]');
          const frame = () => {
            if (target && Object.keys(target).some((key) => key.startsWith('__reactProps$'))) {
              target.click();
              resolve();
            } else requestAnimationFrame(frame);
          };
          frame();
        }),
    );
    await expect.poll(() => page.evaluate(() => localStorage.getItem('aic.compare.v1'))).toBe(JSON.stringify([id]));
    await page.waitForTimeout(1500); // past every hand-over
    expect(await page.evaluate(() => localStorage.getItem('aic.compare.v1'))).toBe(JSON.stringify([id]));
    expect(await box.isChecked()).toBe(true);
    await context.close();
  });

  it('runs the whole reservation in demo mode without Stripe keys, clearly marked, with real fulfilment', async () => {
    const { rows } = await sql.query(
      `select unit_id from unit_states where status = 'available' and unit_id like 'r1-08%' order by unit_id limit 1`,
    );
    const unitId: string = rows[0].unit_id;
    const { context, page, outside } = await offlinePage();
    await page.goto(`${server.url}/reserve/${unitId}`, { waitUntil: 'networkidle' });
    expect(await page.locator('[role=note]').textContent()).toContain('演示模式');
    const person = { companyName: '演示体验科技有限公司', industryTrack: 'other', contactName: '新同事' };
    await fillInquiryForm(page, { ...person, mobile: '13600136000' });
    await page.locator('#inquiry form button[type=submit]').click();
    await page.waitForURL(/\/reserve\/checkout\?session_id=demo_cs_/);
    await page.getByRole('link', { name: '前往演示支付页面' }).click();
    await page.waitForURL(/\/reserve\/demo\/[0-9a-f-]{36}\?token=/);
    expect(await page.locator('main').textContent()).toContain('不会产生任何扣款');
    await page.getByRole('button', { name: '模拟支付成功' }).click();
    await page.waitForURL(/\/reserve\/success\?session_id=demo_cs_/);
    expect(await page.locator('h1[data-deposit-status]').getAttribute('data-deposit-status')).toBe('reserved');
    expect((await sql.query(`select status from unit_states where unit_id = $1`, [unitId])).rows[0].status).toBe(
      'reserved',
    );
    expect(outside).toEqual([]);
    await context.close();
  });

  it('cancels a demo hold only with the checkout token: without it or with a wrong one, 4xx and the hold stays', async () => {
    const { rows } = await sql.query(
      `select unit_id from unit_states where status = 'available' and unit_id like 'r1-09%' order by unit_id limit 1`,
    );
    const unitId: string = rows[0].unit_id;
    const started = await fetch(`${server.url}/api/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        unitId,
        companyName: '演示取消测试有限公司',
        contactName: '测试',
        email: 'demo-cancel@example.com',
        industryTrack: 'other',
        consent: true,
      }),
    });
    expect(started.status).toBe(201);
    const { depositId, checkoutUrl } = await started.json();
    const token = new URL(checkoutUrl, server.url).searchParams.get('token')!;
    const cancel = (fields: Record<string, string>) =>
      fetch(`${server.url}/api/reservations/demo`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: server.url, accept: 'text/html' },
        body: new URLSearchParams({ depositId, action: 'cancel', lang: 'zh', ...fields }),
      });
    const status = async () =>
      (
        await sql.query(
          `select d.status, u.status as unit from deposits d join unit_states u on u.unit_id = d.unit_id where d.id = $1`,
          [depositId],
        )
      ).rows[0];

    expect((await cancel({})).status).toBe(403);
    expect((await cancel({ token: `${token.slice(0, -2)}AA` })).status).toBe(403);
    // The cancel page with a session id made from the deposit id (visible in the demo page's URL) is no proof either.
    expect((await fetch(`${server.url}/reserve/cancelled?session_id=demo_cs_${depositId}`)).status).toBe(404);
    expect(await status()).toEqual({ status: 'held', unit: 'held' });

    const cancelled = await cancel({ token });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(`/reserve/cancelled?session_id=demo_cs_${token}`);
    expect(await status()).toEqual({ status: 'released', unit: 'available' });
  });

  it('shows a status change from the database on the next request: plan, stacking plan and search', async () => {
    const unitId = 'r2-0501';
    await sql.query(`update unit_states set status = 'available' where unit_id = $1`, [unitId]);
    await changeNoticed();
    const { context, page } = await offlinePage();
    await page.goto(`${server.url}/buildings/rd-2/floors/5`, { waitUntil: 'networkidle' });
    expect(
      await page.locator(`section[aria-labelledby=unit-list-title] a[href="/units/${unitId}"]`).textContent(),
    ).toContain('可租');

    await sql.query(`update unit_states set status = 'reserved' where unit_id = $1`, [unitId]);
    await changeNoticed();
    await page.reload({ waitUntil: 'networkidle' });
    expect(
      await page.locator(`section[aria-labelledby=unit-list-title] a[href="/units/${unitId}"]`).textContent(),
    ).toContain('已预订');
    await wakeIslands(page);
    await page.locator('.floor-plan-map path[role=link]').first().waitFor();
    const reservedFills = await page
      .locator('.floor-plan-map path[role=link]')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
    expect(reservedFills).toContain('#7c5ce0');

    await page.goto(`${server.url}/buildings/rd-2`);
    expect(
      await page.locator(`section[aria-labelledby=stacking-title] ol a[href="/units/${unitId}"]`).getAttribute('class'),
    ).toContain('bg-status-reserved');

    const api = await (await fetch(`${server.url}/api/v1/units?building=rd-2&status=all&minFloor=5&maxFloor=5`)).json();
    expect(api.units.find((u: { id: string }) => u.id === unitId).status).toBe('reserved');
    const available = await (await fetch(`${server.url}/api/v1/units?building=rd-2&minFloor=5&maxFloor=5`)).json();
    expect(available.units.map((u: { id: string }) => u.id)).not.toContain(unitId);
    await context.close();
  });
});
