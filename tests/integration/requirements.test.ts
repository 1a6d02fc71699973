/**
 * Issue 17, items 2–4 and the clock walk, on the database (PGlite, or PostgreSQL with TEST_DATABASE_URL): a lease
 * recorded by staff that ends in 60 days makes its unit "coming free" for tenants (search, summary), match a saved
 * search and a lead's requirement — one alert and one owner notice, not one per check; a private lease end or one
 * moved past a year takes the unit out of every match, an early exit brings it back; rights of first refusal keep a
 * neighbour for its holder; and PIPL export and erasure cover the requirement.
 */
import { applyLeadChange } from '../../src/server/leads/apply-lead-change.ts';
import { readInventoryVersion } from '../../src/server/inventory/inventory-version.ts';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { todayInBeijing } from '../../src/lib/format.ts';
import { addDays } from '../../src/lib/lease-economics.ts';
import { parseUnitSearchParams } from '../../src/lib/unit-search-query.ts';
import { changeSubscription, subscribeToAlerts } from '../../src/server/alerts/manage-subscriptions.ts';
import { sendDueAlerts } from '../../src/server/alerts/send-alerts.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import {
  firstRefusals,
  leadRequirements,
  leads,
  notificationOutbox,
  proposals,
  requirementMatches,
  unitLeases,
  unitStates,
} from '../../src/server/db/schema.ts';
import { readUnitStates } from '../../src/server/inventory/list-unit-states.ts';
import { changeLease, leaseUnit } from '../../src/server/inventory/manage-unit.ts';
import { searchUnits } from '../../src/server/inventory/search-units.ts';
import { toUnitSummary } from '../../src/server/inventory/summarize-unit.ts';
import { toListings } from '../../src/server/inventory/availability.ts';
import { eraseLeadData, exportLeadData } from '../../src/server/leads/lead-privacy.ts';
import { mergeLeads } from '../../src/server/leads/merge-leads.ts';
import { draftProposal } from '../../src/server/proposals/draft-proposal.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { formatPersonalNotice } from '../../src/server/notify/format-personal-notice.ts';
import { endFirstRefusal, recordFirstRefusal } from '../../src/server/requirements/first-refusals.ts';
import { setLeadRequirement } from '../../src/server/requirements/lead-requirement.ts';
import { matchRequirements } from '../../src/server/requirements/match-requirements.ts';
import { leadRequirementView } from '../../src/server/requirements/requirement-view.ts';
import { AGENT_ACTOR, openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const deps = () => ({ db: handle.db, catalog, notifyChannels: ['mail'] });
const DAY = 86_400_000;
const today = todayInBeijing();
const admin = { id: 'admin-1', email: 'admin@park.example', role: 'admin' };

/** Level 6 of R&D Building 2: 0601 and 0602 share a wall (0601's only neighbour); every unit there is 187.5 ㎡. */
const unit = catalog.unitById.get('r2-0602')!;
const holderUnit = catalog.unitById.get('r2-0601')!;
const search = `building=rd-2&minArea=180&maxArea=200`;

beforeAll(async () => {
  handle = await openSeededDatabase(catalog, { withAgent: true });
});
afterAll(() => handle?.close());
beforeEach(async () => {
  for (const table of [
    'alert_subscriptions',
    'notification_outbox',
    'rate_limits',
    'unit_leases',
    'first_refusals',
    'lead_requirements',
    'requirement_matches',
  ])
    await handle.db.execute(sql.raw(`delete from ${table}`));
  await handle.db.execute(sql`delete from leads`);
  // Nothing else in the park is on offer; the two units are not either until leased (or freed) below.
  await handle.db.update(unitStates).set({ status: 'unavailable', availableFrom: today });
});

/** Staff record a lease of the unit, 300 days ago to `endsOn`, through the console's own action. */
async function lease(unitId: string, endsOn: string, tenant = '在租企业') {
  const result = await leaseUnit(handle.db, catalog, AGENT_ACTOR, unitId, {
    tenant,
    startsOn: addDays(today, -300),
    endsOn,
  });
  expect(result).toEqual({ ok: true });
  const [row] = await handle.db.select().from(unitLeases).where(eq(unitLeases.unitId, unitId));
  return row!;
}

async function newLead(name: string, email: string, need: Record<string, unknown> = {}) {
  const result = await submitLead(
    { db: handle.db, catalog, channels: ['mail'] },
    {
      raw: { companyName: name, contactName: '王工', email, industryTrack: 'navigation', consent: true, ...need },
      lang: 'zh',
      clientIp: '203.0.113.20',
      channel: 'api',
      now: new Date(),
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.leadId;
}

async function confirmedAlert() {
  const signed = await subscribeToAlerts(
    deps(),
    {
      fields: { email: 'watcher@example.com', horizonDays: '90', consent: 'yes', query: search },
      lang: 'en',
      clientIp: '203.0.113.5',
    },
    new Date(),
  );
  if (!signed.ok) throw new Error(JSON.stringify(signed));
  await changeSubscription(handle.db, signed.subscriptionId, 'confirm');
  return signed.subscriptionId;
}

const notices = (event: string) =>
  handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.event, event));
const matchesOf = (leadId: string) =>
  handle.db.select().from(requirementMatches).where(eq(requirementMatches.leadId, leadId));
const searchFor = async (params: string) => {
  const parsed = parseUnitSearchParams(new URLSearchParams(params));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return (await searchUnits(handle.db, catalog, parsed.query)).units.map((u) => u.id);
};
const publicSummary = async (unitId: string) => {
  const listing = toListings([catalog.unitById.get(unitId)!], await readUnitStates(handle.db, [unitId]))[0]!;
  return toUnitSummary(listing, catalog);
};

describe(`space coming free and the requirement register (${testDatabaseKind})`, () => {
  it('walks a clock: a lease ending in 60 days matches a saved search and a requirement once each; private, renewed and early-exit ends move every match', async () => {
    const start = new Date();
    const freeOn = addDays(today, 60);
    const subscription = await confirmedAlert();
    // The lead asked for that size, moving in within four months: its requirement comes from the inquiry.
    const moveIn = addDays(today, 120).slice(0, 7);
    const leadId = await newLead('扩张中的导航公司', 'nav@example.com', {
      areaMin: 150,
      areaMax: 250,
      moveInMonth: moveIn,
    });
    const row = await lease(unit.id, addDays(freeOn, -1));
    const changeEnd = (endsOn: string, expiryPublic: 'yes' | 'no') =>
      changeLease(handle.db, catalog, AGENT_ACTOR, unit.id, { leaseId: row.id, endsOn, expiryPublic });

    // Tenants see it coming free: the API's summary, the search's "available by" (a month counts), not plain search.
    expect(await publicSummary(unit.id)).toMatchObject({ status: 'leased', availableFrom: freeOn });
    expect(await searchFor(`building=rd-2&availableBy=${moveIn}`)).toEqual([unit.id]);
    expect(await searchFor('building=rd-2')).toEqual([]);

    expect(await sendDueAlerts(deps(), start)).toMatchObject({ alerted: 1 });
    expect(await matchRequirements(deps(), start)).toMatchObject({ matched: 1, notified: 1 });
    // Checked again the same minute and the next day: no second alert, no second owner notice.
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 60_000))).alerted).toBe(0);
    expect(await matchRequirements(deps(), new Date(start.getTime() + 60_000))).toMatchObject({ notified: 0 });
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + DAY + 60_000))).alerted).toBe(0);
    expect(await notices('alert.matches')).toHaveLength(1);
    const ownerNotices = await notices('requirement.matches');
    expect(ownerNotices).toHaveLength(1);
    expect(ownerNotices[0]).toMatchObject({ recipient: AGENT_ACTOR.email, leadId });
    const mail = await formatPersonalNotice(handle.db, ownerNotices[0]!, 'https://park.example', catalog);
    expect(mail?.subject).toBe('【招商门户】1 个单元现在符合 扩张中的导航公司 的需求');
    expect(mail?.text).toContain('科研2号楼 6层 602');
    expect(mail?.text).toMatch(/预计 \d{4}年\d{1,2}月\d{1,2}日 起可租/);
    expect(mail?.text).toContain(`https://park.example/console/leads/${leadId}`);
    expect(await matchesOf(leadId)).toEqual([expect.objectContaining({ unitId: unit.id, availableFrom: freeOn })]);
    const view = await leadRequirementView({ db: handle.db, catalog }, leadId, 'en');
    expect(view.source).toBe('inquiry');
    expect(view.words).toContain('150–250 m²');
    expect(view.matches).toEqual([expect.objectContaining({ unitId: unit.id, isNow: false })]);

    // A renewal under negotiation: staff make the lease end private. Nobody is told, and it matches nothing.
    expect(await changeEnd(row.endsOn, 'no')).toEqual({ ok: true });
    expect(await publicSummary(unit.id)).toMatchObject({ status: 'leased', availableFrom: null });
    expect(await searchFor(`building=rd-2&availableBy=${moveIn}`)).toEqual([]);
    await matchRequirements(deps(), new Date(start.getTime() + 2 * DAY));
    expect(await matchesOf(leadId)).toEqual([]);
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 2 * DAY))).alerted).toBe(0);

    // Renewed for two years (public again): past the year tenants are told about, still no match.
    const renewed = addDays(today, 730);
    expect(await changeEnd(renewed, 'yes')).toEqual({ ok: true });
    expect((await readUnitStates(handle.db, [unit.id])).get(unit.id)).toMatchObject({
      availableFrom: addDays(renewed, 1),
      expiryPublic: true,
    });
    expect(await publicSummary(unit.id)).toMatchObject({ availableFrom: null });
    await matchRequirements(deps(), new Date(start.getTime() + 3 * DAY));
    expect(await matchesOf(leadId)).toEqual([]);

    // Then an early exit in 30 days: the unit fits again — news for the owner and for the subscriber.
    const early = addDays(today, 29);
    expect(await changeEnd(early, 'yes')).toEqual({ ok: true });
    expect(await matchRequirements(deps(), new Date(start.getTime() + 4 * DAY))).toMatchObject({ notified: 1 });
    expect(await matchesOf(leadId)).toEqual([expect.objectContaining({ availableFrom: addDays(early, 1) })]);
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 4 * DAY))).alerted).toBe(1);

    // Unsubscribed: nothing more however the unit changes.
    await changeSubscription(handle.db, subscription, 'unsubscribe');
    await handle.db.update(unitStates).set({ listRentPerSqmDay: '1.00' }).where(eq(unitStates.unitId, unit.id));
    expect((await sendDueAlerts(deps(), new Date(start.getTime() + 6 * DAY))).alerted).toBe(0);
    expect(await notices('alert.matches')).toHaveLength(2);
  });

  it('refuses a lease change that is garbage, reversed or overlaps another lease, and changes nothing', async () => {
    const row = await lease(unit.id, addDays(today, 100));
    const change = (fields: Record<string, unknown>) =>
      changeLease(handle.db, catalog, AGENT_ACTOR, unit.id, { leaseId: row.id, endsOn: row.endsOn, ...fields });
    expect(await change({ endsOn: 'soon' })).toMatchObject({ ok: false, code: 'invalid', field: 'endsOn' });
    expect(await change({ endsOn: '9999-12-31' })).toMatchObject({ ok: false, code: 'invalid', field: 'endsOn' });
    expect(await change({ endsOn: row.startsOn })).toMatchObject({ ok: false, code: 'invalid', field: 'endsOn' });
    expect(await change({ expiryPublic: 'maybe' })).toMatchObject({
      ok: false,
      code: 'invalid',
      field: 'expiryPublic',
    });
    expect(await change({ leaseId: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'invalid', field: 'leaseId' });
    expect(await change({ leaseId: crypto.randomUUID() })).toMatchObject({ ok: false, code: 'not_found' });
    // The next tenant's lease is recorded; the first one cannot be extended into it.
    await handle.db.insert(unitLeases).values({
      unitId: unit.id,
      tenant: '下一家',
      startsOn: addDays(today, 200),
      endsOn: addDays(today, 900),
      createdBy: 'test',
    });
    expect(await change({ endsOn: addDays(today, 300) })).toMatchObject({ ok: false, code: 'overlap' });
    const [after] = await handle.db.select().from(unitLeases).where(eq(unitLeases.id, row.id));
    expect(after).toMatchObject({ endsOn: row.endsOn, expiryPublic: true });
  });

  it('keeps a neighbour for the holder of a right of first refusal, and offers it to others again when it ends', async () => {
    const holder = await newLead('隔壁的遥感公司', 'rs@example.com');
    const other = await newLead('另一家公司', 'other@example.com');
    const ownLease = await lease(holderUnit.id, addDays(today, 1000), '隔壁的遥感公司');
    await handle.db.update(unitLeases).set({ leadId: holder }).where(eq(unitLeases.id, ownLease.id));
    await lease(unit.id, addDays(today, 59));
    expect(
      await setLeadRequirement({ db: handle.db, catalog }, admin, other, {
        building: 'rd-2',
        minArea: '180',
        maxArea: '200',
      }),
    ).toEqual({
      ok: true,
    });
    await confirmedAlert();
    await matchRequirements(deps());
    expect((await matchesOf(other)).map((m) => m.unitId)).toEqual([unit.id]);

    const record = (fields: Record<string, unknown>, leadId = holder) =>
      recordFirstRefusal({ db: handle.db, catalog }, admin, leadId, {
        holderUnitId: holderUnit.id,
        unitId: unit.id,
        untilOn: addDays(today, 200),
        ...fields,
      });
    // Only on a neighbour of a unit the lead holds, within a sensible window.
    expect(await record({ unitId: 'r2-0605' })).toMatchObject({ ok: false, field: 'unitId' });
    expect(await record({}, other)).toMatchObject({ ok: false, field: 'holderUnitId' });
    expect(await record({ untilOn: addDays(today, -1) })).toMatchObject({ ok: false, field: 'untilOn' });
    expect(await record({ untilOn: '2026-02-30' })).toMatchObject({ ok: false, field: 'untilOn' });
    expect(await record({ holderUnitId: 'no-such-unit' })).toMatchObject({ ok: false, field: 'holderUnitId' });
    // Recording (and ending) a right moves the inventory version: cached unit pages say whether it can be reserved.
    const versionBefore = await readInventoryVersion(handle.db);
    expect(await record({ note: '续约谈判时约定' })).toEqual({ ok: true });
    const versionWithRight = await readInventoryVersion(handle.db);
    expect(versionWithRight).not.toBe(versionBefore);
    const [mine] = (await leadRequirementView({ db: handle.db, catalog }, holder, 'zh')).rights;
    expect(mine).toMatchObject({ unitId: unit.id, isRunning: true, note: '续约谈判时约定' });
    // One right per unit: a second is refused with the holder's reference.
    await handle.db.insert(unitLeases).values({
      unitId: 'r2-0603',
      tenant: '另一家公司',
      startsOn: today,
      endsOn: addDays(today, 400),
      leadId: other,
      createdBy: 'test',
    });
    const taken = await record({ holderUnitId: 'r2-0603' }, other);
    expect(taken).toMatchObject({ ok: false, code: 'first_refusal_taken' });

    // The holder's owner hears of it — even once the holder has signed (a tenant growing next door); the other
    // lead and the saved search no longer get it.
    await handle.db.update(leads).set({ stage: 'signed' }).where(eq(leads.id, holder));
    const before = (await notices('requirement.matches')).length;
    await matchRequirements(deps());
    expect(await matchesOf(other)).toEqual([]);
    expect(await matchesOf(holder)).toEqual([expect.objectContaining({ unitId: unit.id, byFirstRefusal: true })]);
    expect(await notices('requirement.matches')).toHaveLength(before + 1);
    expect((await sendDueAlerts(deps())).alerted).toBe(0);
    const holderView = await leadRequirementView({ db: handle.db, catalog }, holder, 'en');
    expect(holderView.roomToGrow).toEqual([
      expect.objectContaining({
        unitId: holderUnit.id,
        neighbours: [
          expect.objectContaining({
            unitId: unit.id,
            availability: expect.stringContaining('Leased, expected available from'),
          }),
        ],
      }),
    ]);

    // Waived: offered to everyone again.
    expect(await endFirstRefusal(handle.db, admin, holder, mine!.id)).toEqual({ ok: true });
    expect(await readInventoryVersion(handle.db)).not.toBe(versionWithRight);
    expect(await endFirstRefusal(handle.db, admin, holder, mine!.id)).toMatchObject({ code: 'not_found' });
    await matchRequirements(deps());
    expect((await matchesOf(other)).map((m) => m.unitId)).toEqual([unit.id]);
    expect((await sendDueAlerts(deps())).alerted).toBe(1);
  });

  it('refuses a requirement it cannot match on, and clears one with every field empty', async () => {
    const leadId = await newLead('需求测试', 'req@example.com', { areaMin: 100, areaMax: 300 });
    const set = (fields: Record<string, string>) =>
      setLeadRequirement({ db: handle.db, catalog }, admin, leadId, fields);
    expect(await set({ moveInMonth: '2027-13' })).toEqual({ ok: false, code: 'invalid', field: 'moveInMonth' });
    expect(await set({ moveInMonth: '2027-03-01' })).toEqual({ ok: false, code: 'invalid', field: 'moveInMonth' });
    expect(await set({ minArea: '500', maxArea: '100' })).toEqual({ ok: false, code: 'invalid', field: 'maxArea' });
    expect(await set({ maxRent: 'cheap' })).toEqual({ ok: false, code: 'invalid', field: 'maxRent' });
    expect(await set({ minLoad: '-3' })).toEqual({ ok: false, code: 'invalid', field: 'minLoad' });
    expect(await set({ building: 'rd-99', minArea: '100' })).toEqual({ ok: false, code: 'invalid', field: 'building' });
    // Through the lead page's route, the refusal says which field and what it takes, in both languages.
    expect(await applyLeadChange(deps(), admin, leadId, 'requirement', { minLoad: 'heavy' })).toMatchObject({
      ok: false,
      refusal: {
        code: 'invalid',
        errors: [
          {
            field: 'minLoad',
            message: {
              zh: '楼板荷载：请填写 0–100 之间的数字（kN/㎡）',
              en: 'Floor load: enter a number from 0 to 100 (kN/m²)',
            },
          },
        ],
      },
    });
    expect(
      await setLeadRequirement({ db: handle.db, catalog }, admin, crypto.randomUUID(), { minArea: '100' }),
    ).toEqual({
      ok: false,
      code: 'not_found',
    });
    expect(await handle.db.select().from(leadRequirements)).toEqual([]);
    expect(await set({ building: 'rd-2', minLoad: '8', moveInMonth: '2027-03', maxRent: '5.5' })).toEqual({ ok: true });
    const view = await leadRequirementView({ db: handle.db, catalog }, leadId, 'en');
    expect(view.source).toBe('staff');
    expect(view.form).toMatchObject({ building: 'rd-2', minLoad: '8', moveInMonth: '2027-03', maxRent: '5.5' });
    expect(view.words).toContain('R&D Building 2');
    expect(await set({})).toEqual({ ok: true });
    expect((await leadRequirementView({ db: handle.db, catalog }, leadId, 'en')).source).toBe('inquiry');
    // A move-in month already past still wants space: a unit free now fits.
    await handle.db.update(unitStates).set({ status: 'available' }).where(eq(unitStates.unitId, unit.id));
    expect(await set({ building: 'rd-2', minArea: '180', maxArea: '200', moveInMonth: '2020-01' })).toEqual({
      ok: true,
    });
    await matchRequirements(deps());
    expect((await matchesOf(leadId)).map((m) => m.unitId)).toEqual([unit.id]);
  });

  it('tells tenants nothing of a leased unit with no lease on record (the sample catalog’s), and keeps the register and proposals through a merge', async () => {
    await handle.db
      .update(unitStates)
      .set({ status: 'leased', availableFrom: addDays(today, 30) })
      .where(eq(unitStates.unitId, unit.id));
    expect(await publicSummary(unit.id)).toMatchObject({ status: 'leased', availableFrom: null });
    expect(await searchFor(`building=rd-2&availableBy=${addDays(today, 60)}`)).toEqual([]);

    // Two leads of one company: the duplicate's requirement, right and profile survive the merge.
    const keep = await newLead('合并测试', 'merge@example.com');
    const duplicate = await newLead('合并测试', 'merge@example.com', { policyProfile: ['aerospace'] });
    await setLeadRequirement({ db: handle.db, catalog }, admin, duplicate, { building: 'rd-2', minArea: '180' });
    await handle.db.insert(firstRefusals).values({
      unitId: 'r2-0605',
      leadId: duplicate,
      holderUnitId: 'r2-0604',
      untilOn: addDays(today, 30),
      createdBy: 'test',
    });
    // Each lead has a proposal numbered 1: the duplicate's becomes the kept lead's version 2.
    await handle.db.update(unitStates).set({ status: 'available' }).where(eq(unitStates.unitId, 'r2-0606'));
    for (const leadId of [keep, duplicate])
      expect(
        await draftProposal({ db: handle.db, catalog }, admin, leadId, {
          unitIds: ['r2-0606'],
          rentPerSqmDay: '4.50',
          termMonths: 36,
          startDate: addDays(today, 60),
        }),
      ).toMatchObject({ ok: true });
    const [dup] = await handle.db.select().from(leads).where(eq(leads.id, duplicate));
    expect(await mergeLeads(handle.db, admin, keep, dup!.reference)).toEqual({ ok: true });
    const merged = await handle.db.select().from(proposals).where(eq(proposals.leadId, keep));
    expect(merged.map((p) => p.version).sort()).toEqual([1, 2]);
    const [kept] = await handle.db.select().from(leads).where(eq(leads.id, keep));
    expect(kept!.policyProfile).toEqual(['aerospace']);
    expect(await handle.db.select().from(leadRequirements)).toEqual([
      expect.objectContaining({ leadId: keep, query: 'building=rd-2&minArea=180' }),
    ]);
    expect(await handle.db.select().from(firstRefusals)).toEqual([expect.objectContaining({ leadId: keep })]);
  });

  it('PIPL: the export carries the requirement and its matches; erasure removes them and the sweep does not bring them back', async () => {
    const leadId = await newLead('隐私测试', 'pipl@example.com', { areaMin: 150, areaMax: 250 });
    await setLeadRequirement({ db: handle.db, catalog }, admin, leadId, {
      building: 'rd-2',
      minArea: '150',
      maxArea: '250',
    });
    await handle.db.update(unitStates).set({ status: 'available' }).where(eq(unitStates.unitId, unit.id));
    await matchRequirements(deps());
    const data = await exportLeadData(handle.db, leadId);
    expect(data?.requirement).toMatchObject({
      search: 'building=rd-2&minArea=150&maxArea=250',
      matchedUnits: [expect.objectContaining({ unitId: unit.id })],
    });
    expect(await eraseLeadData(handle.db, admin, leadId)).toBe(true);
    expect(await handle.db.select().from(leadRequirements)).toEqual([]);
    await matchRequirements(deps());
    expect(await matchesOf(leadId)).toEqual([]);
  });
});
