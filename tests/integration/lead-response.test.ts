/**
 * Issue 15 after the inquiry (PGlite, or PostgreSQL with TEST_DATABASE_URL): the first response and its stage
 * move, tour outcomes and the Touring stage, escalation of unanswered leads, the team page's rules and profiles,
 * the handover when an agent leaves, the overview's response figures, the agent's calendar feed, and the public
 * slot API's and tour requests' refusals.
 */
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { escalateUnanswered } from '../../src/server/assignment/escalate-unanswered.ts';
import { handOverWork } from '../../src/server/assignment/hand-over-work.ts';
import { applyTeamForm } from '../../src/server/assignment/manage-team.ts';
import { forgetLeasingSettings } from '../../src/server/assignment/leasing-settings.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import {
  agentProfiles,
  auditLog,
  leadEvents,
  leads,
  notificationOutbox,
  tours,
  unitStates,
} from '../../src/server/db/schema.ts';
import { refusalOf } from '../../src/server/errors/answer-outcome.ts';
import { statusOf } from '../../src/server/errors/error-catalogue.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { logContact, recordTourOutcome } from '../../src/server/leads/work-lead.ts';
import { percentile, responseMetrics } from '../../src/server/pipeline/response-metrics.ts';
import { bookTour } from '../../src/server/tours/book-tour.ts';
import { applyTourRequest } from '../../src/server/tours/receive-tour-request.ts';
import { agentFeed, issueAgentFeed, revokeAgentFeed } from '../../src/server/tours/tour-calendars.ts';
import { tourSlotsJson } from '../../src/server/tours/tour-slots-json.ts';
import { beijingInstant } from '../../src/server/tours/tour-slots.ts';
import { openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const ADMIN = { id: 'admin-1', email: 'admin-1@park.example', role: 'admin' };
const AGENT_A = { id: 'agent-a', email: 'agent-a@park.example', role: 'agent' };
const channels = ['mail', 'wecom'];
const tourDeps = () => ({ db: handle.db, catalog, channels });

/** Monday 12 October 2026, 10:00 Beijing. */
const MONDAY = new Date('2026-10-12T02:00:00Z');

async function newLead(i: number, now = MONDAY, extra: Record<string, unknown> = {}) {
  const result = await submitLead(
    { db: handle.db, catalog, channels },
    {
      raw: {
        companyName: `响应测试${i}公司`,
        contactName: `联系人${i}`,
        email: `r${i}@example.com`,
        industryTrack: 'navigation',
        consent: true,
        ...extra,
      },
      lang: 'zh',
      clientIp: `192.0.2.${i}`,
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
  for (const table of ['tours', 'rate_limits', 'leads', 'agent_profiles', 'audit_log', 'staff_users'])
    await handle.db.execute(sql.raw(`delete from ${table}`));
  await handle.db.execute(sql`update leasing_settings set response_target_minutes = 15, team_lead_id = null`);
  forgetLeasingSettings(handle.db);
  await addStaff('admin-1', '王主管', 'admin');
  await addStaff('agent-a', '李经理', 'agent');
  await addStaff('agent-b', '张经理', 'agent');
});

describe(`the first response (${testDatabaseKind})`, () => {
  it('is recorded by the first contact logged, which moves a new lead to Contacted; later ones are not first', async () => {
    const lead = await newLead(1);
    expect(await logContact(handle.db, AGENT_A, lead.leadId, { channel: 'fax' })).toMatchObject({
      ok: false,
      field: 'channel',
    });
    const at = new Date(MONDAY.getTime() + 5 * 60_000);
    expect(await logContact(handle.db, AGENT_A, lead.leadId, { channel: 'call', note: '约周三看房' }, at)).toEqual({
      ok: true,
    });
    expect(
      await logContact(handle.db, AGENT_A, lead.leadId, { channel: 'email' }, new Date(at.getTime() + 60_000)),
    ).toEqual({ ok: true });
    const [row] = await handle.db.select().from(leads).where(eq(leads.id, lead.leadId));
    expect([row!.firstResponseAt?.toISOString(), row!.stage]).toEqual([at.toISOString(), 'contacted']);
    const logged = await handle.db
      .select({ data: leadEvents.data })
      .from(leadEvents)
      .where(eq(leadEvents.kind, 'contact_logged'));
    expect(logged.map((e) => e.data.isFirstResponse)).toEqual([true, false]);
    expect(await logContact(handle.db, AGENT_A, '00000000-0000-4000-8000-000000000000', { channel: 'call' })).toEqual({
      ok: false,
      code: 'not_found',
    });
  });

  it('escalates a lead nobody answered: once at its due time, again a target later, never after an answer', async () => {
    const waiting = await newLead(1);
    const answered = await newLead(2);
    await logContact(handle.db, AGENT_A, answered.leadId, { channel: 'call' }, new Date(MONDAY.getTime() + 60_000));
    const due = waiting.responseDueAt; // 10:15
    expect(await escalateUnanswered({ db: handle.db, channels }, new Date(due.getTime() - 1000))).toBe(0);
    // Two processes sweep at once: the team lead hears once.
    const both = await Promise.all([
      escalateUnanswered({ db: handle.db, channels }, due),
      escalateUnanswered({ db: handle.db, channels }, due),
    ]);
    expect(both[0] + both[1]).toBe(1);
    expect(await escalateUnanswered({ db: handle.db, channels }, new Date(due.getTime() + 14 * 60_000))).toBe(0);
    expect(await escalateUnanswered({ db: handle.db, channels }, new Date(due.getTime() + 15 * 60_000))).toBe(1);
    expect(await escalateUnanswered({ db: handle.db, channels }, new Date(due.getTime() + 600 * 60_000))).toBe(0);
    const notices = await handle.db
      .select({ recipient: notificationOutbox.recipient, channel: notificationOutbox.channel })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.event, 'lead.escalated'));
    // Each time: the team's WeCom group, and by e-mail the team lead (the first administrator) and the owner.
    expect(notices.map((n) => `${n.channel}:${n.recipient ?? ''}`).sort()).toEqual([
      'mail:admin-1@park.example',
      'mail:admin-1@park.example',
      'mail:agent-a@park.example',
      'mail:agent-a@park.example',
      'wecom:',
      'wecom:',
    ]);
    const [row] = await handle.db
      .select({ escalations: leads.escalations })
      .from(leads)
      .where(eq(leads.id, waiting.leadId));
    expect(row!.escalations).toBe(2);
  });
});

