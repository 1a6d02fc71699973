import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { inquiries, leads, notificationOutbox, rateLimits } from '../../src/server/db/schema.ts';
import { FORM_TOKEN_SECRET, submitLead, type SubmitLeadRequest } from '../../src/server/leads/submit-lead.ts';
import { getAppSecret } from '../../src/server/security/app-secret.ts';
import { issueFormToken } from '../../src/server/security/form-token.ts';
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
const request = (raw: unknown, overrides: Partial<SubmitLeadRequest> = {}): SubmitLeadRequest => ({ raw, lang: 'zh', clientIp: '203.0.113.7', channel: 'api', ...overrides });
const counts = async () => ({
  leads: (await handle.db.select({ n: count() }).from(leads))[0]!.n,
  inquiries: (await handle.db.select({ n: count() }).from(inquiries))[0]!.n,
  notices: (await handle.db.select({ n: count() }).from(notificationOutbox))[0]!.n,
});

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.execute(sql`truncate leads, inquiries, notification_outbox, rate_limits cascade`);
});

describe(`lead intake (${testDatabaseKind})`, () => {
  it('stores a new lead in stage New with its inquiry, attribution and a held notice', async () => {
    const touch = { utm: { source: 'wechat', campaign: 'spring' }, landingPage: '/en/units?utm_source=wechat', at: '2026-11-20T02:00:00.000Z' };
    const result = await submitLead(deps(), request({ ...person(1), unitIds: ['r1-0501'], tourTimes: ['2030-01-07T10:00'], areaMin: 150, areaMax: '300' }, {
      firstTouch: touch,
      lastTouch: { ...touch, utm: { source: 'partner' } },
      pagePath: '/units/r1-0501',
    }));
    expect(result).toMatchObject({ ok: true, isNewLead: true, reference: expect.stringMatching(/^AIC-[0-9A-Z]{6}$/) });
    const [lead] = await handle.db.select().from(leads);
    expect(lead).toMatchObject({ stage: 'new', companyName: '测试航天科技1有限公司', email: 'person1@example.com', firstTouch: touch, lastTouch: { utm: { source: 'partner' } } });
    const [inquiry] = await handle.db.select().from(inquiries);
    expect(inquiry).toMatchObject({ unitIds: ['r1-0501'], areaMin: '150.00', areaMax: '300.00', pagePath: '/units/r1-0501', channel: 'api' });
    expect(inquiry!.tourTimes.map((t) => t.toISOString())).toEqual(['2030-01-07T02:00:00.000Z']);
    expect(await handle.db.select({ channel: notificationOutbox.channel, status: notificationOutbox.status }).from(notificationOutbox)).toEqual([{ channel: 'none', status: 'held' }]);
  });

  it('adds a second identical submission to the same lead as a second inquiry', async () => {
    const first = await submitLead(deps(), request(person(2)));
    const second = await submitLead(deps(), request(person(2)));
    expect(second).toMatchObject({ ok: true, isNewLead: false, reference: first.ok ? first.reference : '' });
    expect(await counts()).toEqual({ leads: 1, inquiries: 2, notices: 2 });
  });

  it('recognises the same company by credit code and the same person by mobile', async () => {
    await submitLead(deps(), request({ ...person(3), creditCode: '91350100M000100Y43' }));
    await submitLead(deps(), request({ ...person(4), creditCode: '91350100M000100Y43' }));
    await submitLead(deps(), request({ ...person(5), mobile: '13900139000' }));
    await submitLead(deps(), request({ ...person(6), email: undefined, mobile: '139 0013 9000' }));
    expect((await counts()).leads).toBe(2);
  });

  it('starts a new lead when the earlier one is older than 90 days', async () => {
    await submitLead(deps(), request(person(7)));
    await handle.db.update(leads).set({ lastInquiryAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) });
    await submitLead(deps(), request(person(7)));
    expect((await counts()).leads).toBe(2);
  });

  it('lands 50 concurrent submissions from different people, losing none', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => submitLead(deps(), request(person(100 + i), { clientIp: `198.51.100.${i}` }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.reference : ''))).size).toBe(50);
    expect(await counts()).toEqual({ leads: 50, inquiries: 50, notices: 50 });
  });

  it('makes one lead of the same person submitting twice at the same moment', async () => {
    const [a, b] = await Promise.all([submitLead(deps(), request(person(9))), submitLead(deps(), request(person(9)))]);
    expect(a.ok && b.ok && a.reference === b.reference).toBe(true);
    expect(await counts()).toEqual({ leads: 1, inquiries: 2, notices: 2 });
  });

  it('stores nothing for an invalid inquiry, an unknown unit, or a filled honeypot', async () => {
    expect(await submitLead(deps(), request({ ...person(10), mobile: '12345' }))).toMatchObject({ ok: false, reason: 'invalid', errors: [{ field: 'mobile', code: 'invalid_mobile' }] });
    expect(await submitLead(deps(), request({ ...person(10), unitIds: ['r1-9999'] }))).toMatchObject({ ok: false, errors: [{ field: 'unitIds', code: 'invalid_unit' }] });
    expect(await submitLead(deps(), request({ ...person(10), website: 'http://spam.example' }))).toMatchObject({ ok: false, reason: 'rejected' });
    expect(await counts()).toEqual({ leads: 0, inquiries: 0, notices: 0 });
  });

  it('refuses a form sent faster than a person can fill it, and accepts one filled at human speed', async () => {
    const secret = await getAppSecret(handle.db, FORM_TOKEN_SECRET);
    const now = new Date();
    expect(await submitLead(deps(), request({ ...person(11), formToken: issueFormToken(secret, new Date(now.getTime() - 500)) }, { now }))).toMatchObject({ ok: false, reason: 'too_fast' });
    expect(await submitLead(deps(), request({ ...person(11), formToken: 'v1.123.forged' }, { now }))).toMatchObject({ ok: false, reason: 'expired_form' });
    expect(await submitLead(deps(), request({ ...person(11), formToken: issueFormToken(secret, new Date(now.getTime() - 20_000)) }, { now }))).toMatchObject({ ok: true });
  });

  it('limits submissions per contact and per IP, with a retry time', async () => {
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await submitLead(deps(), request(person(12), { clientIp: `192.0.2.${i}` })));
    expect(results.slice(0, 6).every((r) => r.ok)).toBe(true);
    expect(results[6]).toMatchObject({ ok: false, reason: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    const fromOneIp = [];
    for (let i = 0; i < 21; i++) fromOneIp.push(await submitLead(deps(), request(person(200 + i), { clientIp: '192.0.2.99' })));
    expect(fromOneIp.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(['rate_limited']);
    // The counters hold digests, never the address or the contact itself.
    const keys = (await handle.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key).join(' ');
    expect(keys).not.toContain('192.0.2');
    expect(keys).not.toContain('example.com');
  });

  it('writes one notice per configured channel in the same transaction', async () => {
    await submitLead({ ...deps(), channels: ['email', 'wecom'] }, request(person(13)));
    const rows = await handle.db.select({ channel: notificationOutbox.channel, status: notificationOutbox.status }).from(notificationOutbox).where(eq(notificationOutbox.event, 'lead.created'));
    expect(rows.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([{ channel: 'email', status: 'pending' }, { channel: 'wecom', status: 'pending' }]);
  });
});
