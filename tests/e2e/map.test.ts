/**
 * The campus map as a tenant uses it, in real Chromium on the built server: it opens on the buildings, each a
 * comfortable tap target on a phone; its labels never overlap; the neighbourhood comes on demand; our offline
 * base draws the ring road and the metro; the home page shows a server-drawn picture that links to the map and
 * loads no map JavaScript. Axe finds nothing on either page, zh and en, desktop and phone.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startPortalOnPglite } from '../support/server-on-pglite.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';
import { wakeIslands } from '../support/wake-islands.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
let server: RunningServer, browser: Browser;
startForFile(
  () => startPortalOnPglite({ MAP_TILES: 'none' }),
  (portal) => ({ server, browser } = portal),
);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/** A page in its own context (axe needs one); closing the page's context closes both. */
async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

async function openMap(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await newPage(viewport);
  await page.goto(`${server.url}${path}`);
  await wakeIslands(page); // the live map loads when a visitor reaches for the picture
  await page.locator('.campus-map path[role=link]').first().waitFor();
  await page.locator('.campus-map').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  return page;
}

/** The buildings' hit targets (their shapes) as drawn on screen, clipped to the map. */
function buildingTargets(page: Page): Promise<Rect[]> {
  return page.$$eval('.campus-map path[role=link]', (paths) => {
    const map = paths[0]!.closest('.campus-map')!.getBoundingClientRect();
    return paths.map((p) => {
      const r = p.getBoundingClientRect();
      const x = Math.max(r.left, map.left);
      const y = Math.max(r.top, map.top);
      return {
        x,
        y,
        width: Math.min(r.right, map.right) - x,
        height: Math.min(r.bottom, map.bottom) - y,
        text: p.getAttribute('aria-label') ?? '',
      };
    });
  });
}

/** Every label shown on the map, as laid out on screen. */
function visibleLabels(page: Page): Promise<Rect[]> {
  return page.$$eval('.campus-map .map-label', (labels) =>
    labels
      .filter(
        (l) =>
          getComputedStyle(l).display !== 'none' &&
          getComputedStyle(l).visibility !== 'hidden' &&
          (l as HTMLElement).offsetParent !== null,
      )
      .map((l) => {
        const r = l.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height, text: l.textContent ?? '' };
      }),
  );
}

function overlapping(rects: Rect[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const [a, b] = [rects[i]!, rects[j]!];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        pairs.push(`${a.text} × ${b.text}`);
    }
  }
  return pairs;
}

async function expectNoAxeViolations(page: Page, label: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  const report = results.violations
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect(results.violations, `${label}\n${report}`).toEqual([]);
}

describe('the campus map', () => {
  it('opens on the campus: at 390 px every building is a tap target of at least 44 × 44 px, and large at 1366 px', async () => {
    for (const path of ['/map', '/en/map']) {
      const phone = await openMap(path, PHONE);
      const targets = await buildingTargets(phone);
      expect(targets).toHaveLength(4);
      for (const t of targets) {
        expect(t.width, `${path} ${t.text}`).toBeGreaterThanOrEqual(44);
        expect(t.height, `${path} ${t.text}`).toBeGreaterThanOrEqual(44);
      }
      await phone.context().close();
      const desktop = await openMap(path, DESKTOP);
      for (const t of await buildingTargets(desktop))
        expect(Math.min(t.width, t.height), `${path} ${t.text}`).toBeGreaterThanOrEqual(60);
      await desktop.context().close();
    }
  });

  it('names every building and never shows two labels over each other, on the campus and zoomed out', async () => {
    const zh = [
      ['科研1号楼', 'R1'],
      ['科研2号楼', 'R2'],
      ['科研3号楼', 'R3'],
      ['配套服务楼', 'S'],
    ];
    const en = [
      ['R&D Building 1', 'R1'],
      ['R&D Building 2', 'R2'],
      ['R&D Building 3', 'R3'],
      ['Service Building', 'S'],
    ];
    for (const [path, viewport, names] of [
      ['/map', PHONE, zh],
      ['/en/map', PHONE, en],
      ['/map', DESKTOP, zh],
      ['/en/map', DESKTOP, en],
    ] as const) {
      const page = await openMap(path, viewport);
      const labels = await visibleLabels(page);
      const texts = labels.map((l) => l.text);
      // Where a building's full name does not fit, its code names it (R1); on a desktop the full name always does.
      for (const [name, code] of names) {
        const isNamed = texts.includes(name) || (viewport === PHONE && texts.includes(code));
        expect(isNamed, `${path} ${viewport.width}: ${name} in ${texts.join(', ')}`).toBe(true);
      }
      expect(overlapping(labels), `${path} ${viewport.width}`).toEqual([]);
      await page.getByRole('button', { name: path.startsWith('/en') ? 'Show surroundings' : '显示周边' }).click();
      await page.waitForTimeout(800);
      const wide = await visibleLabels(page);
      expect(wide.length, `${path} ${viewport.width} zoomed out`).toBeGreaterThan(3);
      expect(overlapping(wide), `${path} ${viewport.width} zoomed out`).toEqual([]);
      await page.context().close();
    }
  });

  it('shows the neighbourhood on demand and goes back to the campus', async () => {
    const page = await openMap('/map', PHONE);
    const inView = async (text: string) => (await visibleLabels(page)).some((l) => l.text === text);
    expect(await inView('万达广场')).toBe(false);
    await page.getByRole('button', { name: '显示周边' }).click();
    await page.waitForTimeout(800);
    const nearby = await Promise.all(['万达广场', '永旺购物中心', '北京天坛医院', '花乡奥莱村'].map(inView));
    expect(nearby.filter(Boolean).length, 'nearby places labelled after “显示周边”').toBeGreaterThanOrEqual(2);
    const smallest = Math.min(...(await buildingTargets(page)).map((t) => Math.min(t.width, t.height)));
    expect(smallest).toBeLessThan(44);
    await page.getByRole('button', { name: '回到园区' }).click();
    await page.waitForTimeout(800);
    for (const t of await buildingTargets(page)) expect(Math.min(t.width, t.height)).toBeGreaterThanOrEqual(44);
    await page.context().close();
  });

  it('draws its own base without tiles: the ring road, the Fangshan Line and its station, marked schematic', async () => {
    for (const [path, note] of [
      ['/map', '示意图，位置为近似值'],
      ['/en/map', 'Schematic, positions approximate'],
    ] as const) {
      const page = await openMap(path, DESKTOP);
      expect(await page.locator('.campus-map').getByText(note, { exact: true }).isVisible()).toBe(true);
      await page.getByRole('button', { name: path.startsWith('/en') ? 'Show surroundings' : '显示周边' }).click();
      await page.waitForTimeout(800);
      // Leaflet empties the path of a shape outside the view; these are drawn.
      const strokes = await page.$$eval('.leaflet-campus-base-pane path', (paths) =>
        paths.filter((p) => (p.getAttribute('d') ?? '').length > 10).map((p) => p.getAttribute('stroke')),
      );
      expect(strokes, 'ring road').toContain('#f7d27a');
      expect(strokes, 'Fangshan Line').toContain('#d9531e');
      expect(await page.locator('.leaflet-campus-base-pane path[fill="#cfe7c9"]').count(), 'green').toBeGreaterThan(0);
      const texts = (await visibleLabels(page)).map((l) => l.text);
      expect(
        texts.some((t) => /四环|4th Ring/.test(t)),
        texts.join(', '),
      ).toBe(true);
      expect(
        texts.some((t) => /房山线|Fangshan/.test(t)),
        texts.join(', '),
      ).toBe(true);
      await page.context().close();
    }
  });

  it('keeps the map usable from the keyboard: Tab reaches a building, Enter opens it', async () => {
    const page = await openMap('/en/map', DESKTOP);
    await page.locator('.campus-map').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('link');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^R&D Building 1/);
    await Promise.all([page.waitForURL('**/en/buildings/rd-1'), page.keyboard.press('Enter')]);
    await page.context().close();
  });
});