describe(`tour outcomes (${testDatabaseKind})`, () => {
  it('moves the lead to Touring when the tour took place, not when it was booked or missed', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-b', isOnDuty: false, daysOff: ['2026-10-13'] });
    const lead = await newLead(1);
    const startsAt = beijingInstant('2026-10-13', 570);
    const unit = (
      await handle.db
        .select({ id: unitStates.unitId })
        .from(unitStates)
        .where(eq(unitStates.status, 'available'))
        .limit(1)
    )[0]!.id;
    const booked = await bookTour(tourDeps(), {
      leadId: lead.leadId,
      startsAt,
      unitIds: [unit],
      buildingId: null,
      bookedBy: 'tenant',
      now: MONDAY,
    });
    if (!booked.ok) throw new Error(booked.code);
    const stage = async () =>
      (await handle.db.select({ stage: leads.stage }).from(leads).where(eq(leads.id, lead.leadId)))[0]!.stage;
    expect(await stage()).toBe('new');
    const during = new Date(startsAt.getTime() + 10 * 60_000);
    // Not before it begins; a held tour needs the interest; units seen must be units.
    expect(
      await recordTourOutcome(
        { db: handle.db, catalog },
        AGENT_A,
        lead.leadId,
        booked.tour.id,
        { attended: 'held', interest: 'high' },
        MONDAY,
      ),
    ).toEqual({ ok: false, code: 'not_found' });
    expect(
      await recordTourOutcome(
        { db: handle.db, catalog },
        AGENT_A,
        lead.leadId,
        booked.tour.id,
        { attended: 'held' },
        during,
      ),
    ).toMatchObject({ ok: false, field: 'interest' });
    expect(
      await recordTourOutcome(
        { db: handle.db, catalog },
        AGENT_A,
        lead.leadId,
        booked.tour.id,
        { attended: 'held', interest: 'high', unitsSeen: ['nope'] },
        during,
      ),
    ).toMatchObject({ ok: false, field: 'unitsSeen' });
    expect(
      await recordTourOutcome(
        { db: handle.db, catalog },
        AGENT_A,
        lead.leadId,
        booked.tour.id,
        { attended: 'no_show' },
        during,
      ),
    ).toEqual({ ok: true });
    expect(await stage()).toBe('new');
    expect(
      await recordTourOutcome(
        { db: handle.db, catalog },
        AGENT_A,
        lead.leadId,
        booked.tour.id,
        { attended: 'held', interest: 'high', unitsSeen: [unit], nextStep: '发报价' },
        during,
      ),
    ).toEqual({ ok: true });
    expect(await stage()).toBe('touring');
    const [tour] = await handle.db.select().from(tours).where(eq(tours.id, booked.tour.id));
    expect([tour!.status, tour!.interest, tour!.unitsSeen, tour!.nextStep]).toEqual(['held', 'high', [unit], '发报价']);
    const [row] = await handle.db.select({ first: leads.firstResponseAt }).from(leads).where(eq(leads.id, lead.leadId));
    expect(row!.first?.toISOString()).toBe(during.toISOString());
  });
});

