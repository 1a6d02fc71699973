/**
 * Issue 17, saved searches with alerts, on the database (PGlite, or PostgreSQL with TEST_DATABASE_URL), walking a
 * clock: sign-up with consent, double opt-in, a lease ending in 60 days making a unit match, one alert (not one per
 * check) in the subscriber's language with working manage and unsubscribe links, nothing after unsubscribing, and
 * the refusals (too broad, invalid, the same search twice) and clean-ups (unconfirmed after 7 days).
 */
import { join } from 'node:path';
import { and, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/lease-economics.ts';
import { todayInBeijing } from '../../src/lib/format.ts';
import { alertFeed } from '../../src/server/alerts/alert-feed.ts';
import { checkAlertToken } from '../../src/server/alerts/alert-link.ts';
import { changeSubscription, subscribeToAlerts } from '../../src/server/alerts/manage-subscriptions.ts';
import { sendDueAlerts } from '../../src/server/alerts/send-alerts.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { alertSubscriptions, notificationOutbox, unitLeases, unitStates } from '../../src/server/db/schema.ts';
import { eraseLeadData, exportLeadData } from '../../src/server/leads/lead-privacy.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { formatAlertNotice } from '../../src/server/notify/format-alert-notice.ts';
import { configuredChannels } from '../../src/server/notify/channels.ts';
import { deliverOutbox } from '../../src/server/notify/deliver-outbox.ts';
import { startSmtpServer } from '../support/fake-services.ts';
import { openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const deps = () => ({ db: handle.db, catalog, notifyChannels: ['mail'] });
const DAY = 86_400_000;

/** A unit of R&D Building 2 and a search only it can match: its building and its exact area. */
const unit = catalog.units.find((u) => u.building === 'rd-2' && u.level === 6)!;
const query = `building=rd-2&minArea=${unit.grossArea}&maxArea=${unit.grossArea}`;

beforeAll(async () => {
  handle = await openSeededDatabase(catalog);
});
afterAll(() => handle?.close());
beforeEach(async () => {
  for (const table of ['alert_subscriptions', 'notification_outbox', 'rate_limits'])
    await handle.db.execute(sql.raw(`delete from ${table}`));
  // Nothing else of that size in R2 is free, and the unit itself is leased for a while yet.
  await handle.db
    .update(unitStates)
    .set({ status: 'unavailable' })
    .where(and(sql`${unitStates.unitId} like 'r2-%'`, ne(unitStates.unitId, unit.id)));
  await leaseEndsIn(199);
});

/** The unit's lease (public, on record, as staff enter it) ends in `days` days; it is free the day after. */
async function leaseEndsIn(days: number) {
  const endsOn = addDays(todayInBeijing(), days);
  await handle.db.delete(unitLeases).where(eq(unitLeases.unitId, unit.id));
  await handle.db
    .insert(unitLeases)
    .values({ unitId: unit.id, tenant: '在租企业', startsOn: '2024-01-01', endsOn, createdBy: 'test' });
  await handle.db
    .update(unitStates)
    .set({ status: 'leased', availableFrom: addDays(endsOn, 1) })
    .where(eq(unitStates.unitId, unit.id));
}

const signUp = (fields: Record<string, unknown>, now = new Date()) =>
  subscribeToAlerts(
    deps(),
    {
      fields: { email: 'Watcher@Example.com', horizonDays: '90', consent: 'yes', query, ...fields },
      lang: 'en',
      clientIp: '203.0.113.5',
    },
    now,
  );

const notices = (event: string) =>
  handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.event, event));

