/**
 * Issue 17's saved searches on the running server, as a visitor meets them: "notify me" on the unit search (no
 * JavaScript, a phone, zh), the double opt-in e-mail through a real SMTP server, the manage page, and one-click
 * unsubscribe the way a mail provider does it (a form POST from its own server, no Origin) — which must get past
 * the portal's and Astro's cross-site checks for that one address and nowhere else.
 */
import PostalMime from 'postal-mime';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../support/fake-services.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';

let portal: PortalOnPostgres;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  portal = await startPortalOnPostgres({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await portal?.stop();
  await smtp?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await portal.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    javaScriptEnabled: false,
  });
  return { context, page: await context.newPage() };
}

async function mailTo(address: string): Promise<Awaited<ReturnType<typeof PostalMime.parse>>> {
  await expect.poll(() => smtp.mails.filter((m) => m.to.includes(address)).length, { timeout: 15_000 }).toBe(1);
  return PostalMime.parse(smtp.mails.find((m) => m.to.includes(address))!.raw);
}

describe('space alerts on the running server', () => {
  it('signs up from the search without JavaScript, confirms from the e-mail, and unsubscribes in one click', async () => {
    const { server } = portal;
    const { context, page } = await phone();
    await page.goto(`${server.url}/units?building=rd-2&minArea=300`, { waitUntil: 'load' });
    await page.getByRole('link', { name: '有合适房源时通知我' }).click();
    await page.waitForURL(/\/alerts\/new\?/);
    expect(await page.getByTestId('alert-search').innerText()).toContain('科研2号楼');
    // The link names no horizon: the default is 90 days, not "available now only".
    expect(await page.locator('input[name=horizonDays][value="90"]').isChecked()).toBe(true);
    await page.locator('input[name=email]').fill('Alerts.Person@Example.com');
    await page.locator('input[name=horizonDays][value="180"]').check();
    await page.locator('input[name=consent]').check();
    await page.getByRole('button', { name: '订阅提醒' }).click();
    await page.waitForURL(/\/alerts\/new\?sent=1$/);
    expect(await page.locator('[role=status]').innerText()).toContain('请查收邮件');

    // The double opt-in e-mail, with the one-click header and the manage link; nothing is confirmed yet.
    const mail = await mailTo('alerts.person@example.com');
    expect(mail.subject).toBe('请确认您的房源提醒');
    const header = (name: string) => mail.headers.find((h) => h.key === name)?.value ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const oneClick = /<(http[^>]+)>/.exec(header('list-unsubscribe'))![1]!;
    const manage = /(http\S+\/alerts\/\S+)/.exec(mail.text ?? '')![1]!;
    await page.goto(manage.replace(/^https?:\/\/[^/]+/, server.url), { waitUntil: 'load' });
    expect(await page.locator('[data-alert-state]').getAttribute('data-alert-state')).toBe('pending');
    await page.getByRole('button', { name: '确认订阅' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('[role=status]').innerText()).toContain('已确认');
    expect(await page.locator('[data-alert-state]').getAttribute('data-alert-state')).toBe('active');

    // The mail provider's one-click POST: a form body, no Origin, from another machine.
    const url = oneClick.replace(/^https?:\/\/[^/]+/, server.url);
    const clicked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('[data-alert-state]').getAttribute('data-alert-state')).toBe('unsubscribed');
    // Only that address is let through without an Origin; a page's form post elsewhere still is not.
    const elsewhere = await fetch(`${server.url}/api/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'action=delete-all&token=x',
    });
    expect(elsewhere.status).toBe(403);
    // A GET of the one-click address only leads to the page, which asks.
    const got = await fetch(url, { redirect: 'manual' });
    expect(got.status).toBe(303);
    await context.close();
  });

  it('explains a search with no filter, and refuses bad fields in words, keeping what was typed', async () => {
    const { server } = portal;
    const { context, page } = await phone();
    // No filter yet (the link on an untouched search): the page says what to do first; a bad filter is a 400.
    const response = await page.goto(`${server.url}/en/alerts/new?sort=area-desc`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('Set a search on the Find space page first');
    expect((await page.goto(`${server.url}/en/alerts/new?minArea=lots`))?.status()).toBe(400);
    expect(await page.locator('main').innerText()).toContain('a filter that is not valid');

    // An address the browser lets through but the portal does not (no dot in the domain): the page comes back
    // with the reason in English, and with the address and the horizon as typed, so nothing is retyped; the
    // consent is asked again. Nothing is stored and no e-mail goes out.
    await page.goto(`${server.url}/en/alerts/new?building=rd-2&minArea=300`, { waitUntil: 'load' });
    await page.locator('input[name=email]').fill('someone@company');
    await page.locator('input[name=horizonDays][value="365"]').check();
    await page.locator('input[name=consent]').check();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/alerts')),
      page.getByRole('button', { name: 'Get alerts' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').innerText()).toContain('Enter a valid e-mail address.');
    expect(await page.locator('input[name=email]').inputValue()).toBe('someone@company');
    expect(await page.locator('input[name=email]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('input[name=horizonDays][value="365"]').isChecked()).toBe(true);
    expect(await page.locator('input[name=consent]').isChecked()).toBe(false);
    expect(await page.getByTestId('alert-search').innerText()).toContain('R&D Building 2');
    const stored = await portal.sql.query(
      `select count(*)::int as n from alert_subscriptions where email like 'someone@%'`,
    );
    expect(stored.rows[0].n).toBe(0);
    expect(smtp.mails.filter((m) => m.to.includes('someone@company'))).toEqual([]);
    const refused = await fetch(`${server.url}/api/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        action: 'subscribe',
        query: 'sort=area-desc',
        email: 'a@example.com',
        horizonDays: 90,
        consent: 'yes',
        lang: 'en',
      }),
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('alert_query_too_broad');
    const bad = await fetch(`${server.url}/api/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ action: 'subscribe', query: 'building=rd-2', email: 'nope', horizonDays: 7, lang: 'en' }),
    });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['consent', 'email', 'horizonDays']);
    await context.close();
  });
});