describe(`the team page (${testDatabaseKind})`, () => {
  const deps = () => ({ db: handle.db, catalog, siteUrl: 'https://leasing.park.example' });
  const profile = (extra: Record<string, unknown> = {}) => ({
    action: 'profile',
    userId: 'agent-a',
    workPhone: '010-6388 0001',
    isOnDuty: 'on',
    leaveFrom: '',
    leaveUntil: '',
    maxOpenLeads: '12',
    tracks: ['navigation'],
    buildingIds: ['rd-1'],
    workWeekdays: ['1', '2', '3'],
    tourWindows: '10:00-12:00, 14:00-16:00',
    daysOff: '2026-12-24, 2026-12-31',
    tourMinutes: '30',
    bufferMinutes: '10',
    ...extra,
  });

  it('lets an administrator set the rules and anyone’s profile, audited; refuses nonsense with the field named', async () => {
    const rules = {
      action: 'settings',
      responseTargetMinutes: '30',
      dayStart: '08:30',
      dayEnd: '17:30',
      assignBy: 'building',
      teamLeadId: 'agent-b',
    };
    expect(await applyTeamForm(deps(), ADMIN, rules)).toEqual({ ok: true });
    expect(await applyTeamForm(deps(), ADMIN, profile())).toEqual({ ok: true });
    const [saved] = await handle.db.select().from(agentProfiles).where(eq(agentProfiles.userId, 'agent-a'));
    expect(saved).toMatchObject({
      maxOpenLeads: 12,
      tracks: ['navigation'],
      tourWindows: [
        [600, 720],
        [840, 960],
      ],
      daysOff: ['2026-12-24', '2026-12-31'],
      workWeekdays: [1, 2, 3],
    });
    for (const [fields, field] of [
      [{ ...rules, dayStart: '18:00' }, 'dayStart'],
      [{ ...rules, responseTargetMinutes: '0' }, 'responseTargetMinutes'],
      [{ ...rules, teamLeadId: 'ghost' }, 'teamLeadId'],
      [profile({ tourWindows: '12:00-10:00' }), 'tourWindows'],
      [profile({ tourWindows: '09:00-12:00, 11:00-13:00' }), 'tourWindows'],
      [profile({ daysOff: 'tomorrow' }), 'daysOff'],
      [profile({ leaveFrom: '2026-12-10', leaveUntil: '2026-12-01' }), 'leaveFrom'],
      [profile({ buildingIds: ['rd-9'] }), 'buildingIds'],
      [profile({ workWeekdays: ['6'] }), 'workWeekdays'],
      [profile({ tourMinutes: '5' }), 'tourMinutes'],
      [profile({ userId: 'ghost' }), 'userId'],
    ] as const) {
      const refusal = refusalOf(await applyTeamForm(deps(), ADMIN, fields));
      expect(refusal?.errors?.[0]?.field, JSON.stringify(fields)).toBe(field);
      expect(statusOf(refusal!.code)).toBe(400);
    }
    const audit = await handle.db.select({ action: auditLog.action }).from(auditLog);
    expect(audit.map((a) => a.action).sort()).toEqual(['agent.profile', 'leasing.settings']);
  });

  it('lets an agent set their own hours but not the rules, nor their tracks and lead limit, nor anyone else', async () => {
    expect(
      refusalOf(
        await applyTeamForm(deps(), AGENT_A, {
          action: 'settings',
          responseTargetMinutes: '30',
          dayStart: '09:00',
          dayEnd: '18:00',
          assignBy: 'team',
          teamLeadId: '',
        }),
      )?.code,
    ).toBe('forbidden');
    expect(refusalOf(await applyTeamForm(deps(), AGENT_A, profile({ userId: 'agent-b' })))?.code).toBe('forbidden');
    expect(await applyTeamForm(deps(), AGENT_A, profile())).toEqual({ ok: true });
    const [saved] = await handle.db.select().from(agentProfiles).where(eq(agentProfiles.userId, 'agent-a'));
    expect([saved!.tracks, saved!.maxOpenLeads, saved!.tourMinutes]).toEqual([[], null, 30]);
  });

  it('issues a private calendar feed that a calendar parser reads, and revokes it', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-b', isOnDuty: false, daysOff: ['2026-10-13'] });
    const lead = await newLead(1);
    await bookTour(tourDeps(), {
      leadId: lead.leadId,
      startsAt: beijingInstant('2026-10-13', 570),
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: MONDAY,
    });
    const issued = await applyTeamForm(deps(), AGENT_A, { action: 'feed-issue' });
    const url = issued.ok ? issued.feedUrl! : '';
    const secret = /\/calendars\/([\w-]+)\.ics$/.exec(url)![1]!;
    const feed = await agentFeed({ ...deps() }, secret, MONDAY);
    const calendar = new ICAL.Component(ICAL.parse(feed!));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-13T01:30:00.000Z');
    expect(event.summary).toContain('响应测试1公司');
    // Another agent's feed does not show it; a new secret replaces the old; revoked is gone.
    // Change the last character to a different one (a secret that already ends in x stayed the same, 1 run in 64).
    const otherSecret = secret.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
    expect(await agentFeed(deps(), otherSecret, MONDAY)).toBeUndefined();
    const second = await issueAgentFeed(handle.db, 'agent-a', 'https://leasing.park.example');
    expect(await agentFeed(deps(), secret, MONDAY)).toBeUndefined();
    const secondSecret = /\/calendars\/([\w-]+)\.ics$/.exec(second)![1]!;
    expect(await agentFeed(deps(), secondSecret, MONDAY)).toContain('BEGIN:VEVENT');
    await revokeAgentFeed(handle.db, 'agent-a');
    expect(await agentFeed(deps(), secondSecret, MONDAY)).toBeUndefined();
  });
});

