/**
 * The photo pipeline, end to end: pictures laid out as the park would supply them (drawn by the test; no
 * photographs ship with the project) are built into a copy of the portal (PHOTOS_DIR, its own outDir), and its
 * pages must offer them through Astro's image pipeline — AVIF and WebP at several widths with `sizes` — which
 * the server encodes once and then answers from its response cache; a phone-sized Chromium picks a fitting AVIF.
 */
import { execFile } from 'node:child_process';
import { cpSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/launch-chromium.ts';
import { PHOTO_FIXTURES, writePhotoFixtures } from '../support/photo-fixtures.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const root = join(import.meta.dirname, '..', '..');
// Inside the project, so the copied serve.mjs finds node_modules and the built code finds data/.
const workDir = join(root, '.data', `photo-test-${process.pid}`);
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await writePhotoFixtures(join(workDir, 'photos'));
  await promisify(execFile)(join(root, 'node_modules', '.bin', 'astro'), ['build', '--outDir', join(workDir, 'dist')], {
    cwd: root,
    env: { ...process.env, PHOTOS_DIR: join(workDir, 'photos') },
    maxBuffer: 64 * 1024 * 1024,
  });
  // The whole folder: serve.mjs imports its helpers from scripts/lib/.
  cpSync(join(root, 'scripts'), join(workDir, 'scripts'), { recursive: true });
  server = await startServer({ PGLITE_DIR: join(workDir, 'pglite') }, undefined, join(workDir, 'scripts', 'serve.mjs'));
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const decode = (html: string) => html.replaceAll('&amp;', '&');
const pictures = (html: string) => [...decode(html).matchAll(/<picture>(.*?)<\/picture>/gs)].map((m) => m[1]!);
const srcset = (picture: string, type: string) => {
  const set = new RegExp(`<source srcset="([^"]+)" type="${type}" sizes="([^"]+)"`).exec(picture);
  return set
    ? { entries: set[1]!.split(', ').map((entry) => entry.split(' ') as [string, string]), sizes: set[2]! }
    : undefined;
};

describe('photos', () => {
  it('are offered in AVIF and WebP at several widths, with sizes, alt text in the page language, dimensions and the credit', async () => {
    const zh = await (await fetch(`${server.url}/buildings/rd-1`)).text();
    const en = await (await fetch(`${server.url}/en/buildings/rd-1`)).text();
    const [facade, lobby] = pictures(zh);
    expect(pictures(zh)).toHaveLength(3);
    for (const type of ['image/avif', 'image/webp']) {
      const set = srcset(facade!, type)!;
      expect(set.entries.map(([, w]) => w)).toEqual(['480w', '800w', '1200w', '1600w']);
      expect(set.sizes).toBe('(min-width: 64rem) 46rem, 100vw');
      // No variant wider than the original (the lobby picture is 1,000 px wide).
      expect(srcset(lobby!, type)!.entries.map(([, w]) => w)).toEqual(['480w', '800w', '1000w']);
    }
    expect(facade).toMatch(/alt="科研1号楼南立面"[^>]*loading="eager"[^>]*width="2400" height="1600"/);
    expect(lobby).toMatch(/alt="科研1号楼大堂"[^>]*loading="lazy"/);
    expect(zh).toContain('实景照片');
    expect(zh).toContain('摄影：Test pictures drawn by the test suite');
    expect(pictures(en)[0]).toContain('alt="South facade of R&D Building 1"');
    expect(en).toContain('Photography: Test pictures drawn by the test suite');
    expect(pictures(await (await fetch(`${server.url}/units/r1-0501`)).text())).toHaveLength(1);
    // Where the park has supplied nothing, there is no gallery at all.
    const withoutPhotos = await (await fetch(`${server.url}/buildings/rd-2`)).text();
    expect(pictures(withoutPhotos)).toHaveLength(0);
    expect(withoutPhotos).not.toContain('实景照片');
  });

  it('encodes each variant at the asked width and format once, then answers it from the cache', async () => {
    const html = await (await fetch(`${server.url}/units/r1-0501`)).text();
    const [picture] = pictures(html);
    const fixture = PHOTO_FIXTURES.find((f) => f.id === 'r1-0501')!.files[0]!;
    const original = statSync(join(workDir, 'photos', 'units', 'r1-0501', fixture.file)).size;
    for (const [type, format] of [
      ['image/avif', 'heif'],
      ['image/webp', 'webp'],
    ] as const) {
      for (const [url, width] of srcset(picture!, type)!.entries) {
        const response = await fetch(`${server.url}${url}`);
        expect(response.status, url).toBe(200);
        expect(response.headers.get('content-type'), url).toBe(type);
        expect(response.headers.get('cache-control'), url).toBe('public, max-age=31536000');
        expect(response.headers.getSetCookie(), url).toEqual([]);
        const bytes = Buffer.from(await response.arrayBuffer());
        const meta = await sharp(bytes).metadata();
        expect(meta.format, url).toBe(format);
        expect(`${meta.width}w`, url).toBe(width);
        expect(bytes.length, url).toBeLessThan(original);
      }
    }
    // The fallback <img> (original format, its own widths and full size) is offered too.
    const img = /<img src="([^"]+)" srcset="([^"]+)"/.exec(picture!)!;
    for (const url of [img[1]!, ...img[2]!.split(', ').map((entry) => entry.split(' ')[0]!)]) {
      const response = await fetch(`${server.url}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe('image/jpeg');
    }
    const [url] = srcset(picture!, 'image/avif')!.entries[1]!;
    const first = await fetch(`${server.url}${url}`);
    const again = await fetch(`${server.url}${url}`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const log = server
      .output()
      .split('\n')
      .filter((line) => line.includes('"path":"/_image"'));
    expect(log.filter((line) => line.includes('"cached":true')).length).toBeGreaterThanOrEqual(2);
  });

  it("answers every URL the pages offer, whatever the photo's shape and format", async () => {
    const html = await (await fetch(`${server.url}/buildings/rd-1`)).text();
    const urls = pictures(html).flatMap((picture) =>
      [...picture.matchAll(/(?:srcset|src)="([^"]+)"/g)].flatMap((m) =>
        m[1]!.split(', ').map((entry) => entry.split(' ')[0]!),
      ),
    );
    expect(urls.length).toBeGreaterThan(30);
    for (const url of new Set(urls)) expect((await fetch(`${server.url}${url}`)).status, url).toBe(200);
    const hall = pictures(html)[2]!;
    expect(hall).toContain('h=892'); // 1200 px wide: Astro's rounding of 1200 / (1280 / 952)
    expect(/<img src="([^"]+)"/.exec(hall)![1]).toContain('f=jpg');
  });

  it('refuses (404, before any encoding) every variant the pages do not offer', async () => {
    const [picture] = pictures(await (await fetch(`${server.url}/units/r1-0501`)).text());
    const [offered] = srcset(picture!, 'image/webp')!.entries[0]!;
    const href = new URL(offered, server.url).searchParams.get('href')!;
    const refused = [
      offered.replace('w=480', 'w=481'),
      offered.replace('h=320', 'h=321'),
      offered.replace('f=webp', 'f=gif'),
      `${offered}&q=5`,
      offered.replace('w=480', 'w=4.8e2'),
      offered.replace('w=480', 'w=0480'),
      `/_image?w=480&href=${encodeURIComponent(href)}&h=320&f=webp`,
      `/_image?href=${encodeURIComponent(href)}&w=480&h=320`,
      '/_image?href=%2Ffavicon.svg&w=100&h=100&f=webp',
      '/_image?href=%2F..%2F..%2Fetc%2Fpasswd&w=480&h=320&f=webp',
      '/_image?href=https%3A%2F%2Fevil.example%2Fa.jpg&w=480&h=320&f=webp',
      '/_image',
      // The guard reads the path without its language prefix, as every rule of the pipeline does.
      `/en${offered.replace('w=480', 'w=481')}`,
    ];
    for (const url of refused) {
      const response = await fetch(`${server.url}${url}`);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('图片不存在 · No such image');
    }
    expect((await fetch(`${server.url}${offered}`)).status).toBe(200);
  });

  it('lets a phone pick an AVIF that fits its screen, and decodes it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${server.url}/units/r1-0501`);
    const image = page.locator('.photo-gallery img').first();
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const chosen = await image.evaluate((img: HTMLImageElement) => img.currentSrc);
    expect(chosen).toContain('f=avif');
    // 390 CSS px at 2× wants at least 780 px: the 800 px variant, not the 1,200 or 1,600.
    expect(new URL(chosen).searchParams.get('w')).toBe('800');
    expect(errors).toEqual([]);
    await context.close();
  });
});
