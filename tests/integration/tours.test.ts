/**
 * Issue 15 on the database (PGlite, or PostgreSQL with TEST_DATABASE_URL): assignment of new leads, the response
 * due time, tour slots on real calendar days, and bookings — 20 at once for one slot, exactly one wins.
 */
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { agentProfiles, leadEvents, leads, notificationOutbox, tours } from '../../src/server/db/schema.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { bookTour, cancelTour, rescheduleTour, setTourColleagues } from '../../src/server/tours/book-tour.ts';
import { beijingInstant, findTourSlots, slotKey } from '../../src/server/tours/tour-slots.ts';
import { checkTourToken, issueTourToken } from '../../src/server/tours/tour-link.ts';
import ICAL from 'ical.js';
import PostalMime from 'postal-mime';
import { configuredChannels } from '../../src/server/notify/channels.ts';
import { deliverOutbox } from '../../src/server/notify/deliver-outbox.ts';
import { startSmtpServer } from '../support/fake-services.ts';
import { openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const deps = () => ({ db: handle.db, catalog, channels: ['mail', 'wecom'] });

/** Friday 9 October 2026, 08:00 Beijing: the next day is a 调休 Saturday, worked after the National Day week. */
const FRIDAY_MORNING = new Date('2026-10-09T00:00:00Z');

async function newLead(i: number, extra: Record<string, unknown> = {}, now = FRIDAY_MORNING) {
  const result = await submitLead(
    { db: handle.db, catalog, channels: ['mail', 'wecom'] },
    {
      raw: {
        companyName: `带看测试${i}公司`,
        contactName: `联系人${i}`,
        email: `t${i}@example.com`,
        industryTrack: 'navigation',
        consent: true,
        ...extra,
      },
      lang: 'en',
      clientIp: `198.51.100.${i}`,
      channel: 'api',
      now,
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return result;
}

async function addStaff(id: string, name: string, role: string) {
  await handle.db.execute(
    sql`insert into staff_users (id, name, email, role) values (${id}, ${name}, ${`${id}@park.example`}, ${role})`,
  );
}

beforeAll(async () => {
  handle = await openSeededDatabase(catalog);
});
afterAll(() => handle?.close());
beforeEach(async () => {
  await handle.db.execute(sql`delete from tours`);
  await handle.db.execute(sql`delete from rate_limits`);
  await handle.db.execute(sql`delete from leads`);
  await handle.db.execute(sql`delete from agent_profiles`);
  await handle.db.execute(sql`delete from staff_users`);
  await addStaff('admin-1', '王主管', 'admin');
  await addStaff('agent-a', '李经理', 'agent');
  await addStaff('agent-b', '张经理', 'agent');
});

describe(`assignment and the response promise (${testDatabaseKind})`, () => {
  it('gives new leads round-robin to agents on duty and never to an administrator without a profile', async () => {
    const owners = [];
    for (let i = 1; i <= 4; i++) owners.push((await newLead(i)).owner?.name);
    expect(owners).toEqual(['李经理', '张经理', '李经理', '张经理']);
  });

  it('skips an agent off duty, on leave or at capacity, and falls back to the team lead when nobody is left', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-a', isOnDuty: false });
    await handle.db
      .insert(agentProfiles)
      .values({ userId: 'agent-b', leaveFrom: '2026-10-08', leaveUntil: '2026-10-12' });
    const lead = await newLead(1);
    expect(lead.owner?.name).toBe('王主管');
    await handle.db
      .update(agentProfiles)
      .set({ leaveUntil: '2026-10-08', maxOpenLeads: 1 })
      .where(eq(agentProfiles.userId, 'agent-b'));
    expect((await newLead(2)).owner?.name).toBe('张经理');
    // agent-b now has one open lead, their limit.
    expect((await newLead(3)).owner?.name).toBe('王主管');
  });

  it('prefers agents who cover the lead’s industry track, relaxing the rule when none is free', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-a', tracks: ['remote-sensing'] });
    await handle.db.insert(agentProfiles).values({ userId: 'agent-b', tracks: ['navigation'] });
    const owners = [];
    for (let i = 1; i <= 3; i++) owners.push((await newLead(i, { industryTrack: 'remote-sensing' })).owner?.name);
    expect(owners).toEqual(['李经理', '李经理', '李经理']);
    await handle.db.update(agentProfiles).set({ isOnDuty: false }).where(eq(agentProfiles.userId, 'agent-a'));
    expect((await newLead(4, { industryTrack: 'remote-sensing' })).owner?.name).toBe('张经理');
  });

  it('promises an answer in 15 business minutes: Friday 17:55 before a 调休 Saturday is due Saturday 09:10', async () => {
    const lead = await newLead(1, {}, new Date('2026-10-09T09:55:00Z'));
    expect(lead.responseDueAt.toISOString()).toBe('2026-10-10T01:10:00.000Z');
    const [row] = await handle.db.select().from(leads).where(eq(leads.id, lead.leadId));
    expect(row!.responseDueAt?.toISOString()).toBe('2026-10-10T01:10:00.000Z');
    expect(row!.ownerId).toBe('agent-a');
  });

  it('puts the tenant’s acknowledgement and the owner’s notice in the outbox, each to its person', async () => {
    const lead = await newLead(1);
    const rows = await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.leadId, lead.leadId));
    const personal = rows.filter((r) => r.recipient).map((r) => [r.event, r.recipient, r.lang, r.channel]);
    expect(personal.sort()).toEqual([
      ['lead.acknowledged', 't1@example.com', 'en', 'mail'],
      ['lead.assigned', 'agent-a@park.example', 'zh', 'mail'],
    ]);
    expect(rows.filter((r) => !r.recipient).map((r) => r.channel)).toEqual(['wecom']);
  });
});