describe(`when an agent leaves (${testDatabaseKind})`, () => {
  it('gives their open leads to colleagues and their tours to a colleague free then, or cancels and tells the tenant', async () => {
    await handle.db.insert(agentProfiles).values({ userId: 'agent-b', isOnDuty: false });
    const first = await newLead(1);
    const second = await newLead(2);
    expect([first.owner?.name, second.owner?.name]).toEqual(['李经理', '李经理']);
    const nine = beijingInstant('2026-10-13', 570);
    const ten = beijingInstant('2026-10-13', 630);
    const a = await bookTour(tourDeps(), {
      leadId: first.leadId,
      startsAt: nine,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: MONDAY,
    });
    // agent-b gives tours (off duty for leads only): the 10:30 slot goes to agent-a, whom we then book at 10:30 too.
    await handle.db
      .update(agentProfiles)
      .set({ daysOff: ['2026-10-13'] })
      .where(eq(agentProfiles.userId, 'agent-b'));
    const b = await bookTour(tourDeps(), {
      leadId: second.leadId,
      startsAt: ten,
      unitIds: [],
      buildingId: null,
      bookedBy: 'tenant',
      now: MONDAY,
    });
    if (!a.ok || !b.ok) throw new Error('not booked');
    await handle.db
      .update(agentProfiles)
      .set({ daysOff: [], isOnDuty: true })
      .where(eq(agentProfiles.userId, 'agent-b'));
    // agent-b is busy at 10:30 with someone else.
    const third = await newLead(3);
    await handle.db.insert(tours).values({
      reference: 'TR-BUSY01',
      leadId: third.leadId,
      agentId: 'agent-b',
      startsAt: ten,
      endsAt: new Date(ten.getTime() + 45 * 60_000),
      bookedBy: 'tenant',
    });
    await handle.db.execute(sql`update staff_users set banned = true where id = 'agent-a'`);
    const report = await handOverWork({ db: handle.db, catalog, channels }, ADMIN, 'agent-a', MONDAY);
    expect(report).toEqual({ leads: 2, toursMoved: 1, toursCancelled: 1 });
    const owners = await handle.db.select({ owner: leads.ownerId }).from(leads).where(eq(leads.ownerId, 'agent-a'));
    expect(owners).toEqual([]);
    const after = await handle.db.select({ id: tours.id, agent: tours.agentId, status: tours.status }).from(tours);
    expect(after.find((t) => t.id === a.tour.id)).toMatchObject({ agent: 'agent-b', status: 'booked' });
    expect(after.find((t) => t.id === b.tour.id)).toMatchObject({ status: 'cancelled' });
    const told = await handle.db
      .select({ event: notificationOutbox.event, to: notificationOutbox.recipient })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.tourId, b.tour.id));
    expect(told.filter((n) => n.event === 'tour.cancelled').map((n) => n.to)).toEqual(['r2@example.com']);
    // Someone who still works leads hands nothing over.
    expect(await handOverWork({ db: handle.db, catalog, channels }, ADMIN, 'agent-b', MONDAY)).toEqual({
      leads: 0,
      toursMoved: 0,
      toursCancelled: 0,
    });
  });
});

