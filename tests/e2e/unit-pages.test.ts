/**
 * The unit, building, floor and buildings-index pages as a tenant meets them on a 390 px phone and at 1366 px,
 * in Chinese and English (issue 13, items 2 and 7): every price figure on screen without sideways scrolling,
 * stacking-plan blocks that are 44 px targets showing whole unit numbers, plan controls that never cover a unit,
 * a scale bar that measures true and a north arrow, and a /buildings page the menu and the home page lead to.
 * Real Chromium on the built server; axe-core finds no violation of any impact on these pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startPortalOnPglite } from '../support/server-on-pglite.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';
import { wakeIslands } from '../support/wake-islands.ts';

const LANGS = [
  { prefix: '', name: 'zh' },
  { prefix: '/en', name: 'en' },
] as const;
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;
const UNIT = '/units/r2-0401';
const BUILDING = '/buildings/rd-2';
const FLOOR = '/buildings/rd-2/floors/4';

const root = join(import.meta.dirname, '..', '..');
let server: RunningServer, browser: Browser;
startForFile(
  () => startPortalOnPglite({ MAP_TILES: 'none' }),
  (portal) => ({ server, browser } = portal),
);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Opens a page at a viewport size, runs `check` on it and closes it. */
async function onPage<T>(
  path: string,
  viewport: { width: number; height: number },
  check: (page: Page) => Promise<T>,
): Promise<T> {
  // A context of its own: axe-core's Playwright builder refuses pages opened by browser.newPage().
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status(), path).toBe(200);
    return await check(page);
  } finally {
    await context.close();
  }
}

/** Waits until the Leaflet floor plan has drawn its unit shapes. */
async function waitForPlan(page: Page): Promise<void> {
  await wakeIslands(page); // the live plan loads when a visitor reaches for the drawing
  await page.locator('section[aria-labelledby="plan-heading"] path.leaflet-interactive').first().waitFor();
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The east–west extent in metres of each unit's outline on one floor, by unit number, from the catalog files. */
function unitExtents(buildingFile: string, level: number): Map<string, [number, number]> {
  const units = JSON.parse(readFileSync(join(root, 'data', 'units', `${buildingFile}.json`), 'utf8')).items as Array<{
    level: number;
    number: string;
    outline: Array<[number, number]>;
  }>;
  return new Map(
    units
      .filter((u) => u.level === level)
      .map((u) => {
        const xs = u.outline.map(([x]) => x);
        return [u.number, [Math.min(...xs), Math.max(...xs)]];
      }),
  );
}

/** The floor outline's width in metres, from the catalog files. */
function floorWidthMetres(buildingFile: string, level: number): number {
  const floors = JSON.parse(readFileSync(join(root, 'data', 'floors', `${buildingFile}.json`), 'utf8')).items as Array<{
    level: number;
    outline: Array<[number, number]>;
  }>;
  const xs = floors.find((f) => f.level === level)!.outline.map(([x]) => x);
  return Math.max(...xs) - Math.min(...xs);
}

describe('price explainer on a phone', () => {
  for (const lang of LANGS) {
    it(`shows every figure of the price table inside a 390 px screen (${lang.name})`, async () => {
      await onPage(`${lang.prefix}${UNIT}`, VIEWPORTS[0], async (page) => {
        const figures = await page.locator('section:has(#explainer-title) :is(td, dd)').evaluateAll((cells) =>
          cells
            .filter((c) => c.textContent!.trim() !== '')
            .map((c) => {
              const r = c.getBoundingClientRect();
              return { text: c.textContent!.trim(), left: r.left, right: r.right };
            }),
        );
        // Per m² and whole unit for day, month and year, and the property fee.
        expect(figures.length).toBeGreaterThanOrEqual(8);
        const viewportWidth = await page.evaluate(() => window.innerWidth);
        for (const f of figures) {
          expect(f.left, f.text).toBeGreaterThanOrEqual(0);
          expect(f.right, f.text).toBeLessThanOrEqual(viewportWidth);
        }
        expect(figures.some((f) => /¥[\d,]+/.test(f.text))).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewportWidth);
      });
    });
  }
});

describe('stacking plan', () => {
  for (const lang of LANGS) {
    for (const viewport of VIEWPORTS) {
      it(`has blocks of at least 44 × 44 px with whole unit numbers (${lang.name}, ${viewport.name})`, async () => {
        await onPage(`${lang.prefix}${BUILDING}`, viewport, async (page) => {
          const blocks = await page.locator('section:has(#stacking-title) ol > li ul a').evaluateAll((links) =>
            links.map((a) => {
              const r = a.getBoundingClientRect();
              const label = a.querySelector('span')!;
              return {
                label: label.textContent,
                width: r.width,
                height: r.height,
                scrollWidth: label.scrollWidth,
                clientWidth: label.clientWidth,
              };
            }),
          );
          expect(blocks.length).toBeGreaterThan(50);
          for (const b of blocks) {
            expect(b.width, `${b.label} width`).toBeGreaterThanOrEqual(44);
            expect(b.height, `${b.label} height`).toBeGreaterThanOrEqual(44);
            expect(b.scrollWidth, `${b.label} label cut`).toBeLessThanOrEqual(b.clientWidth);
          }
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        });
      });
    }
  }
});

