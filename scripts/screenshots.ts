/**
 * Screenshots of pages in headless Chromium, desktop and phone, for looking at what we build.
 *
 *   node scripts/screenshots.ts [base URL] [path ...]
 *   e.g. node scripts/screenshots.ts http://127.0.0.1:4321 / /en/ /units/r1-0501
 * Writes PNGs to screenshots/ (git-ignored). SCREENSHOT_FULL_PAGE=0 captures only the first screen.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './lib/launch-chromium.ts';

const [base = 'http://127.0.0.1:4321', ...paths] = process.argv.slice(2);
const targets = paths.length ? paths : ['/', '/en/'];
const outDir = join(import.meta.dirname, '..', 'screenshots');
mkdirSync(outDir, { recursive: true });

const browser = await launchChromium();
const viewports = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
for (const viewport of viewports) {
  const page = await browser.newPage({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 1,
  });
  for (const path of targets) {
    await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
    const file = join(outDir, `${viewport.name}${path.replace(/[^a-z0-9]+/gi, '_') || '_'}.png`);
    await page.screenshot({ path: file, fullPage: process.env.SCREENSHOT_FULL_PAGE !== '0' });
    console.log(file);
  }
  await page.close();
}
await browser.close();
