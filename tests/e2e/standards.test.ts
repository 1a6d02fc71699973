/**
 * Every page type, in Chinese and English, at 1366×900 and on a 390×844 phone, checked with axe-core (every rule
 * it runs by default, every impact: minor and moderate fail too), plus the states people meet on them (the
 * board's Lost dialog, a form with validation errors, an empty search, the phone menu open); and the served
 * HTML of every page type checked by the W3C Nu HTML checker. Both must find nothing.
 *
 * STANDARDS_SHOTS=<dir> also writes a screenshot of each page checked.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHtml } from '../support/nu-html-checker.ts';
import { postLead, postReservation, postTourRequest, sendInquiry } from '../support/portal-api.ts';
import { startPortalWithFakeStripe, type PortalWithFakeStripe } from '../support/portal-with-fake-stripe.ts';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';
import { wakeIslands } from '../support/wake-islands.ts';

const WEBHOOK_SECRET = 'whsec_standards';
const ADMIN = { email: 'standards@park.example', password: 'long-enough-password-1' };
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const LANGS = [
  ['zh', ''],
  ['en', '/en'],
] as const;
const shots = process.env.STANDARDS_SHOTS;

let portal: PortalWithFakeStripe;
let server: RunningServer;
let browser: Browser;
let sql: pg.Client;
/** The staff session cookie (name=value). */
let session = '';

interface PageCase {
  label: string;
  path: string;
  staff?: boolean;
  /** Brings the page into the state to check (opens a dialog, submits a form…). */
  prepare?: (page: Page, prefix: string) => Promise<void>;
}

/** Every page type, by path without the language prefix; filled in once the data they show exists. */
const pages: PageCase[] = [];
/** Paths whose served HTML the Nu checker reads (every page type, no states). */
const documents: Array<{ label: string; path: string; staff?: boolean }> = [];

/** Starts a reservation of `unitId` for a remote-sensing company (e-mail named after the unit). */
const reserveFor = (unitId: string, companyName: string, contactName: string) =>
  postReservation(server.url, {
    unitId,
    companyName,
    contactName,
    email: `${unitId}@standards.example`,
    industryTrack: 'remote-sensing',
    consent: true,
  });

/** Starts a reservation, pays (or cancels) on the fake Stripe's hosted page and returns the return page's path. */
async function checkoutReturn(unitId: string, outcome: 'complete' | 'cancel'): Promise<string> {
  const started = await reserveFor(unitId, '标准检查卫星有限公司', '李工');
  expect(started.status).toBe(201);
  const { checkoutUrl } = await started.json();
  const returned = await fetch(`${checkoutUrl}/${outcome}`, { method: 'POST', redirect: 'manual' });
  const location = new URL(returned.headers.get('location')!);
  return `${location.pathname}${location.search}`;
}