describe('floor plan controls, scale bar and north arrow', () => {
  for (const lang of LANGS) {
    for (const viewport of VIEWPORTS) {
      it(`keeps the zoom buttons off the units and measures true at every zoom (${lang.name}, ${viewport.name})`, async () => {
        const extents = unitExtents('rd-2', 4);
        await onPage(`${lang.prefix}${FLOOR}`, viewport, async (page) => {
          await waitForPlan(page);
          const plan = page.locator('section[aria-labelledby="plan-heading"]');
          const zoomButtons = plan.getByRole('button', { name: /zoom in|zoom out|放大|缩小/i });
          expect(await zoomButtons.count()).toBe(2);
          const unitBoxes = await plan.locator('path.leaflet-interactive').evaluateAll((paths) =>
            paths.map((p) => {
              const r = p.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };
            }),
          );
          expect(unitBoxes.length).toBe(20);
          for (const button of await zoomButtons.all()) {
            const box = (await button.boundingBox())!;
            expect(
              unitBoxes.filter((u) => overlaps(box, u)),
              (await button.getAttribute('aria-label')) ?? '',
            ).toEqual([]);
          }

          // Pixels per metre on the map, from the units drawn whole (Leaflet clips shapes at the map's edge when
          // zoomed in), against what the scale bar claims; both read in one go so nothing moves in between.
          const measure = async () => {
            await expect.poll(() => plan.locator('[data-scale-bar]').isVisible()).toBe(true);
            const seen = await plan.evaluate((section) => {
              const mapBox = section.querySelector('.leaflet-container')!.getBoundingClientRect();
              const bar = section.querySelector('[data-scale-bar]')!;
              const shapes = [...section.querySelectorAll('path.leaflet-interactive')].map((p) => {
                const r = p.getBoundingClientRect();
                return {
                  number: (p.getAttribute('aria-label') ?? '').split(' · ')[0]!,
                  left: r.left,
                  right: r.right,
                  isWhole:
                    r.left > mapBox.left + 1 &&
                    r.right < mapBox.right - 1 &&
                    r.top > mapBox.top + 1 &&
                    r.bottom < mapBox.bottom - 1,
                };
              });
              return {
                metres: Number(bar.getAttribute('data-metres')),
                barPx: bar.querySelector('[data-scale-bar-line]')!.getBoundingClientRect().width,
                shapes: shapes.filter((s) => s.isWhole),
              };
            });
            expect(seen.shapes.length).toBeGreaterThan(1);
            const west = seen.shapes.reduce((a, b) => (a.left < b.left ? a : b));
            const east = seen.shapes.reduce((a, b) => (a.right > b.right ? a : b));
            const metresAcross = extents.get(east.number)![1] - extents.get(west.number)![0];
            return {
              metres: seen.metres,
              barPxPerMetre: seen.barPx / seen.metres,
              mapPxPerMetre: (east.right - west.left) / metresAcross,
            };
          };
          const fitted = await measure();
          expect([1, 2, 5, 10, 20, 50]).toContain(fitted.metres);
          expect(Math.abs(fitted.barPxPerMetre / fitted.mapPxPerMetre - 1)).toBeLessThan(0.03);
          expect(await plan.locator('[data-north-arrow]').isVisible()).toBe(true);
          expect(await plan.locator('[data-north-arrow]').getAttribute('aria-label')).toMatch(/北|north/i);

          // Zooming out keeps every unit whole on screen, so the map's scale can be read again.
          await plan.getByRole('button', { name: /zoom out|缩小/i }).click();
          await expect.poll(async () => (await measure()).barPxPerMetre).toBeLessThan(fitted.barPxPerMetre * 0.75);
          const zoomedOut = await measure();
          expect(Math.abs(zoomedOut.barPxPerMetre / zoomedOut.mapPxPerMetre - 1)).toBeLessThan(0.03);
        });
      });
    }
  }

  it('draws a true scale bar and a north arrow on the unit page plan', async () => {
    const floorWidth = floorWidthMetres('rd-2', 4);
    await onPage(UNIT, VIEWPORTS[0], async (page) => {
      const svg = page.locator('section[aria-labelledby="plan-title"] svg:has([data-scale-bar])');
      const seen = await svg.evaluate((plan) => ({
        metres: Number(plan.querySelector('[data-scale-bar]')!.getAttribute('data-metres')),
        barPx: plan.querySelector('[data-scale-bar-line]')!.getBoundingClientRect().width,
        outlinePx: plan.querySelector('polygon')!.getBoundingClientRect().width,
      }));
      expect(Math.abs(seen.barPx / seen.metres / (seen.outlinePx / floorWidth) - 1)).toBeLessThan(0.03);
      expect(await svg.locator('[data-north-arrow]').isVisible()).toBe(true);
    });
  });

  it('keeps the page still while the live plan replaces its drawn stand-in (no layout shift, zh and en phone)', async () => {
    for (const path of [FLOOR, '/buildings/rd-1/floors/5', `/en${FLOOR}`]) {
      const shifted = await onPage(path, VIEWPORTS[0], async (page) => {
        await wakeIslands(page);
        await page.locator('.floor-plan-map path.leaflet-interactive').first().waitFor();
        return page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => {
                const entries = list.getEntries() as Array<
                  PerformanceEntry & { value: number; hadRecentInput: boolean }
                >;
                resolve(entries.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
              }).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => resolve(0), 1000);
            }),
        );
      });
      expect(shifted, path).toBeLessThan(0.02);
    }
  });

  it('keeps each lift, stair or WC label inside its own box on the unit page plan (en, the longest words)', async () => {
    await onPage(`/en${UNIT}`, VIEWPORTS[0], async (page) => {
      const svg = page.locator('section[aria-labelledby="plan-title"] svg:has([data-scale-bar])');
      const overflowing = await svg.evaluate((plan) =>
        [...plan.querySelectorAll('g > polygon + text')].flatMap((text) => {
          const box = text.previousElementSibling!.getBoundingClientRect();
          const label = text.getBoundingClientRect();
          return label.left < box.left - 0.5 || label.right > box.right + 0.5 ? [text.textContent] : [];
        }),
      );
      expect(overflowing).toEqual([]);
    });
  });
});

