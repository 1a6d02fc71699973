import { describe, expect, it } from 'vitest';
import { startServerOnPglite, type ServerOnPglite } from '../support/server-on-pglite.ts';
import { startForFile } from '../support/start-for-file.ts';
import { startServerExpectingFailure, type RunningServer } from '../support/start-server.ts';

let portal: ServerOnPglite, server: RunningServer;
startForFile(startServerOnPglite, (started) => ({ server } = portal = started));

async function get(path: string) {
  const response = await fetch(new URL(path, server.url), { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

/** Every same-site page link in a page (not assets, not other sites, without #fragments). */
function pageLinks(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'))
    .map((href) => href.split('#')[0]!)
    .filter((href) => href.length > 0);
}

describe('the built portal', () => {
  it('serves the home page in Chinese with the center’s name and 7.8万㎡', async () => {
    const { status, html } = await get('/');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('丰台航空航天创新中心');
    expect(html).toContain('7.8万㎡');
  });

  it('serves the home page in English under /en/', async () => {
    const { status, html } = await get('/en/');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Fengtai Aerospace Innovation Center');
    expect(html).toContain('78,000 m²');
  });

  it('answers 200 for every building, unit and amenity page linked from the home pages', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/en/'];
    const failures: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { status, html } = await get(path);
      if (status !== 200) failures.push(`${path} → ${status}`);
      for (const link of pageLinks(html)) if (!seen.has(link)) queue.push(link);
    }
    expect(failures).toEqual([]);
    const crawled = [...seen];
    // Both languages of every kind of page were reached, and every unit in the catalog.
    expect(crawled.filter((p) => /^\/units\/[a-z0-9-]+$/.test(p)).length).toBeGreaterThanOrEqual(150);
    expect(crawled.filter((p) => /^\/en\/units\/[a-z0-9-]+$/.test(p)).length).toBeGreaterThanOrEqual(150);
    for (const path of ['/buildings/rd-1', '/buildings/service', '/en/buildings/rd-3', '/amenities', '/en/amenities'])
      expect(crawled).toContain(path);
  });

  it('keeps the current page when switching language', async () => {
    const { html } = await get('/units/r1-0501');
    expect(html).toMatch(/href="\/en\/units\/r1-0501"[^>]*hreflang="en"/);
    const english = await get('/en/units/r1-0501');
    expect(english.html).toMatch(/href="\/units\/r1-0501"[^>]*hreflang="zh-CN"/);
  });

  it('answers a real 404 page in the right language for unknown units and buildings', async () => {
    for (const [path, text] of [
      ['/units/does-not-exist', '找不到这个单元'],
      ['/en/units/does-not-exist', 'We can’t find that unit'],
      ['/buildings/nope', '找不到这栋楼'],
      ['/en/buildings/nope', 'We can’t find that building'],
      ['/no-such-page', '页面不存在'],
      ['/en/no-such-page', 'Page not found'],
    ] as const) {
      const { status, html } = await get(path);
      expect(status, path).toBe(404);
      expect(html, path).toContain(text);
    }
  });

  it('never answers 500 for odd paths a visitor could type', async () => {
    for (const path of [
      '/units/%E0%A4%A',
      '/units/..%2F..%2Fetc%2Fpasswd',
      '/buildings/%00',
      `/units/${'x'.repeat(3000)}`,
      '/en/en/units/r1-0501',
      '/units/R1-0501',
    ]) {
      const { status } = await get(path);
      expect(status, path).toBeLessThan(500);
    }
  });

  it('creates the first console administrator on a fresh start and prints its one-time password once', () => {
    expect(server.output()).toMatch(
      /Console administrator created: admin@portal\.invalid\n\s+One-time password: \S{16}/,
    );
  });

  it('refuses to start a second server on the same PGLITE_DIR, quickly and saying why', async () => {
    const { code, output } = await startServerExpectingFailure({ PGLITE_DIR: portal.pgliteDir });
    expect(code).not.toBe(0);
    expect(output).toMatch(/already in use by process \d+/);
    expect(output).toContain('PGlite allows only one process per directory');
  });
});