describe(`tour slots on the official calendar (${testDatabaseKind})`, () => {
  it('offers the 调休 Saturday, nothing in the National Day week, and nothing within two hours of now', async () => {
    const slots = await findTourSlots(handle.db, {
      buildingIds: [],
      fromDay: '2026-10-01',
      days: 12,
      now: new Date('2026-10-09T02:00:00Z'),
    });
    const days = [...new Set(slots.map((s) => slotKey(s.startsAt).slice(0, 10)))];
    expect(days).toEqual(['2026-10-09', '2026-10-10', '2026-10-12']);
    // 10:00 Beijing now: the first slot starts at least two hours later, on the 09:30 + 60 min grid.
    expect(slotKey(slots[0]!.startsAt)).toBe('2026-10-09T13:30+08:00');
    expect(slots[0]!.agents.map((a) => a.id).sort()).toEqual(['agent-a', 'agent-b']);
  });

  it('follows each agent’s days off, weekdays and buildings', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-a', daysOff: ['2026-10-12'], buildingIds: ['rd-1'] });
    await handle.db
      .insert(agentProfiles)
      .values({ userId: 'agent-b', workWeekdays: [2, 3, 4, 5], buildingIds: ['rd-2'] });
    const slots = await findTourSlots(handle.db, {
      buildingIds: ['rd-1'],
      fromDay: '2026-10-12',
      days: 2,
      now: FRIDAY_MORNING,
    });
    expect([...new Set(slots.map((s) => slotKey(s.startsAt).slice(0, 10)))]).toEqual(['2026-10-13']);
    const monday = await findTourSlots(handle.db, {
      buildingIds: [],
      fromDay: '2026-10-12',
      days: 1,
      now: FRIDAY_MORNING,
    });
    expect(monday).toEqual([]);
  });
});

