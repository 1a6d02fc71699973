import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { inquiries, leads, notificationOutbox, rateLimits, usedFormTokens } from '../../src/server/db/schema.ts';
import { statusOf } from '../../src/server/errors/error-catalogue.ts';
import type { LeadSubmission } from '../../src/server/leads/lead-submission.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { getAppSecret } from '../../src/server/security/app-secret.ts';
import { FORM_TOKEN_SECRET, issueFormToken } from '../../src/server/security/form-token.ts';
import { countLeadRows } from '../support/count-lead-rows.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const deps = () => ({ db: handle.db, catalog, channels: [] as string[] });

const person = (i: number) => ({
  companyName: `测试航天科技${i}有限公司`,
  contactName: `联系人${i}`,
  email: `person${i}@example.com`,
  industryTrack: 'remote-sensing',
  consent: true,
});
const request = (raw: unknown, overrides: Partial<LeadSubmission> = {}): LeadSubmission => ({
  raw,
  lang: 'zh',
  clientIp: '203.0.113.7',
  channel: 'api',
  ...overrides,
});
const counts = () => countLeadRows(handle.db);

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle?.close());
beforeEach(async () => {
  await handle.db.execute(sql`truncate leads, inquiries, notification_outbox, rate_limits, used_form_tokens cascade`);
});

