/**
 * Privacy of the lead intake on the running portal (PostgreSQL): an inquiry naming someone else's mobile gets the
 * same answer as any other and leaves that person's lead alone (staff see a possible duplicate); nothing a person
 * typed reaches the server's output when storing fails; form posts need a form token, once.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWecomRobot } from '../support/fake-services.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

const ADMIN = { email: 'privacy-admin@park.example', password: 'long-enough-password-2' };
let portal: PortalOnPostgres;
let server: RunningServer;
let sql: pg.Client;
let wecom: Awaited<ReturnType<typeof startWecomRobot>>;

beforeAll(async () => {
  wecom = await startWecomRobot();
  // TRUST_PROXY: each test's submissions come from their own address (X-Forwarded-For), apart from the others' limits.
  portal = await startPortalOnPostgres({
    ...adminEnv(ADMIN),
    WECOM_WEBHOOK_URL: wecom.url,
    TRUST_PROXY: 'true',
  });
  ({ server, sql } = portal);
});
afterAll(async () => {
  await portal?.stop();
  await wecom?.close();
});
beforeEach(async () => {
  await sql.query('truncate leads, inquiries, notification_outbox, rate_limits, used_form_tokens cascade');
});

const leadCount = async () => Number((await sql.query('select count(*) from leads')).rows[0].count);
const json = (body: unknown, ip: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': ip },
  body: JSON.stringify(body),
});
const person = (i: number, extra: Record<string, unknown> = {}) => ({
  companyName: `隐私测试${i}航天有限公司`,
  contactName: `联系人${i}`,
  industryTrack: 'navigation',
  consent: true,
  ...extra,
});

/** A page's form token, and its cookies, as a browser without JavaScript would get them. */
async function formFrom(path: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${server.url}${path}`);
  const token = /name="formToken" value="([^"]+)"/.exec(await response.text())![1]!;
  return {
    token,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** Posts the page's form as a browser without JavaScript does (the Astro action on the page). */
function postForm(path: string, fields: Record<string, string>, cookie = '') {
  return fetch(`${server.url}${path}?_action=submitLead`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html', cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

const formFields = (i: number, extra: Record<string, string> = {}) => ({
  companyName: `表单测试${i}航天有限公司`,
  contactName: `表单${i}`,
  email: `form${i}@example.com`,
  industryTrack: 'navigation',
  consent: 'on',
  ...extra,
});
/** A person takes longer than the minimum fill time (3 s) to fill the form. */
const fillTime = () => new Promise((resolve) => setTimeout(resolve, 3200));

describe('an inquiry naming someone else’s mobile', () => {
  it('gets the same answer as any inquiry and leaves that person’s lead untouched; staff see the possible duplicate', async () => {
    const victim = await fetch(
      `${server.url}/api/leads`,
      json(person(1, { mobile: '13800138001', message: '本人咨询' }), '10.9.0.1'),
    );
    expect(victim.status).toBe(201);
    const victimBody = await victim.json();
    const before = (await sql.query('select * from leads where reference = $1', [victimBody.reference])).rows[0];

    const attack = await fetch(
      `${server.url}/api/leads`,
      json(person(2, { mobile: '13800138001', email: 'stranger@example.net', message: '冒名留言' }), '10.9.0.2'),
    );
    const control = await fetch(
      `${server.url}/api/leads`,
      json(person(3, { mobile: '13800138002', email: 'other@example.net', message: '对照' }), '10.9.0.3'),
    );
    const [attackBody, controlBody] = [await attack.json(), await control.json()];
    expect([attack.status, control.status]).toEqual([201, 201]);
    expect(Object.keys(attackBody)).toEqual(Object.keys(controlBody));
    expect(attackBody.reference).not.toBe(victimBody.reference);
    expect(JSON.stringify(attackBody)).not.toContain(victimBody.reference);

    const after = (await sql.query('select * from leads where reference = $1', [victimBody.reference])).rows[0];
    expect(after).toEqual(before);
    expect(
      (
        await sql.query('select i.message from inquiries i join leads l on l.id = i.lead_id where l.reference = $1', [
          victimBody.reference,
        ])
      ).rows,
    ).toEqual([{ message: '本人咨询' }]);
    const flagged = (
      await sql.query('select possible_duplicate_of, duplicate_reasons, email from leads where reference = $1', [
        attackBody.reference,
      ])
    ).rows[0];
    expect(flagged).toEqual({
      possible_duplicate_of: before.id,
      duplicate_reasons: ['mobile'],
      email: 'stranger@example.net',
    });

    // Staff see it on the lead page (with the merge into the earlier lead) and on the board card.
    const cookie = await signInCookie(server.url, ADMIN);
    const attackId = (await sql.query('select id from leads where reference = $1', [attackBody.reference])).rows[0].id;
    const leadPage = await (await fetch(`${server.url}/en/console/leads/${attackId}`, { headers: { cookie } })).text();
    expect(leadPage).toContain('data-testid="possible-duplicate"');
    expect(leadPage).toContain(
      `Possibly the same as lead <a class="font-mono underline" href="/en/console/leads/${before.id}">${victimBody.reference}</a>: same mobile.`,
    );
    expect(leadPage).toContain(`action="/api/console/leads/${before.id}/merge"`);
    const board = await (await fetch(`${server.url}/en/console/pipeline`, { headers: { cookie } })).text();
    const cardOf = (reference: string) => {
      const start = board.indexOf(`data-lead="${reference}"`);
      return board.slice(start, board.indexOf('</li>', start)).replaceAll('<!-- -->', '');
    };
    expect(cardOf(attackBody.reference)).toContain(
      'data-testid="duplicate-badge">Possible duplicate: same mobile</span>',
    );
    expect(cardOf(victimBody.reference)).not.toContain('duplicate-badge');
  });
});

describe('the server’s output when storing an inquiry fails', () => {
  const typed = {
    companyName: '金丝雀日志测试有限公司',
    contactName: '金丝雀李四',
    mobile: '13912340000',
    email: 'canary.e2e@example.org',
    message: 'CANARY-E2E 这段留言不得出现在日志里',
  };
  const values = [typed.companyName, typed.contactName, typed.mobile, typed.email, 'CANARY-E2E', '不得出现'];

  it('carries none of the typed values, through the API and the form without JavaScript', async () => {
    await sql.query(`alter table inquiries add constraint test_refuse_canary check (message not like '%CANARY%')`);
    try {
      const seen = server.output().length;
      const api = await fetch(
        `${server.url}/api/leads`,
        json({ ...typed, industryTrack: 'navigation', consent: true }, '10.9.1.1'),
      );
      const apiBody = await api.text();
      const { token, cookie } = await formFrom('/en/contact');
      await fillTime();
      const page = await postForm(
        '/en/contact',
        { ...typed, industryTrack: 'navigation', consent: 'on', formToken: token },
        cookie,
      );
      const html = await page.text();
      // Let the log lines reach the test's pipe.
      await fetch(`${server.url}/healthz`);
      const output = server.output().slice(seen);
      for (const value of values) expect(output, value).not.toContain(value);
      expect(output).toContain('"event":"request.failed"');
      expect(output).toContain('"event":"lead.action_failed"');
      expect(output).toContain('constraint=test_refuse_canary');
      expect(api.status).toBe(500);
      expect(apiBody).not.toContain('CANARY');
      expect(page.status).toBe(503);
      expect(html).toContain('We could not save your inquiry just now');
      expect(await leadCount()).toBe(0);
    } finally {
      await sql.query('alter table inquiries drop constraint if exists test_refuse_canary');
    }
  });

  it('carries none of them when the notice channel refuses and echoes the notice', async () => {
    const seen = server.output().length;
    wecom.failNext(1, (body) => ({ errcode: 40058, errmsg: `invalid content: ${body}` }));
    expect(
      (
        await fetch(
          `${server.url}/api/leads`,
          json({ ...typed, industryTrack: 'navigation', consent: true }, '10.9.1.2'),
        )
      ).status,
    ).toBe(201);
    await expect
      .poll(
        async () =>
          (await sql.query(`select attempts from notification_outbox where channel = 'wecom'`)).rows[0]?.attempts,
        { timeout: 20_000 },
      )
      .toBe(1);
    await expect
      .poll(() => server.output().slice(seen).includes('"event":"notify.failed"'), { timeout: 20_000 })
      .toBe(true);
    const output = server.output().slice(seen);
    for (const value of values) expect(output, value).not.toContain(value);
    expect(output).toContain('code=errcode_40058');
  });
});

describe('form tokens', () => {
  it('are required on a form post without JavaScript: none answers 400 in both languages and stores nothing', async () => {
    const missing = await postForm('/en/contact', formFields(1));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('This page has been open for a long time');
    const toApi = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams(formFields(2)).toString(),
    });
    expect(toApi.status).toBe(400);
    const body = await toApi.json();
    expect(body.error).toMatchObject({
      code: 'expired_form',
      message: { zh: expect.stringContaining('刷新页面'), en: expect.stringContaining('reload') },
    });
    expect(await leadCount()).toBe(0);
  });

  it('are good for one submission: a replay of the form post answers 409 and stores nothing', async () => {
    const { token, cookie } = await formFrom('/contact');
    await fillTime();
    const first = await postForm('/contact', { ...formFields(3), formToken: token }, cookie);
    expect(first.status).toBe(200);
    expect(await leadCount()).toBe(1);
    const replay = await postForm('/contact', { ...formFields(4), formToken: token }, cookie);
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('这份表单已经提交过了');
    const again = await fetch(
      `${server.url}/api/leads`,
      json({ ...person(5, { email: 'json5@example.com' }), formToken: token }, '10.9.2.1'),
    );
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatchObject({
      code: 'used_form',
      message: { en: expect.stringContaining('already been sent') },
    });
    expect(await leadCount()).toBe(1);
  });

  it('are checked on JSON when sent (as the page’s own form does), and JSON without one gets the stricter limit', async () => {
    const { token } = await formFrom('/contact');
    const tooFast = await fetch(
      `${server.url}/api/leads`,
      json({ ...person(6, { email: 'json6@example.com' }), formToken: token }, '10.9.3.1'),
    );
    expect(tooFast.status).toBe(429);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await fetch(
            `${server.url}/api/leads`,
            json(person(100 + i, { email: `integration${i}@example.com` }), '10.9.3.2'),
          )
        ).status,
      );
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
  });
});
