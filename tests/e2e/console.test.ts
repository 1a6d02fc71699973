import pg from 'pg';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startPortalOnPostgres } from '../support/portal-on-postgres.ts';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN } from '../support/staff-accounts.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';
import { totpCode } from '../support/totp.ts';

let server: RunningServer, browser: Browser, sql: pg.Client;
startForFile(
  () => startPortalOnPostgres(adminEnv(ADMIN)),
  (portal) => ({ server, browser, sql } = portal),
);

/** Signs in through the API and returns the session cookie. */
const signIn = (email: string, password: string) => signInCookie(server.url, { email, password });

describe('the console', () => {
  it('sets the session cookie HttpOnly and SameSite=Lax, and refuses cross-site form posts', async () => {
    const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(ADMIN),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('aic.session_token='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0]!;
    const crossSite = await fetch(`${server.url}/api/console/leads/00000000-0000-4000-8000-000000000000/notes`, {
      method: 'POST',
      headers: { cookie: session, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hello',
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const crossSiteLogin = await fetch(`${server.url}/console/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${ADMIN.email}&password=${ADMIN.password}`,
      redirect: 'manual',
    });
    expect(crossSiteLogin.status).toBe(403);
  });

  it('limits 30 wrong passwords through the sign-in page to at most 10 × 401, then 429 on every way in', async () => {
    const post = (path: string, body: string, cookie = '') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          origin: server.url,
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        body,
        redirect: 'manual',
      });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) {
      last = await post('/console/login', `email=${encodeURIComponent(ADMIN.email)}&password=wrong-password-${i}`);
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.text()).toMatch(/尝试次数过多，请 \d+ 分钟后再试/);
    const english = await post(
      '/en/console/login',
      `email=${encodeURIComponent(ADMIN.email)}&password=${ADMIN.password}`,
    );
    expect(english.status).toBe(429);
    expect(await english.text()).toMatch(/Too many attempts\. Please try again in \d+ minutes/);
    // The same address on better-auth's API and on the two-factor page: limited too, the right password as well.
    const api = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(ADMIN),
    });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post('/console/login/2fa', 'code=123456')).status).toBe(429);
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
  });

  it('sends the browser on to the console page it asked for, and never to another site', async () => {
    const signInTo = async (next: string) =>
      (
        await fetch(`${server.url}/console/login?next=${encodeURIComponent(next)}`, {
          method: 'POST',
          headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
          body: `email=${encodeURIComponent(ADMIN.email)}&password=${ADMIN.password}`,
          redirect: 'manual',
        })
      ).headers.get('location');
    expect(await signInTo('/console/inventory?building=rd-2')).toBe('/console/inventory?building=rd-2');
    expect(await signInTo('//evil.example/console')).toBe('/console');
    expect(await signInTo('https://evil.example/')).toBe('/console');
  });

  it('enforces roles: marketing cannot refund, agents cannot manage users', async () => {
    // The throttle above counted this test client's address; sign-ins here come from the same address.
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
    const admin = await signIn(ADMIN.email, ADMIN.password);
    for (const [email, role] of [
      ['agent@park.example', 'agent'],
      ['market@park.example', 'marketing'],
    ] as const) {
      const created = await fetch(`${server.url}/api/auth/admin/create-user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, cookie: admin },
        body: JSON.stringify({ email, password: 'another-long-password', name: role, role }),
      });
      expect(created.status).toBe(200);
    }
    const agent = await signIn('agent@park.example', 'another-long-password');
    const marketing = await signIn('market@park.example', 'another-long-password');
    const refund = await fetch(`${server.url}/api/console/deposits/00000000-0000-4000-8000-000000000000/refund`, {
      method: 'POST',
      headers: { cookie: marketing, origin: server.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refund.status).toBe(403);
    expect(
      (await fetch(`${server.url}/console/users`, { headers: { cookie: agent }, redirect: 'manual' })).status,
    ).toBe(403);
    const setRole = await fetch(`${server.url}/api/auth/admin/set-role`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie: agent },
      body: JSON.stringify({ userId: 'x', role: 'admin' }),
    });
    expect(setRole.status).toBe(403);
    expect((await fetch(`${server.url}/console/pipeline`, { headers: { cookie: marketing } })).status).toBe(200);
  });

  it('lets a marketing member choose a new password on /console/account, checking the current one like a sign-in', async () => {
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const member = { email: 'writer@park.example', password: 'first-long-password' };
    await fetch(`${server.url}/api/auth/admin/create-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie: admin },
      body: JSON.stringify({ ...member, name: 'Writer', role: 'marketing' }),
    });
    const session = await signIn(member.email, member.password);
    const otherDevice = await signIn(member.email, member.password);
    const change = (fields: Record<string, string>, path = '/console/account') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', cookie: session },
        body: new URLSearchParams({ action: 'password', ...fields }).toString(),
        redirect: 'manual',
      });

    const mismatch = await change(
      { currentPassword: member.password, newPassword: 'second-long-password', confirmPassword: 'other-long-password' },
      '/en/console/account',
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two new passwords differ.');
    const short = await change({ currentPassword: member.password, newPassword: 'short', confirmPassword: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('新密码需要 10 到 128 个字符。');
    const wrong = await change({
      currentPassword: 'not-my-password',
      newPassword: 'second-long-password',
      confirmPassword: 'second-long-password',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('当前密码不正确。');

    const changed = await change({
      currentPassword: member.password,
      newPassword: 'second-long-password',
      confirmPassword: 'second-long-password',
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/console/account?password=changed');
    const newSession = changed.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(`${server.url}/console/account?password=changed`, { headers: { cookie: newSession } });
    expect(await page.text()).toContain('密码已修改');
    // Other sessions are signed out; the old password no longer works, the new one does.
    expect(
      (await fetch(`${server.url}/console`, { headers: { cookie: otherDevice }, redirect: 'manual' })).status,
    ).toBe(303);
    const old = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(member),
    });
    expect(old.status).toBe(401);
    await signIn(member.email, 'second-long-password');

    // Guessing the current password with a session is throttled like signing in.
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${server.url}/console/account`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', cookie: newSession },
        body: new URLSearchParams({
          action: 'password',
          currentPassword: `guess-${i}-long`,
          newPassword: 'third-long-password',
          confirmPassword: 'third-long-password',
        }).toString(),
        redirect: 'manual',
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
  });

  it('turns on TOTP two-factor sign-in and then asks for a code at sign-in', async () => {
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
    const admin = await signIn(ADMIN.email, ADMIN.password);
    await fetch(`${server.url}/api/auth/admin/create-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie: admin },
      body: JSON.stringify({ email: 'tfa@park.example', password: 'tfa-long-password', name: 'TFA', role: 'agent' }),
    });
    const session = await signIn('tfa@park.example', 'tfa-long-password');
    const post = (path: string, body: unknown, cookie: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, cookie },
        body: JSON.stringify(body),
      });
    const enabled = await (
      await post('/api/auth/two-factor/enable', { password: 'tfa-long-password' }, session)
    ).json();
    expect(enabled.totpURI).toMatch(/^otpauth:\/\/totp\//);
    expect((await post('/api/auth/two-factor/verify-totp', { code: totpCode(enabled.totpURI) }, session)).status).toBe(
      200,
    );
    // Signing in again now stops at the second step.
    const first = await fetch(`${server.url}/console/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=tfa%40park.example&password=tfa-long-password',
      redirect: 'manual',
    });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('/console/login/2fa');
    const pending = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await fetch(`${server.url}/console`, { headers: { cookie: pending }, redirect: 'manual' })).status).toBe(
      303,
    );
    const wrong = await fetch(`${server.url}/console/login/2fa`, {
      method: 'POST',
      headers: { origin: server.url, cookie: pending, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=000000',
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/console/login/2fa`, {
      method: 'POST',
      headers: { origin: server.url, cookie: pending, 'content-type': 'application/x-www-form-urlencoded' },
      body: `code=${totpCode(enabled.totpURI)}`,
      redirect: 'manual',
    });
    expect(right.status).toBe(303);
    const signedIn = right.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await fetch(`${server.url}/console`, { headers: { cookie: signedIn }, redirect: 'manual' })).status).toBe(
      200,
    );
  });

  it('in Chromium: sign in, find a lead from the inquiry form, drag it to Touring, add a note and a task, see it on the dashboard, sign out', async () => {
    await sql.query("delete from rate_limits where key like 'sign-in:%'");
    const intake = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        companyName: '拖拽测试遥感有限公司',
        contactName: '钱工',
        email: 'drag@example.com',
        industryTrack: 'remote-sensing',
        consent: true,
      }),
    });
    const { reference } = await intake.json();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/pipeline`);
    await page.waitForURL('**/console/login?next=*');
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('button');
    await page.waitForURL('**/console/pipeline');
    const card = page.locator(`[data-lead="${reference}"]`);
    await card.waitFor();
    await card.dragTo(page.locator('div[data-stage="touring"]'));
    await expect
      .poll(async () => (await sql.query('select stage from leads where reference = $1', [reference])).rows[0].stage)
      .toBe('touring');
    await page.locator(`div[data-stage="touring"] [data-lead="${reference}"] a`).click();
    await page.waitForURL('**/console/leads/*');
    expect(await page.locator('[data-testid=lead-stage]').textContent()).toBe('带看');
    await page.fill('#note-text', '客户希望周五下午看房');
    await page.getByRole('button', { name: '添加备注' }).click();
    await page.waitForLoadState('load');
    await page.fill('input[name=title]', '周五带看 5 层');
    await page.getByRole('button', { name: '添加待办' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('[data-testid=timeline]').textContent()).toContain('客户希望周五下午看房');
    await page.goto(`${server.url}/console`);
    expect(await page.locator('[data-testid=my-tasks]').textContent()).toContain('周五带看 5 层');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/console/login');
    await page.goto(`${server.url}/console`);
    await page.waitForURL('**/console/login?next=*');
    await context.close();
  });
});