describe(`lead intake (${testDatabaseKind})`, () => {
  it('stores a new lead in stage New with its inquiry, attribution and a held notice', async () => {
    const touch = {
      utm: { source: 'wechat', campaign: 'spring' },
      landingPage: '/en/units?utm_source=wechat',
      at: '2026-11-20T02:00:00.000Z',
    };
    const result = await submitLead(
      deps(),
      request(
        { ...person(1), unitIds: ['r1-0501'], tourTimes: ['2030-01-07T10:00'], areaMin: 150, areaMax: '300' },
        {
          firstTouch: touch,
          lastTouch: { ...touch, utm: { source: 'partner' } },
          pagePath: '/units/r1-0501',
        },
      ),
    );
    expect(result).toMatchObject({ ok: true, reference: expect.stringMatching(/^AIC-[0-9A-Z]{6}$/) });
    const [lead] = await handle.db.select().from(leads);
    expect(lead).toMatchObject({
      stage: 'new',
      companyName: '测试航天科技1有限公司',
      email: 'person1@example.com',
      firstTouch: touch,
      lastTouch: { utm: { source: 'partner' } },
    });
    const [inquiry] = await handle.db.select().from(inquiries);
    expect(inquiry).toMatchObject({
      unitIds: ['r1-0501'],
      areaMin: '150.00',
      areaMax: '300.00',
      pagePath: '/units/r1-0501',
      channel: 'api',
    });
    expect(inquiry!.tourTimes.map((t) => t.toISOString())).toEqual(['2030-01-07T02:00:00.000Z']);
    // The team's notice, and the tenant's acknowledgement: both held, as no channel is configured.
    expect(
      await handle.db
        .select({
          event: notificationOutbox.event,
          recipient: notificationOutbox.recipient,
          channel: notificationOutbox.channel,
          status: notificationOutbox.status,
        })
        .from(notificationOutbox)
        .orderBy(notificationOutbox.event),
    ).toEqual([
      { event: 'lead.acknowledged', recipient: 'person1@example.com', channel: 'none', status: 'held' },
      { event: 'lead.created', recipient: null, channel: 'none', status: 'held' },
    ]);
  });

  it('answers a repeat inquiry with a lead and reference of its own, flagged as a possible duplicate of the first', async () => {
    const first = await submitLead(deps(), request(person(2)));
    const second = await submitLead(deps(), request(person(2)));
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(second.reference).not.toBe(first.reference);
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    expect(await counts()).toEqual({ leads: 2, inquiries: 2, notices: 2 });
    const [flagged] = await handle.db.select().from(leads).where(eq(leads.id, second.leadId));
    expect(flagged).toMatchObject({ possibleDuplicateOf: first.leadId, duplicateReasons: ['email'] });
    const [original] = await handle.db.select().from(leads).where(eq(leads.id, first.leadId));
    expect(original).toMatchObject({ possibleDuplicateOf: null, duplicateReasons: [] });
  });

  it('never lets an inquiry naming someone else’s mobile change, join or reveal that person’s lead', async () => {
    const victim = await submitLead(
      deps(),
      request({ ...person(20), email: undefined, mobile: '13800138000', message: '受害者的咨询' }),
    );
    if (!victim.ok) throw new Error('refused');
    const [before] = await handle.db.select().from(leads).where(eq(leads.id, victim.leadId));
    const stranger = await submitLead(
      deps(),
      request(
        { ...person(21), mobile: '138 0013 8000', email: 'attacker@evil.example', message: '攻击者的留言' },
        { clientIp: '198.51.100.66' },
      ),
    );
    const control = await submitLead(
      deps(),
      request(
        { ...person(22), mobile: '13600136000', email: 'attacker2@evil.example', message: '对照' },
        { clientIp: '198.51.100.67' },
      ),
    );
    if (!stranger.ok || !control.ok) throw new Error('refused');
    // The answer has the same shape whether or not the mobile already had a lead, and names only the new lead.
    expect(stranger.reference).not.toBe(victim.reference);
    expect(Object.keys(stranger).sort()).toEqual(Object.keys(control).sort());
    // The victim's lead is exactly as it was: no e-mail filled in, no new inquiry, no new notice.
    const [after] = await handle.db.select().from(leads).where(eq(leads.id, victim.leadId));
    expect(after).toEqual(before);
    expect(after!.email).toBeNull();
    expect(
      (await handle.db.select().from(inquiries).where(eq(inquiries.leadId, victim.leadId))).map((i) => i.message),
    ).toEqual(['受害者的咨询']);
    expect(
      await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.leadId, victim.leadId)),
    ).toHaveLength(1);
    // The stranger's lead keeps the stranger's own details and is flagged for staff, with the reason.
    const [own] = await handle.db.select().from(leads).where(eq(leads.id, stranger.leadId));
    expect(own).toMatchObject({
      email: 'attacker@evil.example',
      mobile: '13800138000',
      possibleDuplicateOf: victim.leadId,
      duplicateReasons: ['mobile'],
    });
    expect(
      (await handle.db.select().from(inquiries).where(eq(inquiries.leadId, stranger.leadId))).map((i) => i.message),
    ).toEqual(['攻击者的留言']);
  });

  it('flags the same company by credit code and the same person by mobile, naming what they share', async () => {
    const a = await submitLead(deps(), request({ ...person(3), creditCode: '91350100M000100Y43' }));
    const b = await submitLead(deps(), request({ ...person(4), creditCode: '91350100M000100Y43' }));
    const c = await submitLead(deps(), request({ ...person(5), mobile: '13900139000' }));
    const d = await submitLead(deps(), request({ ...person(6), email: undefined, mobile: '139 0013 9000' }));
    if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error('refused');
    expect((await counts()).leads).toBe(4);
    const flags = await handle.db
      .select({ id: leads.id, of: leads.possibleDuplicateOf, reasons: leads.duplicateReasons })
      .from(leads);
    const flagOf = (id: string) => flags.find((f) => f.id === id);
    expect(flagOf(b.leadId)).toMatchObject({ of: a.leadId, reasons: ['credit_code'] });
    expect(flagOf(d.leadId)).toMatchObject({ of: c.leadId, reasons: ['mobile'] });
    expect(flagOf(a.leadId)!.of).toBeNull();
  });

  it('does not flag a lead whose last inquiry is older than 90 days', async () => {
    await submitLead(deps(), request(person(7)));
    await handle.db.update(leads).set({ lastInquiryAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) });
    const again = await submitLead(deps(), request(person(7)));
    if (!again.ok) throw new Error('refused');
    expect((await counts()).leads).toBe(2);
    expect((await handle.db.select().from(leads).where(eq(leads.id, again.leadId)))[0]!.possibleDuplicateOf).toBeNull();
  });

  it('lands 50 concurrent submissions from different people, losing none', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        submitLead(deps(), request(person(100 + i), { clientIp: `198.51.100.${i}` })),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.reference : ''))).size).toBe(50);
    expect(await counts()).toEqual({ leads: 50, inquiries: 50, notices: 50 });
  });

  it('gives the same person submitting twice at the same moment two leads, one flagged as the other’s duplicate', async () => {
    const [a, b] = await Promise.all([submitLead(deps(), request(person(9))), submitLead(deps(), request(person(9)))]);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.reference).not.toBe(b.reference);
    expect(await counts()).toEqual({ leads: 2, inquiries: 2, notices: 2 });
    const flagged = (await handle.db.select({ of: leads.possibleDuplicateOf }).from(leads)).filter(
      (l) => l.of !== null,
    );
    expect(flagged).toHaveLength(1);
  });

  it('stores nothing for an invalid inquiry, an unknown unit, or a filled honeypot', async () => {
    expect(await submitLead(deps(), request({ ...person(10), mobile: '12345' }))).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'mobile', code: 'invalid_mobile' }],
    });
    expect(await submitLead(deps(), request({ ...person(10), unitIds: ['r1-9999'] }))).toMatchObject({
      ok: false,
      errors: [{ field: 'unitIds', code: 'unknown_unit', params: { value: 'r1-9999' } }],
    });
    expect(await submitLead(deps(), request({ ...person(10), website: 'http://spam.example' }))).toMatchObject({
      ok: false,
      reason: 'rejected',
    });
    expect(await counts()).toEqual({ leads: 0, inquiries: 0, notices: 0 });
  });

  it('refuses a form sent faster than a person can fill it, and accepts one filled at human speed', async () => {
    const secret = await getAppSecret(handle.db, FORM_TOKEN_SECRET);
    const now = new Date();
    expect(
      await submitLead(
        deps(),
        request({ ...person(11), formToken: issueFormToken(secret, new Date(now.getTime() - 500)) }, { now }),
      ),
    ).toMatchObject({ ok: false, reason: 'too_fast' });
    expect(
      await submitLead(deps(), request({ ...person(11), formToken: 'v2.123.AAAAAAAAAAAAAAAA.forged' }, { now })),
    ).toMatchObject({ ok: false, reason: 'expired_form' });
    expect(
      await submitLead(
        deps(),
        request({ ...person(11), formToken: issueFormToken(secret, new Date(now.getTime() - 20_000)) }, { now }),
      ),
    ).toMatchObject({ ok: true });
  });

  it('requires a form token on a form post, and accepts JSON from integrations without one', async () => {
    const missing = await submitLead(deps(), request(person(30), { channel: 'form', isFormPost: true }));
    expect(missing).toMatchObject({ ok: false, reason: 'expired_form' });
    expect(statusOf('expired_form')).toBe(400);
    expect(await counts()).toEqual({ leads: 0, inquiries: 0, notices: 0 });
    expect(await submitLead(deps(), request(person(30), { channel: 'api', isFormPost: false }))).toMatchObject({
      ok: true,
    });
  });

  it('accepts a form token once: a replay is refused with 409 and stores nothing', async () => {
    const secret = await getAppSecret(handle.db, FORM_TOKEN_SECRET);
    const now = new Date();
    const formToken = issueFormToken(secret, new Date(now.getTime() - 20_000));
    expect(
      await submitLead(deps(), request({ ...person(31), formToken }, { now, channel: 'form', isFormPost: true })),
    ).toMatchObject({ ok: true });
    const before = await counts();
    const replay = await submitLead(
      deps(),
      request({ ...person(32), formToken }, { now, channel: 'form', isFormPost: true, clientIp: '198.51.100.9' }),
    );
    expect(replay).toMatchObject({ ok: false, reason: 'used_form' });
    expect(statusOf('used_form')).toBe(409);
    expect(await counts()).toEqual(before);
    // The used id is kept until the token would have expired anyway, for every process to see.
    const [used] = await handle.db.select().from(usedFormTokens);
    expect(used!.expiresAt.getTime()).toBe(now.getTime() - 20_000 + 24 * 3600 * 1000);
  });

  it('lets only one of two submissions racing with the same form token through', async () => {
    const secret = await getAppSecret(handle.db, FORM_TOKEN_SECRET);
    const now = new Date();
    const formToken = issueFormToken(secret, new Date(now.getTime() - 20_000));
    const results = await Promise.all(
      [33, 34, 35].map((i) =>
        submitLead(
          deps(),
          request({ ...person(i), formToken }, { now, channel: 'form', isFormPost: true, clientIp: `198.51.100.${i}` }),
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(['used_form', 'used_form']);
    expect(await counts()).toEqual({ leads: 1, inquiries: 1, notices: 1 });
  });

  it('limits submissions per contact and per IP, more strictly without a form token, with a retry time', async () => {
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await submitLead(deps(), request(person(12), { clientIp: '192.0.2.7' })));
    expect(results.slice(0, 6).every((r) => r.ok)).toBe(true);
    expect(results[6]).toMatchObject({ ok: false, reason: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    // The same contact from somebody else is not limited: nobody can block a person's mobile, or learn from a 429
    // that the person inquired within the hour.
    expect((await submitLead(deps(), request(person(12), { clientIp: '192.0.2.8' }))).ok).toBe(true);
    const withoutToken = [];
    for (let i = 0; i < 11; i++)
      withoutToken.push(await submitLead(deps(), request(person(200 + i), { clientIp: '192.0.2.99' })));
    expect(withoutToken.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(['rate_limited']);
    expect(withoutToken[10]!.ok).toBe(false);
    const secret = await getAppSecret(handle.db, FORM_TOKEN_SECRET);
    const now = new Date();
    const withToken = [];
    for (let i = 0; i < 21; i++)
      withToken.push(
        await submitLead(
          deps(),
          request(
            { ...person(300 + i), formToken: issueFormToken(secret, new Date(now.getTime() - 20_000)) },
            { now, clientIp: '192.0.2.98' },
          ),
        ),
      );
    expect(withToken.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(['rate_limited']);
    expect(withToken[20]!.ok).toBe(false);
    // The counters hold digests, never the address or the contact itself.
    const keys = (await handle.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key).join(' ');
    expect(keys).not.toContain('192.0.2');
    expect(keys).not.toContain('example.com');
  });

  it('writes one notice per configured channel in the same transaction', async () => {
    await submitLead({ ...deps(), channels: ['email', 'wecom'] }, request(person(13)));
    const rows = await handle.db
      .select({ channel: notificationOutbox.channel, status: notificationOutbox.status })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.event, 'lead.created'));
    expect(rows.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'email', status: 'pending' },
      { channel: 'wecom', status: 'pending' },
    ]);
  });
});