describe('buildings index', () => {
  const slugs = (
    JSON.parse(readFileSync(join(root, 'data', 'buildings.json'), 'utf8')).items as Array<{ slug: string }>
  ).map((b) => b.slug);

  for (const lang of LANGS) {
    it(`lists the four buildings with their figures and floor links (${lang.name})`, async () => {
      expect(slugs).toHaveLength(4);
      await onPage(`${lang.prefix}/buildings`, VIEWPORTS[0], async (page) => {
        const cards = page.locator('main article');
        expect(await cards.count()).toBe(4);
        for (const slug of slugs) {
          const card = page.locator(`main article:has(h2 a[href="${lang.prefix}/buildings/${slug}"])`);
          expect(await card.count(), slug).toBe(1);
          expect(await card.locator('svg[role="img"]').count(), `${slug} drawing`).toBe(1);
          expect(
            await card.locator(`a[href^="${lang.prefix}/buildings/${slug}/floors/"]`).count(),
            `${slug} floors`,
          ).toBeGreaterThan(2);
          expect(await card.locator('dd').first().textContent()).toMatch(/\d/);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      });
    });

    it(`is where the menu's buildings item and the home page's call to action lead (${lang.name})`, async () => {
      await onPage(`${lang.prefix}/`, VIEWPORTS[1], async (page) => {
        const home =
          lang.name === 'zh'
            ? { nav: '楼宇', cta: '浏览楼宇与单元' }
            : { nav: 'Buildings', cta: 'Browse buildings and units' };
        const navLink = page.locator('header nav').first().getByRole('link', { name: home.nav, exact: true });
        expect(await navLink.getAttribute('href')).toBe(`${lang.prefix}/buildings`);
        const cta = page.locator('main').getByRole('link', { name: home.cta });
        expect(await cta.getAttribute('href')).toBe(`${lang.prefix}/buildings`);
        await cta.click();
        await page.waitForURL(`**${lang.prefix}/buildings`);
        expect(await page.locator('main article').count()).toBe(4);
      });
    });
  }

  it('is in the sitemap in both languages', async () => {
    const xml = await (await fetch(`${server.url}/sitemap.xml`)).text();
    expect(xml).toMatch(/<loc>[^<]*\/buildings<\/loc>/);
    expect(xml).toMatch(/<loc>[^<]*\/en\/buildings<\/loc>/);
  });
});

describe('accessibility of the pages touched', () => {
  for (const lang of LANGS) {
    for (const viewport of VIEWPORTS) {
      for (const path of ['/buildings', BUILDING, FLOOR, UNIT]) {
        it(`has no axe violations on ${lang.prefix}${path} (${viewport.name})`, async () => {
          await onPage(`${lang.prefix}${path}`, viewport, async (page) => {
            if (path === FLOOR) await waitForPlan(page);
            const results = await new AxeBuilder({ page }).analyze();
            const report = results.violations
              .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
              .join('\n');
            expect(results.violations, report).toEqual([]);
          });
        });
      }
    }
  }
});
