/**
 * English pages set text in Latin fonts first (so ’ “ ” are narrow Latin glyphs, not the full-width ones of a
 * CJK font: "Park’ s"); Chinese pages keep a CJK font first. Real Chromium on the built server.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startPortalOnPglite } from '../support/server-on-pglite.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

let server: RunningServer, browser: Browser;
startForFile(
  () => startPortalOnPglite(),
  (portal) => ({ server, browser } = portal),
);

const CJK_FAMILY = /CJK|PingFang|Hiragino|YaHei|Han Sans|Han Serif|Song|SimSun/i;

interface Typography {
  firstFamily: string;
  displayFirstFamily: string;
  fontSize: number;
  curly: number;
  straight: number;
  hasCurlyText: boolean;
}

/** The first font family of the body and of a heading, and the rendered widths of "Park’s" and "Park's" set in the page's text. */
async function typographyOf(path: string): Promise<Typography> {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}${path}`);
    return await page.evaluate(() => {
      const first = (family: string) =>
        family
          .split(',')[0]!
          .trim()
          .replace(/^["']|["']$/g, '');
      const main = document.querySelector('main') ?? document.body;
      const heading = document.querySelector('.display') ?? main;
      const width = (text: string) => {
        const span = document.createElement('span');
        span.textContent = text;
        main.append(span);
        const range = document.createRange();
        range.selectNodeContents(span);
        const measured = range.getBoundingClientRect().width;
        span.remove();
        return measured;
      };
      return {
        firstFamily: first(getComputedStyle(main).fontFamily),
        displayFirstFamily: first(getComputedStyle(heading).fontFamily),
        fontSize: parseFloat(getComputedStyle(main).fontSize),
        curly: width('Park’s'),
        straight: width("Park's"),
        hasCurlyText: /[’“”]/.test(main.textContent ?? ''),
      };
    });
  } finally {
    await page.close();
  }
}

describe('typography per language', () => {
  it("sets English pages with ’ and “ ” in a Latin font first, so “Park’s” is as narrow as “Park's”", async () => {
    for (const path of ['/en/']) {
      const english = await typographyOf(path);
      expect(english.hasCurlyText, path).toBe(true);
      expect(english.firstFamily, path).not.toMatch(CJK_FAMILY);
      expect(english.displayFirstFamily, path).not.toMatch(CJK_FAMILY);
      // A full-width ’ is a whole em wide; a Latin one is about as wide as the straight apostrophe.
      expect(english.curly - english.straight, path).toBeLessThan(0.3 * english.fontSize);
    }
  });

  it('keeps Chinese pages in a CJK font first', async () => {
    const chinese = await typographyOf('/');
    expect(chinese.firstFamily).toMatch(CJK_FAMILY);
    expect(chinese.displayFirstFamily).toMatch(CJK_FAMILY);
  });

  it('writes English phrases the English way and leaves the Chinese ones as they were', async () => {
    const html = async (path: string) => (await fetch(`${server.url}${path}`)).text();
    const home = await html('/en/');
    expect(home).toMatch(/>from \d+\.\d\d</);
    expect(home).not.toMatch(/CNY\/m²\/day from/);
    expect(await html('/')).toMatch(/元\/㎡\/天 起/);
    expect(await html('/en/buildings/rd-2')).toMatch(/>from \d+\.\d\d</);
    expect(await html('/en/units/r2-1201')).toContain('<title>R&amp;D Building 2 · Level 12 · Unit 1201 ·');
    expect(await html('/units/r2-1201')).toContain('<title>科研2号楼 12层 1201 ·');
    const search = await html('/en/units');
    expect(search).toContain('&quot;perMonth&quot;:[0,&quot;Per month&quot;]');
  });
});