describe('the map before a visitor reaches for it', () => {
  it('shows the campus picture with linked buildings and loads no map script until then', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(viewport);
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      await page.goto(`${server.url}/en/map`, { waitUntil: 'networkidle' });
      expect(scripts.filter((url) => /leaflet|CampusMap|client\.[\w-]+\.js/i.test(url))).toEqual([]);
      const picture = page.getByRole('group', { name: /^Campus sketch/ });
      expect(await picture.isVisible()).toBe(true);
      const links = picture.locator('a[data-building]:visible');
      expect(await links.count()).toBe(4);
      const boxes = await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON() as DOMRect));
      for (const box of boxes)
        expect(
          Math.min(box.width, box.height),
          `a building in the picture at ${viewport.width} px`,
        ).toBeGreaterThanOrEqual(44);
      const overlaps = boxes.filter((a, i) =>
        boxes.some(
          (b, j) => j > i && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
        ),
      );
      expect(overlaps, 'tap areas that overlap').toEqual([]);
      await page.context().close();
    }
  });

  it('hands keyboard focus on a building in the picture to the same building on the live map', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${server.url}/en/map`, { waitUntil: 'networkidle' });
    await page.locator('a[data-building="rd-2"]:visible').focus();
    await page.locator('.campus-map path[role=link]').first().waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(/^R&D Building 2/);
    await Promise.all([page.waitForURL('**/en/buildings/rd-2'), page.keyboard.press('Enter')]);
    await page.context().close();
  });

  it('follows a tap on a building in the picture to its page', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/map`, { waitUntil: 'networkidle' });
    await Promise.all([page.waitForURL('**/buildings/rd-1'), page.locator('a[data-building="rd-1"]:visible').tap()]);
    await context.close();
  });
});

describe('the home page map', () => {
  it('is a server-drawn picture that links to /map and loads no Leaflet or React for it', async () => {
    for (const [path, target] of [
      ['/', '/map'],
      ['/en/', '/en/map'],
    ] as const) {
      const page = await newPage(PHONE);
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      expect(
        scripts.filter((url) => /leaflet|CampusMap/i.test(url)),
        path,
      ).toEqual([]);
      expect(await page.locator('.leaflet-container').count()).toBe(0);
      const picture = page
        .locator(`#location ~ * a[href="${target}"] svg, section:has(#location) a[href="${target}"] svg`)
        .first();
      expect(await picture.isVisible(), path).toBe(true);
      const labels = await picture.locator('[data-label] text').allTextContents();
      expect(labels.length, labels.join(', ')).toBeGreaterThanOrEqual(5);
      await page.context().close();
    }
  });
});

describe('accessibility', () => {
  it('has no axe violations on /map and the home page, zh and en, at 1366 and 390 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      for (const path of ['/map', '/en/map']) {
        const picture = await newPage(viewport);
        await picture.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
        await expectNoAxeViolations(picture, `${path} at ${viewport.width}, the picture`);
        await picture.context().close();
        const page = await openMap(path, viewport);
        await expectNoAxeViolations(page, `${path} at ${viewport.width}`);
        await page.context().close();
      }
      for (const path of ['/', '/en/']) {
        const page = await newPage(viewport);
        await page.goto(`${server.url}${path}`);
        await expectNoAxeViolations(page, `${path} at ${viewport.width}`);
        await page.context().close();
      }
    }
  });
});