describe(`the overview’s response figures (${testDatabaseKind})`, () => {
  it('takes the nearest-rank median and 90th percentile of answered leads, and counts missed ones against the target', async () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeNull();
    const answeredAfter = [3, 5, 8, 20];
    for (const [i, minutes] of answeredAfter.entries()) {
      const lead = await newLead(i + 1);
      await logContact(
        handle.db,
        AGENT_A,
        lead.leadId,
        { channel: 'call' },
        new Date(MONDAY.getTime() + minutes * 60_000),
      );
    }
    await newLead(9); // never answered: overdue by the time we look
    const figures = await responseMetrics(
      handle.db,
      { from: new Date(MONDAY.getTime() - 60_000), to: new Date(MONDAY.getTime() + 60_000) },
      new Date(MONDAY.getTime() + 3 * 3_600_000),
    );
    expect(figures.response).toMatchObject({
      leads: 5,
      answered: 4,
      medianMinutes: 5,
      p90Minutes: 20,
      waiting: 1,
      overdue: 1,
    });
    // 3 of 5 answered within 15 minutes.
    expect(figures.response.withinTarget).toBeCloseTo(0.6);
    expect(figures.responseByAgent.map((r) => [r.key, r.leads])).toEqual([
      ['张经理', 2],
      ['李经理', 3],
    ]);
  });
});