beforeAll(async () => {
  portal = await startPortalWithFakeStripe(WEBHOOK_SECRET, { MAP_TILES: 'none', ...adminEnv(ADMIN) });
  ({ server, browser, sql } = portal);
  session = (await signInCookie(server.url, ADMIN)).split('; ').find((c) => c.startsWith('aic.session_token='))!;

  const { rows: free } = await sql.query<{ unit_id: string }>(
    `select unit_id from unit_states where status = 'available' and unit_id like 'r1-05%' order by unit_id`,
  );
  const [unit, other, reserved, given, held] = free.map((r) => r.unit_id);
  const reference = await sendInquiry(server.url, {
    companyName: '标准检查导航有限公司',
    email: 'lead@standards.example',
  });
  const {
    rows: [lead],
  } = await sql.query<{ id: string }>('select id from leads where reference = $1', [reference]);
  await sql.query(
    `insert into embeds (id, name, filters, created_by) values ('embstandard', '标准检查', 'building=rd-1', 'test')`,
  );
  const success = await checkoutReturn(reserved!, 'complete');
  const cancelled = await checkoutReturn(given!, 'cancel');
  // Two tour pages: one to book a time on, one with a tour booked (administrators give tours once they have a profile).
  await sql.query(`insert into agent_profiles (user_id) select id from staff_users where role = 'admin'`);
  const tourPath = async (companyName: string) => {
    const answer = await postLead(server.url, {
      companyName,
      contactName: '钱工',
      email: `${companyName.length}@standards.example`,
      industryTrack: 'remote-sensing',
      consent: true,
    });
    return new URL((await answer.json()).acknowledgement.tourUrl).pathname;
  };
  const toBook = await tourPath('标准检查看房甲公司');
  const booked = await tourPath('标准检查看房乙公司有限责任');
  const slots = await (await fetch(`${server.url}/api/v1/tour-slots?days=14`)).json();
  const token = booked.split('/').at(-1);
  expect((await postTourRequest(server.url, { token, start: slots.slots[0].start })).status).toBe(201);
  // A proposal sent twice: the page of the latest version (with the comparison) and of the one it replaced.
  const consolePost = (action: string, fields: Record<string, string>) =>
    fetch(`${server.url}/api/console/leads/${lead!.id}/${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const nextYear = `${new Date().getUTCFullYear() + 1}-03-01`;
  for (const rent of ['4.80', '4.60']) {
    const drafted = await consolePost('proposal', {
      unitIds: unit!,
      rentPerSqmDay: rent,
      termMonths: '36',
      startDate: nextYear,
      rentFreeMonths: '2',
      escalationFrom: '3',
      escalationPercent: '3',
    });
    expect(await drafted.json()).toEqual({ ok: true });
    const leadPage = await (
      await fetch(`${server.url}/console/leads/${lead!.id}`, { headers: { cookie: session } })
    ).text();
    const proposalId = /name="proposalId" value="([0-9a-f-]{36})"/.exec(leadPage)![1]!;
    expect(await (await consolePost('proposal-send', { proposalId })).json()).toEqual({ ok: true });
  }
  const leadPage = await (
    await fetch(`${server.url}/console/leads/${lead!.id}`, { headers: { cookie: session } })
  ).text();
  const [latestProposal, firstProposal] = [
    ...new Set([...leadPage.matchAll(/href="(\/proposals\/[\w.-]+)/g)].map((m) => m[1]!)),
  ];
  const holding = await reserveFor(held!, '标准检查遥感有限公司', '王工');
  expect(holding.status).toBe(201);
  const checkoutStep = new URL((await holding.json()).nextUrl, server.url);

  const publicPages: PageCase[] = [
    { label: 'home', path: '/' },
    { label: 'map', path: '/map' },
    { label: 'buildings', path: '/buildings' },
    { label: 'building', path: '/buildings/rd-1' },
    { label: 'building, stacking plan by lease end', path: '/buildings/rd-2?view=expiry' },
    { label: 'floor', path: '/buildings/rd-1/floors/5' },
    { label: 'search', path: '/units' },
    { label: 'search with filters', path: '/units?building=rd-1&minArea=100' },
    { label: 'empty search', path: '/units?minArea=99999' },
    { label: 'search on plans', path: '/units?view=map&building=rd-2' },
    { label: 'search with invalid filters', path: '/units?minArea=abc&maxArea=-5' },
    { label: 'unit', path: `/units/${unit}` },
    { label: 'unit, costs after policy support', path: `/units/${unit}?profile=little-giant&profile=aerospace` },
    { label: 'flyer', path: `/units/${unit}/flyer` },
    { label: 'compare (empty)', path: '/compare' },
    { label: 'compare', path: `/compare?units=${unit},${other}` },
    { label: 'compare, differences only', path: `/compare?units=${unit},${other}&diff=1` },
    { label: 'amenities', path: '/amenities' },
    { label: 'contact', path: '/contact' },
    { label: 'privacy', path: '/privacy' },
    { label: 'reserve', path: `/reserve/${unit}` },
    { label: 'reserve (reserved unit)', path: `/reserve/${reserved}` },
    { label: 'reserve (held unit)', path: `/reserve/${held}` },
    { label: 'checkout step with the hold countdown', path: `${checkoutStep.pathname}${checkoutStep.search}` },
    { label: 'reserve cancelled', path: cancelled },
    { label: 'reserve cancelled (unknown payment)', path: '/reserve/cancelled' },
    { label: 'reserve success', path: success },
    { label: 'not found', path: '/no-such-page' },
    { label: 'embed listings', path: '/embed/listings?embed=embstandard' },
    { label: 'embed unit', path: `/embed/units/${unit}?embed=embstandard` },
    { label: 'console sign-in', path: '/console/login' },
    { label: 'tour page, to book', path: toBook },
    { label: 'tour page, booked', path: booked },
    { label: 'tour page, link not valid', path: '/tours/not-a-token' },
    { label: 'proposal, latest of two versions', path: latestProposal! },
    { label: 'proposal, replaced by a newer version', path: firstProposal! },
    { label: 'proposal, link not valid', path: '/proposals/not-a-token' },
  ];
  const consolePages: PageCase[] = [
    { label: 'console overview', path: '/console' },
    { label: 'pipeline', path: '/console/pipeline' },
    { label: 'lead', path: `/console/leads/${lead!.id}` },
    { label: 'inventory', path: '/console/inventory' },
    { label: 'inventory by lease end', path: '/console/inventory?building=rd-2&view=expiry' },
    { label: 'audit', path: '/console/audit' },
    { label: 'embeds', path: '/console/embeds' },
    { label: 'users', path: '/console/users' },
    { label: 'team & hours', path: '/console/team' },
    { label: 'account', path: '/console/account' },
  ].map((p) => ({ ...p, staff: true }));
  documents.push(...publicPages, ...consolePages);
  pages.push(
    ...publicPages,
    {
      label: 'contact form with validation errors',
      path: '/contact',
      prepare: async (page) => {
        await page.locator('form button[type=submit]').first().click();
        await page.locator('[aria-invalid=true]').first().waitFor();
      },
    },
    {
      label: 'phone menu open',
      path: '/',
      prepare: async (page) => {
        const menu = page.locator('header details summary').first();
        if (await menu.isVisible()) {
          await menu.click();
          await page.locator('header details[open]').first().waitFor();
        }
      },
    },
    ...consolePages,
    {
      label: 'pipeline with the Lost dialog open',
      path: '/console/pipeline',
      staff: true,
      prepare: async (page) => {
        await page.selectOption(`[data-lead="${reference}"] select`, 'lost');
        await page.getByRole('dialog').waitFor();
      },
    },
  );
});
afterAll(() => portal?.stop());

/**
 * Waits until every island on the page has hydrated (Astro drops `ssr` from an island once React has run),
 * reaching first for those that wait for a visitor (client:interaction), so that the live state is checked.
 * Their server-drawn state is what the Nu checker reads.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await wakeIslands(page).catch(() => undefined);
  await page
    .waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, { timeout: 15_000 })
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
}

function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) => {
      // Six nodes tell what is wrong; the rest only how often (the inventory had 83 of one kind).
      const nodes = v.nodes
        .slice(0, 6)
        .map(
          (n) =>
            `    ${n.target.join(' >>> ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`,
        );
      if (v.nodes.length > 6) nodes.push(`    … and ${v.nodes.length - 6} more`);
      return `  [${v.impact}] ${v.id}: ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Checks every page in one language at one viewport, in one context: signed out for public pages, in for console pages. */
async function checkEveryPage(viewport: keyof typeof VIEWPORTS, [lang, prefix]: (typeof LANGS)[number]): Promise<void> {
  const phone = viewport === 'phone';
  const context: BrowserContext = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    isMobile: phone,
    hasTouch: phone,
  });
  const page = await context.newPage();
  const found: string[] = [];
  if (shots) mkdirSync(shots, { recursive: true });
  for (const item of pages) {
    await context.clearCookies();
    if (item.staff)
      await context.addCookies([
        { name: session.split('=')[0]!, value: session.slice(session.indexOf('=') + 1), url: server.url },
      ]);
    await page.goto(`${server.url}${prefix}${item.path}`);
    await settle(page);
    await item.prepare?.(page, prefix);
    const results = await new AxeBuilder({ page }).analyze();
    if (results.violations.length)
      found.push(
        `${item.label} (${lang}, ${viewport}, ${prefix}${item.path}):\n${describeViolations(results.violations)}`,
      );
    if (shots)
      await page.screenshot({
        path: join(shots, `${viewport}-${lang}-${item.label.replace(/[^\w]+/g, '-')}.png`),
        fullPage: true,
      });
  }
  await context.close();
  expect(found, `axe found violations on ${found.length} pages:\n${found.join('\n')}`).toEqual([]);
}

describe('accessibility (axe-core, every rule and impact) and valid HTML (W3C Nu checker)', () => {
  // About 35 pages each; generous limits, because CI machines are shared.
  for (const viewport of ['desktop', 'phone'] as const) {
    for (const lang of LANGS) {
      it(`finds no axe violation on any page or state in ${lang[0]} at ${VIEWPORTS[viewport].width}×${VIEWPORTS[viewport].height}`, async () => {
        await checkEveryPage(viewport, lang);
      }, 900_000);
    }
  }

  it('marks each language of the bilingual flyer with its own lang, on the zh and the en flyer alike', async () => {
    const flyer = documents.find((d) => d.label === 'flyer')!.path;
    const page = await browser.newPage();
    for (const [, prefix] of LANGS) {
      await page.goto(`${server.url}${prefix}${flyer}`);
      const wrong = await page.evaluate(() => {
        const found: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent!.trim();
          const parent = node.parentElement!;
          if (!text || parent.closest('script, svg')) continue;
          const lang = parent.closest('[lang]')!.getAttribute('lang')!;
          const isChinese = /[\u4e00-\u9fff]/.test(text);
          // English words: four letters or more outside e-mail addresses and units of measure.
          const isEnglish = !isChinese && /[A-Za-z]{4,}/.test(text.replace(/\S+@\S+/g, ''));
          if ((isChinese && !lang.startsWith('zh')) || (isEnglish && lang !== 'en')) found.push(`${lang}: ${text}`);
        }
        return found;
      });
      expect(wrong, `${prefix || '/'} flyer`).toEqual([]);
    }
    await page.close();
  });

  it('finds no Nu HTML checker error in the served HTML of any page type, zh and en', async () => {
    const html = new Map<string, string>();
    for (const [lang, prefix] of LANGS) {
      for (const item of documents) {
        const response = await fetch(`${server.url}${prefix}${item.path}`, {
          headers: item.staff ? { cookie: session } : {},
        });
        html.set(`${item.label} (${lang}, ${prefix}${item.path})`, await response.text());
      }
    }
    const errors = await checkHtml(html);
    const report = errors
      .map(
        (e) =>
          `  ${e.document}:${e.line ?? ''} ${e.message}${e.extract ? ` — ${JSON.stringify(e.extract.slice(0, 160))}` : ''}`,
      )
      .join('\n');
    expect(errors.length, `Nu HTML checker errors:\n${report}`).toBe(0);
  }, 300_000);
});