describe(`saved searches with alerts (${testDatabaseKind})`, () => {
  it('alerts once when a lease ending in 60 days makes the unit match, in the subscriber’s language, and stops on unsubscribe', async () => {
    const start = new Date();
    const signed = await signUp({});
    if (!signed.ok) throw new Error(JSON.stringify(signed));
    expect(signed.status).toBe('pending');
    // The double opt-in e-mail, and nothing else, until the address confirms.
    const [confirmMail] = await notices('alert.confirm');
    const confirm = await formatAlertNotice(handle.db, confirmMail!, 'https://park.example', catalog);
    expect(confirm?.subject).toBe('Please confirm your space alert');
    expect(confirm?.text).toContain(`R&D Building 2`);
    const manage = /https:\/\/park\.example\/en\/alerts\/(\S+)/.exec(confirm!.text)![1]!;
    expect((await checkAlertToken(handle.db, manage)).status).toBe('ok');
    await leaseEndsIn(59);
    expect((await sendDueAlerts(deps(), start)).alerted).toBe(0);

    expect(await changeSubscription(handle.db, signed.subscriptionId, 'confirm', start)).toMatchObject({ ok: true });
    expect(await sendDueAlerts(deps(), start)).toMatchObject({ checked: 1, alerted: 1 });
    // Checked again the same day, and the next: no news, no e-mail.
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 60_000))).alerted).toBe(0);
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + DAY + 60_000))).alerted).toBe(0);
    const alerts = await notices('alert.matches');
    expect(alerts).toHaveLength(1);
    const mail = await formatAlertNotice(handle.db, alerts[0]!, 'https://park.example', catalog);
    expect(mail?.to).toBe('watcher@example.com');
    expect(mail?.subject).toBe('Space alert: new for your search (1)');
    expect(mail?.text).toContain(`Unit ${unit.number}`);
    expect(mail?.text).toContain('expected available from');
    expect(mail?.unsubscribeUrl).toMatch(/^https:\/\/park\.example\/api\/alerts\/unsubscribe\?token=/);

    // The same as a private Atom feed.
    const feed = await alertFeed(
      { db: handle.db, catalog },
      signed.subscriptionId,
      'https://park.example/f',
      'https://park.example',
    );
    expect(feed).toContain(`<title>R&amp;D Building 2 · Level 6 · Unit ${unit.number}</title>`);
    expect(feed).toContain('expected available from');

    // The lease ends earlier than said (an early exit): news, alerted the next day.
    await leaseEndsIn(29);
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 2 * DAY))).alerted).toBe(1);

    // Unsubscribed: nothing more, and a notice already queued is not sent either.
    expect(await changeSubscription(handle.db, signed.subscriptionId, 'unsubscribe')).toMatchObject({ ok: true });
    await handle.db.update(unitStates).set({ listRentPerSqmDay: '1.00' }).where(eq(unitStates.unitId, unit.id));
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 4 * DAY))).alerted).toBe(0);
    expect(
      await alertFeed(
        { db: handle.db, catalog },
        signed.subscriptionId,
        'https://park.example/f',
        'https://park.example',
      ),
    ).toBeUndefined();
    const queued = await notices('alert.matches');
    expect(await formatAlertNotice(handle.db, queued.at(-1)!, 'https://park.example', catalog)).toBeUndefined();
  });

  it('keeps one subscription for the same address and search, and refuses a search that matches everything or is invalid', async () => {
    const first = await signUp({});
    const again = await signUp({ email: 'watcher@example.com', horizonDays: '180' });
    expect(first.ok && again.ok && again.subscriptionId === first.subscriptionId).toBe(true);
    const rows = await handle.db.select().from(alertSubscriptions);
    expect(rows.map((r) => r.horizonDays)).toEqual([180]);
    expect(await signUp({ query: 'sort=area-desc&page=2' })).toMatchObject({
      ok: false,
      refusal: { code: 'alert_query_too_broad' },
    });
    expect(await signUp({ query: 'minArea=lots' })).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    // A building the park does not have could never match: refused, not saved.
    expect(await signUp({ query: 'building=rd-99&minArea=100' })).toMatchObject({
      ok: false,
      refusal: { code: 'invalid' },
    });
    const bad = await signUp({ email: 'not-an-address', consent: '', horizonDays: '45' });
    expect(bad).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    const fields = (bad as unknown as { refusal: { errors: Array<{ field: string }> } }).refusal.errors.map(
      (e) => e.field,
    );
    expect(fields.sort()).toEqual(['consent', 'email', 'horizonDays']);
  });

  it('stops a subscription whose address the mail server refuses for good (550), and sends it nothing more', async () => {
    const smtp = await startSmtpServer({ rejects: (address) => address === 'gone@example.com' });
    try {
      const signed = await signUp({ email: 'gone@example.com' });
      if (!signed.ok) throw new Error(JSON.stringify(signed));
      await changeSubscription(handle.db, signed.subscriptionId, 'confirm');
      await handle.db.delete(notificationOutbox);
      await handle.db
        .update(unitStates)
        .set({ status: 'available', availableFrom: todayInBeijing() })
        .where(eq(unitStates.unitId, unit.id));
      const start = new Date();
      expect((await sendDueAlerts(deps(), start)).alerted).toBe(1);
      const channels = configuredChannels({ smtpUrl: smtp.url });
      expect(await deliverOutbox(handle.db, channels, 'https://park.example', catalog)).toMatchObject({
        sent: 0,
        failed: 1,
      });
      const [row] = await handle.db
        .select()
        .from(alertSubscriptions)
        .where(eq(alertSubscriptions.id, signed.subscriptionId));
      expect(row!.bouncedAt).not.toBeNull();
      // The next day a cheaper rent would be news; a bounced address is not even looked at.
      await handle.db.update(unitStates).set({ listRentPerSqmDay: '1.00' }).where(eq(unitStates.unitId, unit.id));
      expect(await sendDueAlerts(deps(), new Date(start.getTime() + 2 * DAY))).toMatchObject({
        checked: 0,
        alerted: 0,
      });
      expect(smtp.mails).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it('deletes a subscription nobody confirmed after 7 days', async () => {
    const long = new Date(Date.now() - 8 * DAY);
    await signUp({}, long);
    expect((await sendDueAlerts(deps())).deletedUnconfirmed).toBe(1);
    expect(await handle.db.select().from(alertSubscriptions)).toEqual([]);
  });

  it('PIPL: a lead’s export lists the saved searches of its address, and erasing the person deletes them', async () => {
    await signUp({});
    const lead = await submitLead(
      { db: handle.db, catalog, channels: [] },
      {
        raw: {
          companyName: '订阅测试公司',
          contactName: '赵工',
          email: 'watcher@example.com',
          industryTrack: 'other',
          consent: true,
        },
        lang: 'zh',
        clientIp: '203.0.113.8',
        channel: 'api',
        now: new Date(),
      },
    );
    if (!lead.ok) throw new Error(lead.reason);
    const data = await exportLeadData(handle.db, lead.leadId);
    expect(data?.savedSearches).toEqual([expect.objectContaining({ search: query, horizonDays: 90 })]);
    const actor = { id: 'admin-1', email: 'admin@park.example', role: 'admin' };
    expect(await eraseLeadData(handle.db, actor, lead.leadId)).toBe(true);
    expect(await handle.db.select().from(alertSubscriptions)).toEqual([]);
  });
});