describe(`public tour requests (${testDatabaseKind})`, () => {
  it('refuses bad slot queries and bad tour requests with 400 and the field named, in both languages', async () => {
    const bad = await tourSlotsJson(
      { db: handle.db, catalog },
      new URLSearchParams('units=r1-0501,zz&from=2020-13-45&days=0&building=nowhere'),
      MONDAY,
    );
    const refusal = refusalOf(bad)!;
    expect(statusOf(refusal.code)).toBe(400);
    expect(refusal.errors!.map((e) => e.field).sort()).toEqual(['building', 'days', 'from', 'units']);
    expect(refusal.errors![0]!.message.en).toBeTruthy();
    const ok = await tourSlotsJson(
      { db: handle.db, catalog },
      new URLSearchParams('building=rd-1&from=2026-10-13&days=1'),
      MONDAY,
    );
    expect(ok.ok && ok.slots[0]).toEqual({
      start: '2026-10-13T09:30+08:00',
      end: '2026-10-13T10:15+08:00',
      minutes: 45,
    });
    expect(ok.ok && JSON.stringify(ok)).not.toMatch(/经理|agent/);

    const lead = await newLead(1);
    const ask = (fields: Record<string, unknown>) => applyTourRequest(tourDeps(), lead.leadId, fields, MONDAY);
    expect(refusalOf(await ask({ action: 'dance' }))?.errors?.[0]?.field).toBe('action');
    expect(refusalOf(await ask({ start: '2026-10-13 09:30' }))?.errors?.[0]?.field).toBe('start');
    expect(
      refusalOf(await ask({ start: '2026-10-13T09:30+08:00', units: ['r1-0501', 'nope'] }))?.errors?.[0]?.field,
    ).toBe('units');
    expect(refusalOf(await ask({ action: 'cancel', tour: 'x' }))?.errors?.[0]?.field).toBe('tour');
    const booked = await ask({ start: '2026-10-13T09:30+08:00', units: 'r1-0501' });
    expect(booked.ok).toBe(true);
    const tourId = booked.ok ? booked.tour.id : '';
    expect(refusalOf(await ask({ start: '2026-10-13T10:30+08:00' }))?.code).toBe('tour_already_booked');
    const tooMany = Array.from({ length: 6 }, (_, i) => ({ name: `同事${i}`, email: '' }));
    expect(refusalOf(await ask({ action: 'colleagues', tour: tourId, colleagues: tooMany }))?.errors?.[0]?.field).toBe(
      'colleagues',
    );
    expect(
      refusalOf(await ask({ action: 'colleagues', tour: tourId, colleagueName: ['Ada'], colleagueEmail: ['not-mail'] }))
        ?.errors?.[0]?.field,
    ).toBe('colleagues');
    const named = await ask({
      action: 'colleagues',
      tour: tourId,
      colleagueName: ['Ada', '', ''],
      colleagueEmail: ['ADA@example.com', '', ''],
    });
    expect(named.ok && named.tour.colleagues).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
    // A link cannot send mail without end: the 13th change within an hour (the 8 above counted) is a 429 with the wait.
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask({ action: 'colleagues', tour: tourId, colleagues: [] }));
    expect(answers.slice(0, 4).every((a) => a.ok)).toBe(true);
    const limited = refusalOf(answers.at(-1));
    expect([limited?.code, statusOf(limited!.code), (limited?.retryAfterSeconds ?? 0) > 0]).toEqual([
      'rate_limited',
      429,
      true,
    ]);
  });
});
