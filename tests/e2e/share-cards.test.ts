/**
 * Share cards (issue 13 item 8): every public page, opened in Chromium in both languages, declares a 1200×630
 * PNG card (og:image with its size and alt, summary_large_image); the card is a real PNG of that size, differs
 * between zh and en, is drawn once and then kept, and is drawn again after a status change. Built server, PGlite.
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { startPortalOnPglite } from '../support/server-on-pglite.ts';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

const ADMIN = { email: 'admin@park.example', password: 'a-long-admin-password' };
const UNIT = 'r2-0102';
let server: RunningServer, browser: Browser;
startForFile(
  () => startPortalOnPglite(adminEnv(ADMIN), { ownSiteUrl: true }),
  (portal) => ({ server, browser } = portal),
);

/** The Open Graph and Twitter tags of a page as Chromium sees them. */
async function shareTagsOf(path: string): Promise<Record<string, string>> {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}${path}`);
    return await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')].map((m) => [
          m.getAttribute('property') ?? m.getAttribute('name'),
          m.getAttribute('content') ?? '',
        ]),
      ),
    );
  } finally {
    await page.close();
  }
}

async function fetchPng(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  return { response, body };
}

/** How many times the server has drawn `card` (its log line per drawing). */
async function drawings(card: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('"share_card.drawn"') && line.includes(`"card":"${card}"`)).length;
}

const PAGES: Array<{ path: string; card: RegExp }> = [
  { path: '/', card: /\/share\/park\.png\?v=/ },
  { path: '/map', card: /\/share\/park\.png\?v=/ },
  { path: '/units', card: /\/share\/park\.png\?v=/ },
  { path: `/units/${UNIT}`, card: new RegExp(`/share/units/${UNIT}\\.png\\?v=`) },
  { path: '/buildings/rd-2', card: /\/share\/buildings\/rd-2\.png\?v=/ },
  { path: '/buildings/rd-2/floors/1', card: /\/share\/buildings\/rd-2\.png\?v=/ },
  { path: '/amenities', card: /\/share\/park\.png\?v=/ },
  { path: '/compare', card: /\/share\/park\.png\?v=/ },
  { path: '/contact', card: /\/share\/park\.png\?v=/ },
  { path: '/privacy', card: /\/share\/park\.png\?v=/ },
  { path: '/no-such-page', card: /\/share\/park\.png\?v=/ },
];

describe('share cards', () => {
  it('has fonts with Chinese glyphs on this machine (CI must install fonts-noto-cjk), or cards show empty boxes', () => {
    expect(execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })).toMatch(/Noto Sans CJK SC/);
    expect(execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' })).toMatch(/Noto Sans CJK JP/);
  });

  it('is declared on every public page type, zh and en, with an absolute URL, size, alt and a large Twitter card', async () => {
    for (const { path, card } of PAGES) {
      for (const lang of ['zh', 'en'] as const) {
        const url = lang === 'zh' ? path : `/en${path === '/' ? '/' : path}`;
        const tags = await shareTagsOf(url);
        expect(tags['og:image'], url).toMatch(card);
        expect(tags['og:image'], url).toMatch(new RegExp(`^${server.url}${lang === 'en' ? '/en' : ''}/share/`));
        expect(tags['og:image:width'], url).toBe('1200');
        expect(tags['og:image:height'], url).toBe('630');
        expect(tags['og:image:type'], url).toBe('image/png');
        expect(tags['og:image:alt']?.length, url).toBeGreaterThan(20);
        expect(tags['og:title'], url).toBeTruthy();
        expect(tags['og:description'], url).toBeTruthy();
        expect(tags['og:url'], url).toMatch(new RegExp(`^${server.url}/`));
        expect(tags['og:locale'], url).toBe(lang === 'zh' ? 'zh_CN' : 'en_US');
        expect(tags['twitter:card'], url).toBe('summary_large_image');
        expect(tags['twitter:image'], url).toBe(tags['og:image']);
      }
    }
  }, 240_000);

  it('answers each declared image as a 1200×630 PNG that Chromium shows, different in zh and en', async () => {
    for (const path of ['/', `/units/${UNIT}`, '/buildings/rd-2']) {
      const [zh, en] = await Promise.all([shareTagsOf(path), shareTagsOf(`/en${path === '/' ? '/' : path}`)]);
      const bodies: Buffer[] = [];
      for (const tags of [zh, en]) {
        const { response, body } = await fetchPng(tags['og:image']!);
        expect(response.status, tags['og:image']).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/png');
        expect(await sharp(body).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
        bodies.push(body);
        const page = await browser.newPage();
        await page.goto(tags['og:image']!);
        expect(
          await page.evaluate(() => [document.images[0]?.naturalWidth, document.images[0]?.naturalHeight]),
        ).toEqual([1200, 630]);
        await page.close();
      }
      expect(bodies[0]!.equals(bodies[1]!), path).toBe(false);
      const [zhPixels, enPixels] = await Promise.all(bodies.map((b) => sharp(b).raw().toBuffer()));
      expect(zhPixels!.equals(enPixels!), path).toBe(false);
    }
  }, 120_000);

  it('is drawn once, then answered from memory with an ETag (304 when unchanged) and a cache lifetime', async () => {
    const url = `${server.url}/share/buildings/rd-3.png`;
    const first = await fetchPng(url);
    const second = await fetchPng(url);
    expect(second.body.equals(first.body)).toBe(true);
    expect(await drawings('zh:building:rd-3')).toBe(1);
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{16}"$/);
    expect(first.response.headers.get('cache-control')).toMatch(/^public, max-age=300\b/);
    expect(first.response.headers.get('set-cookie')).toBeNull();
    const revalidated = await fetchPng(url, { 'if-none-match': etag });
    expect(revalidated.response.status).toBe(304);
    // The URL a page declares carries the drawing's hash, so it may be kept for good.
    const pinned = await fetchPng(`${url}?v=${etag.slice(1, -1)}`);
    expect(pinned.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('shows a status change: the page declares a new card URL, and the card is drawn again; other cards stay', async () => {
    const admin = await signInCookie(server.url, ADMIN);
    const change = (id: string, status: string) =>
      fetch(`${server.url}/api/console/inventory/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, cookie: admin },
        body: JSON.stringify({ action: 'update', status, listRentPerSqmDay: '5.20' }),
      });
    const before = await shareTagsOf(`/units/${UNIT}`);
    const oldCard = await fetchPng(before['og:image']!);
    const buildingCard = await fetchPng(`${server.url}/share/buildings/rd-3.png`);
    const drawnBefore = await drawings('zh:building:rd-3');
    try {
      expect((await change(UNIT, 'unavailable')).status).toBe(200);
      const after = await shareTagsOf(`/units/${UNIT}`);
      expect(after['og:image']).not.toBe(before['og:image']);
      expect(after['og:image:alt']).toContain('暂不可租');
      const newCard = await fetchPng(after['og:image']!, { 'if-none-match': oldCard.response.headers.get('etag')! });
      expect(newCard.response.status).toBe(200);
      expect(newCard.body.equals(oldCard.body)).toBe(false);
      // The old URL (older hash) gets the current card too, kept only briefly.
      const byOldUrl = await fetchPng(before['og:image']!);
      expect(byOldUrl.body.equals(newCard.body)).toBe(true);
      expect(byOldUrl.response.headers.get('cache-control')).toMatch(/max-age=300/);
      // A building whose units did not change keeps its drawing.
      const sameBuilding = await fetchPng(`${server.url}/share/buildings/rd-3.png`);
      expect(sameBuilding.response.headers.get('etag')).toBe(buildingCard.response.headers.get('etag'));
      expect(await drawings('zh:building:rd-3')).toBe(drawnBefore);
    } finally {
      expect((await change(UNIT, 'available')).status).toBe(200);
    }
  });

  it('answers 404 for an unknown unit or building, and 4xx (never 500) for bad path parameters', async () => {
    for (const path of [
      '/share/units/r9-9999.png',
      '/en/share/units/r9-9999.png',
      '/share/buildings/nope.png',
      '/en/share/buildings/nope.png',
      `/share/units/${UNIT.toUpperCase()}.png`,
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).not.toBe('image/png');
    }
    const bad = [
      '/share/units/%00.png',
      '/share/units/..%2F..%2Fetc%2Fpasswd.png',
      `/share/units/${'a'.repeat(4000)}.png`,
      '/share/buildings/%E0%A4%A.png',
      '/en/share/units/%25.png',
      '/share/units/r2-0102.png/more',
      '/share/park.png?v=%3Cscript%3E',
      '/share/units/.png',
      '/share/units/r2-0102%0A.png',
      '/en/share/buildings/rd-1.png%00',
    ];
    for (const path of bad) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(path.includes('?v=') ? 200 : 400);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});