describe(`booking tours (${testDatabaseKind})`, () => {
  const at = beijingInstant('2026-10-12', 570);

  it('lets exactly one of 20 simultaneous bookings of one agent’s slot through; the others get tour_slot_taken', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-b', isOnDuty: false, daysOff: ['2026-10-12'] });
    const leadsToBook = [];
    for (let i = 1; i <= 20; i++) leadsToBook.push(await newLead(i));
    const results = await Promise.all(
      leadsToBook.map((lead) =>
        bookTour(deps(), {
          leadId: lead.leadId,
          startsAt: at,
          unitIds: [],
          buildingId: null,
          bookedBy: 'tenant',
          now: FRIDAY_MORNING,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(19).fill('tour_slot_taken'));
    const stored = await handle.db.select().from(tours);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.agentId).toBe('agent-a');
    // The winner's timeline, and nothing from the losers.
    const events = await handle.db.select().from(leadEvents).where(eq(leadEvents.kind, 'tour_booked'));
    expect(events).toHaveLength(1);
  });

  it('gives the slot to the next free agent, the lead’s own first, and refuses garbage times', async () => {
    const one = await newLead(1);
    const two = await newLead(2);
    const first = await bookTour(deps(), {
      leadId: two.leadId,
      startsAt: at,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(first.ok && first.tour.agentId).toBe('agent-b');
    const second = await bookTour(deps(), {
      leadId: one.leadId,
      startsAt: at,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(second.ok && second.tour.agentId).toBe('agent-a');
    const third = await newLead(3);
    const taken = await bookTour(deps(), {
      leadId: third.leadId,
      startsAt: at,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(taken).toEqual({ ok: false, code: 'tour_slot_taken' });
    for (const startsAt of [
      new Date('2026-10-01T02:00:00Z'), // National Day
      beijingInstant('2026-10-12', 575), // not on the grid
      beijingInstant('2026-10-12', 1200), // evening
      new Date('2026-10-08T02:00:00Z'), // the past
    ]) {
      const result = await bookTour(deps(), {
        leadId: third.leadId,
        startsAt,
        unitIds: [],
        buildingId: null,
        bookedBy: 'tenant',
        now: FRIDAY_MORNING,
      });
      expect(result).toEqual({ ok: false, code: 'tour_slot_invalid' });
    }
  });

  it('reschedules, refuses a taken slot, cancels and frees the slot, with reminders replaced each time', async () => {
    await handle.db
      .insert(agentProfiles)
      .values({ userId: 'agent-b', isOnDuty: false, daysOff: ['2026-10-12', '2026-10-13'] });
    const one = await newLead(1);
    const two = await newLead(2);
    const booked = await bookTour(deps(), {
      leadId: one.leadId,
      startsAt: at,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    if (!booked.ok) throw new Error(booked.code);
    const later = beijingInstant('2026-10-12', 630);
    const other = await bookTour(deps(), {
      leadId: two.leadId,
      startsAt: later,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(other.ok).toBe(true);
    expect(
      await rescheduleTour(deps(), {
        leadId: one.leadId,
        tourId: booked.tour.id,
        startsAt: later,
        actor: 'tenant',
        now: FRIDAY_MORNING,
      }),
    ).toEqual({ ok: false, code: 'tour_slot_taken' });
    const tuesday = beijingInstant('2026-10-13', 570);
    const moved = await rescheduleTour(deps(), {
      leadId: one.leadId,
      tourId: booked.tour.id,
      startsAt: tuesday,
      actor: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(moved.ok && [moved.tour.startsAt.toISOString(), moved.tour.sequence]).toEqual([tuesday.toISOString(), 1]);
    const reminders = await handle.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.event, 'tour.reminder'));
    const mine = reminders.filter((r) => r.tourId === booked.tour.id).map((r) => r.nextAttemptAt.toISOString());
    expect([...new Set(mine)].sort()).toEqual([
      new Date(tuesday.getTime() - 24 * 3600_000).toISOString(),
      new Date(tuesday.getTime() - 3600_000).toISOString(),
    ]);
    const withColleague = await setTourColleagues(deps(), {
      leadId: one.leadId,
      tourId: booked.tour.id,
      colleagues: [{ name: 'Ada', email: 'ada@example.com' }],
      actor: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(withColleague.ok && withColleague.tour.sequence).toBe(2);
    const cancelled = await cancelTour(deps(), {
      leadId: one.leadId,
      tourId: booked.tour.id,
      actor: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(cancelled.ok && cancelled.tour.status).toBe('cancelled');
    const left = await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.tourId, booked.tour.id));
    expect(left.filter((r) => r.event === 'tour.reminder')).toEqual([]);
    // Someone else may take the freed Tuesday slot; a second cancel is refused.
    const three = await newLead(3);
    expect(
      (
        await bookTour(deps(), {
          leadId: three.leadId,
          startsAt: tuesday,
          unitIds: [],
          buildingId: null,
          bookedBy: 'tenant',
          now: FRIDAY_MORNING,
        })
      ).ok,
    ).toBe(true);
    expect(
      await cancelTour(deps(), { leadId: one.leadId, tourId: booked.tour.id, actor: 'tenant', now: FRIDAY_MORNING }),
    ).toEqual({ ok: false, code: 'tour_not_changeable' });
    // Another lead's tour is not found through this lead.
    expect(
      await cancelTour(deps(), { leadId: two.leadId, tourId: booked.tour.id, actor: 'tenant', now: FRIDAY_MORNING }),
    ).toEqual({ ok: false, code: 'not_found' });
  });

  it('refuses a unit that was reserved or leased meanwhile', async () => {
    const lead = await newLead(1);
    const unit = catalog.units[0]!;
    await handle.db.execute(sql`update unit_states set status = 'leased' where unit_id = ${unit.id}`);
    const result = await bookTour(deps(), {
      leadId: lead.leadId,
      startsAt: at,
      unitIds: [unit.id],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    expect(result).toEqual({ ok: false, code: 'tour_unit_unavailable', unitId: unit.id });
    await handle.db.execute(sql`update unit_states set status = 'available' where unit_id = ${unit.id}`);
  });
});

describe('the tenant’s tour link', () => {
  it('opens the lead it was issued for, and refuses an altered or expired one', async () => {
    const leadId = '0190f3c2-4b7e-7d2a-9c1e-1234567890ab';
    const token = await issueTourToken(handle.db, leadId, FRIDAY_MORNING);
    expect(await checkTourToken(handle.db, token, FRIDAY_MORNING)).toEqual({ status: 'ok', leadId });
    const altered = token.replace(/^0/, '1');
    expect(await checkTourToken(handle.db, altered, FRIDAY_MORNING)).toEqual({ status: 'invalid' });
    expect(await checkTourToken(handle.db, `${token}x`, FRIDAY_MORNING)).toEqual({ status: 'invalid' });
    expect(await checkTourToken(handle.db, token, new Date('2027-06-01T00:00:00Z'))).toEqual({ status: 'expired' });
  });
});

describe(`the e-mails (${testDatabaseKind})`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());

  async function deliverAll() {
    const channels = configuredChannels({ smtpUrl: smtp.url });
    await handle.db.execute(sql`update notification_outbox set next_attempt_at = now() where status = 'pending'`);
    return deliverOutbox(handle.db, channels, 'https://leasing.park.example', catalog);
  }

  async function mailsTo(address: string) {
    const found = smtp.mails.filter((mail) => mail.to.includes(address));
    return Promise.all(found.map((mail) => PostalMime.parse(mail.raw)));
  }

  it('acknowledges in the tenant’s language with the agent, the due time and a working tour link', async () => {
    smtp.mails.length = 0;
    await handle.db.insert(agentProfiles).values({ userId: 'agent-a', workPhone: '010-6388 0001' });
    const lead = await newLead(1, {}, new Date('2026-10-09T09:55:00Z'));
    await deliverAll();
    const [ack] = await mailsTo('t1@example.com');
    expect(ack!.subject).toBe(`Fengtai Aerospace Innovation Center: we have your inquiry ${lead.reference}`);
    expect(ack!.text).toContain('Your leasing manager: 李经理 010-6388 0001 agent-a@park.example');
    expect(ack!.text).toContain('We will contact you by 10 Oct 2026, 09:10 (Beijing time).');
    const url = /https:\/\/leasing\.park\.example\/en\/tours\/(\S+)/.exec(ack!.text!);
    expect(await checkTourToken(handle.db, url![1]!)).toEqual({ status: 'ok', leadId: lead.leadId });
    const [assigned] = await mailsTo('agent-a@park.example');
    expect(assigned!.subject).toContain('新线索分配给您：带看测试1公司');
  });

  it('sends the tenant and the agent an iTIP invitation in Beijing time that ical.js reads, then a cancellation', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-b', isOnDuty: false, daysOff: ['2026-10-12'] });
    const lead = await newLead(1);
    await deliverAll();
    smtp.mails.length = 0;
    const startsAt = beijingInstant('2026-10-12', 570);
    const booked = await bookTour(deps(), {
      leadId: lead.leadId,
      startsAt,
      unitIds: [catalog.units[0]!.id],
      buildingId: null,
      bookedBy: 'tenant',
      now: FRIDAY_MORNING,
    });
    if (!booked.ok) throw new Error(booked.code);
    await deliverAll();
    for (const address of ['t1@example.com', 'agent-a@park.example']) {
      const mails = await mailsTo(address);
      const invitation = mails.flatMap((mail) => mail.attachments).find((a) => a.mimeType === 'text/calendar');
      expect(invitation?.method, address).toBe('REQUEST');
      const text =
        typeof invitation!.content === 'string' ? invitation!.content : new TextDecoder().decode(invitation!.content);
      const calendar = new ICAL.Component(ICAL.parse(text));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.startDate.zone.tzid).toBe('Asia/Shanghai');
      expect(event.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
      expect(event.endDate.toJSDate().getTime() - startsAt.getTime()).toBe(45 * 60_000);
      expect(event.uid).toBe(`${booked.tour.id}@tours.fengtai-aerospace`);
      // The tenant wrote in English; staff read Chinese.
      expect(event.location).toContain(catalog.park.name[address.startsWith('t1') ? 'en' : 'zh']);
      expect(event.organizer).toBe('mailto:agent-a@park.example');
      expect(event.attendees.map((a) => a.getFirstValue())).toEqual(['MAILTO:t1@example.com']);
    }
    smtp.mails.length = 0;
    await cancelTour(deps(), { leadId: lead.leadId, tourId: booked.tour.id, actor: 'tenant', now: FRIDAY_MORNING });
    await deliverAll();
    const [cancellation] = await mailsTo('t1@example.com');
    const ics = cancellation!.attachments.find((a) => a.mimeType === 'text/calendar')!;
    expect(ics.method).toBe('CANCEL');
    const text = typeof ics.content === 'string' ? ics.content : new TextDecoder().decode(ics.content);
    expect(text).toContain('SEQUENCE:1');
    expect(text).toContain('STATUS:CANCELLED');
  });
});
