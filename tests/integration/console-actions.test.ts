import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import {
  auditLog,
  deposits,
  inquiries,
  leadEvents,
  leads,
  tours,
  unitLeases,
  unitStates,
} from '../../src/server/db/schema.ts';
import { leaseUnit, updateUnit } from '../../src/server/inventory/manage-unit.ts';
import { addNote, addTask, assignOwner } from '../../src/server/leads/change-lead.ts';
import { eraseLeadData, exportLeadData } from '../../src/server/leads/lead-privacy.ts';
import { mergeLeads } from '../../src/server/leads/merge-leads.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { listBoard } from '../../src/server/pipeline/list-board.ts';
import { moveLead } from '../../src/server/pipeline/move-lead.ts';
import { auditView } from '../../src/server/audit/audit-view.ts';
import type { Outcome } from '../../src/server/errors/answer-outcome.ts';
import { errorBody, statusOf } from '../../src/server/errors/error-catalogue.ts';
import { exportCsv } from '../../src/server/exports/export-csv.ts';
import { applyInventoryChange } from '../../src/server/inventory/apply-inventory-change.ts';
import { inventoryView } from '../../src/server/inventory/inventory-view.ts';
import { applyLeadChange } from '../../src/server/leads/apply-lead-change.ts';
import { exportPersonData } from '../../src/server/leads/export-person-data.ts';
import { makeTourInvite } from '../../src/server/leads/make-tour-invite.ts';
import { findTourSlots, slotKey } from '../../src/server/tours/tour-slots.ts';
import { todayInBeijing } from '../../src/lib/format.ts';
import { requestLeadErasure } from '../../src/server/leads/request-lead-erasure.ts';
import { requestDepositRefund } from '../../src/server/payments/request-deposit-refund.ts';
import { applyStageMove } from '../../src/server/pipeline/apply-stage-move.ts';
import { boardView } from '../../src/server/pipeline/board-view.ts';
import { AGENT_ACTOR, openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const actor = AGENT_ACTOR;
let handle: DatabaseHandle;

async function newLead(i: number, extra: Record<string, unknown> = {}) {
  const result = await submitLead(
    { db: handle.db, catalog, channels: [] },
    {
      raw: {
        companyName: `控制台测试${i}公司`,
        contactName: `联系人${i}`,
        email: `c${i}@example.com`,
        industryTrack: 'navigation',
        consent: true,
        ...extra,
      },
      lang: 'zh',
      clientIp: `203.0.113.${i}`,
      channel: 'api',
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return result;
}

beforeAll(async () => {
  handle = await openSeededDatabase(catalog, { withAgent: true });
});
afterAll(() => handle?.close());
beforeEach(async () => {
  await handle.db.execute(
    sql`truncate leads, deposits, inquiries, lead_events, lead_tasks, audit_log, rate_limits, notification_outbox cascade`,
  );
});

describe(`console actions (${testDatabaseKind})`, () => {
  it('moves leads only along allowed paths, asks a reason for Lost, and records timeline and audit', async () => {
    const { leadId } = await newLead(1);
    expect(await moveLead(handle.db, actor, leadId, 'touring')).toEqual({ ok: true, stage: 'touring', from: 'new' });
    expect(await moveLead(handle.db, actor, leadId, 'lost')).toEqual({ ok: false, code: 'reason_required' });
    expect(await moveLead(handle.db, actor, leadId, 'lost', { reason: 'price' })).toEqual({
      ok: true,
      stage: 'lost',
      from: 'touring',
    });
    expect(await moveLead(handle.db, actor, leadId, 'signed')).toEqual({ ok: false, code: 'not_allowed' });
    expect(await moveLead(handle.db, actor, leadId, 'moon')).toEqual({ ok: false, code: 'invalid_stage' });
    expect(await moveLead(handle.db, actor, 'not-a-uuid', 'new')).toEqual({ ok: false, code: 'not_found' });
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, leadId));
    expect(audits.map((a) => [a.before?.stage, a.after?.stage])).toEqual([
      ['new', 'touring'],
      ['touring', 'lost'],
    ]);
  });

  it('refuses to move a lead into Reserved by hand: only a paid deposit does', async () => {
    const { leadId } = await newLead(11);
    await moveLead(handle.db, actor, leadId, 'proposal');
    expect(await moveLead(handle.db, actor, leadId, 'reserved')).toEqual({ ok: false, code: 'reserved_by_deposit' });
    expect(await moveLead(handle.db, actor, leadId, 'reserved', { keepDeposit: true })).toEqual({
      ok: false,
      code: 'reserved_by_deposit',
    });
    const [lead] = await handle.db.select({ stage: leads.stage }).from(leads).where(eq(leads.id, leadId));
    expect(lead?.stage).toBe('proposal');
  });

  it('refuses to move a lead with a paid deposit back before Reserved unless told to keep the deposit, naming the amount', async () => {
    const { leadId } = await newLead(12);
    await handle.db.execute(sql`update leads set stage = 'reserved' where id = ${leadId}`);
    await handle.db.insert(deposits).values({
      unitId: 'rd-1-101',
      leadId,
      status: 'reserved',
      mode: 'demo',
      amountFen: 500_000,
      currency: 'cny',
      expiresAt: new Date(),
      paidAt: new Date(),
    });
    expect(await moveLead(handle.db, actor, leadId, 'proposal')).toEqual({
      ok: false,
      code: 'deposit_paid',
      deposit: { amountFen: 500_000, currency: 'cny' },
    });
    expect(await moveLead(handle.db, actor, leadId, 'lost', { reason: 'price' })).toMatchObject({
      ok: false,
      code: 'deposit_paid',
    });
    const [still] = await handle.db.select({ stage: leads.stage }).from(leads).where(eq(leads.id, leadId));
    expect(still?.stage).toBe('reserved');
    // Going on to negotiating keeps the reservation, so it needs no acknowledgement.
    expect(await moveLead(handle.db, actor, leadId, 'negotiating')).toEqual({
      ok: true,
      stage: 'negotiating',
      from: 'reserved',
    });
    expect(await moveLead(handle.db, actor, leadId, 'proposal', { keepDeposit: true })).toEqual({
      ok: true,
      stage: 'proposal',
      from: 'negotiating',
    });
    const events = await handle.db
      .select({ data: leadEvents.data })
      .from(leadEvents)
      .where(eq(leadEvents.leadId, leadId));
    expect(events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ from: 'negotiating', to: 'proposal', keptDepositId: expect.any(String) }),
    );
  });

  it('adds notes, tasks and tours, refusing empty or malformed ones', async () => {
    const { leadId } = await newLead(2);
    expect(await addNote(handle.db, actor, leadId, { text: '  ' })).toMatchObject({ ok: false, field: 'text' });
    expect(await addNote(handle.db, actor, leadId, { text: '已电话沟通' })).toEqual({ ok: true });
    expect(await addTask(handle.db, actor, leadId, { title: '回电', dueOn: '2026-13-40' })).toMatchObject({
      ok: false,
      field: 'dueOn',
    });
    expect(
      await addTask(handle.db, actor, leadId, { title: '回电', dueOn: '2026-12-01', assigneeId: 'ghost' }),
    ).toMatchObject({ ok: false, field: 'assigneeId' });
    // Marketing does not work leads: it can neither take a lead's task (whose title it could then read) nor own one.
    await handle.db.execute(
      sql`insert into staff_users (id, name, email, role) values ('staff-mkt', '市场', 'mkt@park.example', 'marketing') on conflict do nothing`,
    );
    expect(
      await addTask(handle.db, actor, leadId, { title: '回电', dueOn: '2026-12-01', assigneeId: 'staff-mkt' }),
    ).toMatchObject({ ok: false, field: 'assigneeId' });
    expect(await assignOwner(handle.db, actor, leadId, 'staff-mkt')).toMatchObject({ ok: false, field: 'ownerId' });
    expect(await addTask(handle.db, actor, leadId, { title: '回电', dueOn: '2026-12-01' })).toEqual({ ok: true });
    const kinds = (
      await handle.db.select({ kind: leadEvents.kind }).from(leadEvents).where(eq(leadEvents.leadId, leadId))
    )
      .map((e) => e.kind)
      .sort();
    expect(kinds).toEqual(['note', 'task_added']);
  });

  it('merges a duplicate into a lead, moving its inquiries and keeping the older lead’s contact details', async () => {
    const keep = await newLead(3);
    const duplicate = await newLead(4, { mobile: '13500135000' });
    expect(await mergeLeads(handle.db, actor, keep.leadId, duplicate.reference.toLowerCase())).toEqual({ ok: true });
    expect(await handle.db.select().from(leads).where(eq(leads.id, duplicate.leadId))).toHaveLength(0);
    // The newer lead's details (an unverified sender's) neither replace nor fill in the older one's.
    expect((await handle.db.select().from(leads).where(eq(leads.id, keep.leadId)))[0]).toMatchObject({
      contactName: '联系人3',
      email: 'c3@example.com',
      mobile: null,
    });
    expect(await handle.db.select().from(inquiries).where(eq(inquiries.leadId, keep.leadId))).toHaveLength(2);
    expect(await mergeLeads(handle.db, actor, keep.leadId, keep.reference)).toEqual({ ok: false, code: 'same' });
  });

  it('merges a flagged duplicate into the earlier lead with the newer contact details when staff choose them, clearing the flag', async () => {
    const older = await newLead(40, { mobile: '13400134000' });
    const newer = await newLead(41, { mobile: '13400134000' });
    const third = await newLead(42, { mobile: '13400134000' });
    const [flagged] = await handle.db.select().from(leads).where(eq(leads.id, newer.leadId));
    expect(flagged).toMatchObject({ possibleDuplicateOf: older.leadId, duplicateReasons: ['mobile'] });
    // Merged from the newer lead's page into itself: the newer details were chosen by staff.
    expect(await mergeLeads(handle.db, actor, newer.leadId, older.reference, 'newer')).toEqual({ ok: true });
    const [kept] = await handle.db.select().from(leads).where(eq(leads.id, newer.leadId));
    expect(kept).toMatchObject({
      contactName: '联系人41',
      email: 'c41@example.com',
      mobile: '13400134000',
      possibleDuplicateOf: null,
      duplicateReasons: [],
    });
    // The third lead, flagged against the newest lead of the two, still points at a lead that exists.
    const [other] = await handle.db.select().from(leads).where(eq(leads.id, third.leadId));
    expect(other!.possibleDuplicateOf).toBe(newer.leadId);
  });

  it('keeps the further stage when a merged duplicate had moved on (a paid deposit put it at Reserved)', async () => {
    const inquiry = await newLead(43, { mobile: '13300133000' });
    const reservation = await newLead(44, { mobile: '13300133000' });
    await handle.db.update(leads).set({ stage: 'reserved' }).where(eq(leads.id, reservation.leadId));
    expect(await mergeLeads(handle.db, actor, inquiry.leadId, reservation.reference)).toEqual({ ok: true });
    expect((await handle.db.select().from(leads).where(eq(leads.id, inquiry.leadId)))[0]).toMatchObject({
      stage: 'reserved',
      contactName: '联系人43',
    });
    const kinds = (
      await handle.db.select({ kind: leadEvents.kind }).from(leadEvents).where(eq(leadEvents.leadId, inquiry.leadId))
    )
      .map((e) => e.kind)
      .sort();
    expect(kinds).toEqual(['merged', 'stage_changed']);
  });

  it('exports a person’s data and erases it, keeping no personal detail', async () => {
    const { leadId } = await newLead(5, { mobile: '13700137000', message: '需要实验室' });
    await addNote(handle.db, actor, leadId, { text: '私人备注' });
    const data = await exportLeadData(handle.db, leadId);
    expect(data).toMatchObject({
      person: { contactName: '联系人5', mobile: '13700137000' },
      inquiries: [{ message: '需要实验室' }],
    });
    expect(await eraseLeadData(handle.db, actor, leadId)).toBe(true);
    const dump = JSON.stringify({
      leads: await handle.db.select().from(leads),
      inquiries: await handle.db.select().from(inquiries),
      events: await handle.db.select().from(leadEvents),
      audit: await handle.db.select().from(auditLog),
    });
    for (const personal of ['联系人5', '13700137000', 'c5@example.com', '需要实验室', '私人备注', '控制台测试5公司'])
      expect(dump).not.toContain(personal);
  });

  it('changes price and status, records leases, and keeps deposit statuses for deposits', async () => {
    const unitId = catalog.units.find((u) => u.initialStatus === 'available')!.id;
    expect(
      await updateUnit(handle.db, catalog, actor, unitId, { listRentPerSqmDay: '6.5', status: 'unavailable' }),
    ).toEqual({ ok: true });
    expect(
      await updateUnit(handle.db, catalog, actor, unitId, { listRentPerSqmDay: 'cheap', status: 'available' }),
    ).toMatchObject({ ok: false, field: 'listRentPerSqmDay' });
    expect(
      await leaseUnit(handle.db, catalog, actor, unitId, {
        tenant: '北斗科技',
        startsOn: '2027-01-01',
        endsOn: '2026-01-01',
      }),
    ).toMatchObject({ ok: false, field: 'endsOn' });
    expect(
      await leaseUnit(handle.db, catalog, actor, unitId, {
        tenant: '北斗科技',
        startsOn: '2027-01-01',
        endsOn: '2029-12-31',
      }),
    ).toEqual({ ok: true });
    const [state] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    expect(state).toMatchObject({ status: 'leased', listRentPerSqmDay: '6.50', availableFrom: '2030-01-01' });
    // One lease at a time: an overlapping term is refused with the lease it overlaps (a 409), a later one is not.
    const overlap = await applyInventoryChange(deps(), actor, unitId, {
      action: 'lease',
      tenant: '天链测控',
      startsOn: '2029-12-31',
      endsOn: '2031-12-31',
    });
    const refusal = refusalOf(overlap);
    expect([refusal.status, refusal.body.error.code]).toEqual([409, 'lease_overlap']);
    expect(refusal.body.error.message.zh).toBe(
      '这个单元在 2027-01-01 至 2029-12-31 已租给 北斗科技，新租期不能与之重叠。',
    );
    expect(
      await leaseUnit(handle.db, catalog, actor, unitId, {
        tenant: '天链测控',
        startsOn: '2030-01-01',
        endsOn: '2031-12-31',
      }),
    ).toEqual({ ok: true });
    expect(await handle.db.select().from(unitLeases).where(eq(unitLeases.unitId, unitId))).toHaveLength(2);
    // The database refuses an overlap whoever writes it.
    await expect(
      handle.db
        .insert(unitLeases)
        .values({ unitId, tenant: '旁路', startsOn: '2028-06-01', endsOn: '2028-06-30', createdBy: 'test' }),
    ).rejects.toMatchObject({ cause: { constraint: 'unit_leases_no_overlap' } });
    // A deposit's status is not set by hand.
    expect(
      await updateUnit(handle.db, catalog, actor, unitId, { listRentPerSqmDay: '6.5', status: 'reserved' }),
    ).toMatchObject({ ok: false, code: 'invalid', field: 'status' });
    await handle.db.update(unitStates).set({ status: 'held' }).where(eq(unitStates.unitId, unitId));
    expect(
      await updateUnit(handle.db, catalog, actor, unitId, { listRentPerSqmDay: '6.5', status: 'available' }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    // The inventory form of a held unit sends its status back: the price changes, the hold stays.
    expect(await updateUnit(handle.db, catalog, actor, unitId, { listRentPerSqmDay: '6.60', status: 'held' })).toEqual({
      ok: true,
    });
    const [held] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    expect(held).toMatchObject({ status: 'held', listRentPerSqmDay: '6.60' });
    expect(
      await updateUnit(handle.db, catalog, actor, 'zz-0000', { listRentPerSqmDay: '6.5', status: 'available' }),
    ).toEqual({ ok: false, code: 'not_found' });
  });

  it('builds the board with counts and weighted values, and filters it', async () => {
    await newLead(6, { unitIds: ['r1-0501'] });
    const { leadId } = await newLead(7, { areaMin: 200, areaMax: 400 });
    await moveLead(handle.db, actor, leadId, 'proposal');
    const board = await listBoard(handle.db, catalog, {});
    const column = (stage: string) => board.columns.find((c) => c.stage === stage)!;
    expect([column('new').count, column('proposal').count]).toEqual([1, 1]);
    expect(column('proposal').weightedFen).toBe(Math.round(column('proposal').valueFen * 0.45));
    expect((await listBoard(handle.db, catalog, { building: 'rd-1' })).total).toBe(1);
    expect((await listBoard(handle.db, catalog, { track: 'remote-sensing' })).total).toBe(0);
  });

  it('searches the board by company, reference or mobile, and for staff who may not see identities by reference only', async () => {
    const wanted = await newLead(8, { companyName: '搜索星辰测控公司', mobile: '13912345678' });
    await newLead(9);
    const [lead] = await handle.db
      .select({ reference: leads.reference })
      .from(leads)
      .where(eq(leads.id, wanted.leadId));
    const found = async (search: string, searchIdentities: boolean) =>
      (await listBoard(handle.db, catalog, { search, searchIdentities })).columns.flatMap((c) =>
        c.cards.map((card) => card.reference),
      );
    expect(await found('星辰', true)).toEqual([lead!.reference]);
    expect(await found('139-1234-5678', true)).toEqual([lead!.reference]);
    expect(await found(lead!.reference.toLowerCase(), true)).toEqual([lead!.reference]);
    // Marketing: a match on a name or a mobile would tell them who the lead is.
    expect(await found('星辰', false)).toEqual([]);
    expect(await found('13912345678', false)).toEqual([]);
    expect(await found(lead!.reference, false)).toEqual([lead!.reference]);
    // No card carries the mobile it was matched on.
    expect(JSON.stringify(await listBoard(handle.db, catalog, {}))).not.toContain('13912345678');
  });
});

/** A deposit paid for a unit (no provider involved). */
async function reservedDeposit(unitId: string, leadId: string) {
  const values = { unitId, leadId, status: 'reserved' as const, mode: 'demo', amountFen: 500000, currency: 'cny' };
  const [deposit] = await handle.db
    .insert(deposits)
    .values({ ...values, expiresAt: new Date() })
    .returning({ id: deposits.id });
  return deposit;
}

/** The refusal's code, status and JSON body (every message worded in both languages); fails for a success. */
function refusalOf(outcome: Outcome<object>) {
  if (outcome.ok) throw new Error('expected a refusal');
  const body = errorBody(outcome.refusal);
  expect(body.error.message.zh).not.toBe('');
  expect(body.error.message.en).not.toBe('');
  for (const e of body.errors) expect(e.message.zh && e.message.en).toBeTruthy();
  return { code: outcome.refusal.code, status: statusOf(outcome.refusal.code), body };
}

const deps = () => ({ db: handle.db, catalog, notifyChannels: [] as string[] });

// The server functions the console's routes call (one each): what they answer, and that every refusal is a
// code of the error catalogue with its status and words in both languages.
describe(`route functions (${testDatabaseKind})`, () => {
  it('changes the inventory, or refuses with the field at fault, a held unit with 409 and an unknown unit with 404', async () => {
    const unitId = catalog.units[0]!.id;
    const bad = refusalOf(
      await applyInventoryChange(deps(), actor, unitId, {
        action: 'update',
        listRentPerSqmDay: 'cheap',
        status: 'available',
      }),
    );
    expect(bad).toMatchObject({ code: 'invalid', status: 400 });
    expect(bad.body.errors.map((e) => e.field)).toEqual(['listRentPerSqmDay']);
    expect(bad.body.error.unitId).toBe(unitId);
    expect(refusalOf(await applyInventoryChange(deps(), actor, 'no-such-unit', { action: 'update' }))).toMatchObject({
      code: 'not_found',
      status: 404,
    });
    expect(
      refusalOf(await applyInventoryChange(deps(), actor, unitId, { action: 'paint' })).body.errors[0]?.field,
    ).toBe('action');
    expect(refusalOf(await applyInventoryChange(deps(), actor, unitId, { action: 'release' }))).toMatchObject({
      code: 'unit_on_hold',
      status: 409,
    });
    expect(
      await applyInventoryChange(deps(), actor, unitId, {
        action: 'update',
        listRentPerSqmDay: '4.80',
        status: 'available',
      }),
    ).toEqual({ ok: true });
    const [state] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    expect(state!.listRentPerSqmDay).toBe('4.80');
  });

  it('shows the inventory of a building with the lead behind each reservation and what the role may do', async () => {
    const { leadId } = await newLead(1);
    const unit = catalog.units.find((u) => u.building === catalog.buildings[1]!.id)!;
    await reservedDeposit(unit.id, leadId);
    const view = await inventoryView(deps(), { role: 'marketing' }, unit.building, 'en');
    expect(view.building.id).toBe(unit.building);
    expect(view.reservedBy.get(unit.id)).toBe(leadId);
    expect(view.unitNames.get(unit.id)).toMatch(/Level/);
    expect(view.may).toEqual({ edit: false, refund: false, openLeads: false, export: false });
    expect((await inventoryView(deps(), { role: 'agent' }, 'nowhere', 'zh')).building.id).toBe(
      catalog.buildings[0]!.id,
    );
  });

  it('applies lead changes and names the field of a refused one', async () => {
    const { leadId } = await newLead(2);
    expect(await applyLeadChange(deps(), actor, leadId, 'notes', { text: '回电' })).toEqual({ ok: true });
    const empty = refusalOf(await applyLeadChange(deps(), actor, leadId, 'notes', { text: '' }));
    expect(empty).toMatchObject({ code: 'invalid', status: 400 });
    expect(empty.body.errors[0]?.field).toBe('text');
    expect(refusalOf(await applyLeadChange(deps(), actor, leadId, 'dance', {})).status).toBe(404);
    expect(refusalOf(await applyLeadChange(deps(), actor, 'not-a-lead', 'notes', { text: 'x' })).status).toBe(404);
    const merge = refusalOf(await applyLeadChange(deps(), actor, leadId, 'merge', { reference: 'AIC-NOPE00' }));
    expect(merge.body.errors[0]?.field).toBe('reference');
  });

  it('moves a lead on the board, refusing Reserved by hand (409) and Lost without a reason (400)', async () => {
    const { leadId } = await newLead(3);
    expect(await applyStageMove(deps(), actor, leadId, { to: 'contacted' })).toEqual({
      ok: true,
      stage: 'contacted',
      from: 'new',
    });
    expect(refusalOf(await applyStageMove(deps(), actor, leadId, { to: 'reserved' }))).toMatchObject({
      code: 'reserved_by_deposit',
      status: 409,
    });
    expect(refusalOf(await applyStageMove(deps(), actor, leadId, { to: 'lost' }))).toMatchObject({
      code: 'reason_required',
      status: 400,
    });
    expect(refusalOf(await applyStageMove(deps(), actor, leadId, { to: 'nowhere' })).code).toBe('invalid_stage');
  });

  it('builds the board for the role: marketing sees no company names and sources in words', async () => {
    await newLead(4);
    const agent = await boardView(deps(), { role: 'agent' }, new URLSearchParams(), 'en');
    const marketing = await boardView(deps(), { role: 'marketing' }, new URLSearchParams('owner=nobody&q=路由'), 'en');
    const card = (view: typeof agent) => view.columns.flatMap((c) => c.cards)[0];
    expect(card(agent)?.companyName).toBe('控制台测试4公司');
    expect(agent.may).toEqual({ edit: true, openLeads: true });
    expect(marketing.may).toEqual({ edit: false, openLeads: false });
    expect(marketing.filters.owner).toBeUndefined();
    expect(card(marketing)).toBeUndefined();
    expect(agent.sourceNames.direct).toBe('Direct');
  });

  it('erases a person only with the erase word of the form’s language', async () => {
    const { leadId } = await newLead(5);
    expect(refusalOf(await requestLeadErasure(deps(), actor, leadId, { confirm: 'erase', lang: 'zh' }))).toMatchObject({
      code: 'erase_confirm',
      status: 400,
    });
    expect(await requestLeadErasure(deps(), actor, leadId, { confirm: 'erase', lang: 'en' })).toEqual({ ok: true });
    const [lead] = await handle.db.select().from(leads).where(eq(leads.id, leadId));
    expect(lead!.companyName).not.toBe('控制台测试5公司');
  });

  it('refunds only with a reason and a confirmation, and answers an unknown deposit with 404', async () => {
    const { leadId } = await newLead(6);
    const deposit = await reservedDeposit(catalog.units[2]!.id, leadId);
    const refundDeps = {
      db: handle.db,
      payments: { gateway: {} as never },
      notifyChannels: [],
      outbox: { kick: () => undefined },
    };
    const noReason = await requestDepositRefund(refundDeps, actor, deposit!.id, { confirm: 'yes' });
    expect(noReason.leadId).toBe(leadId);
    expect(refusalOf(noReason.outcome)).toMatchObject({ code: 'refund_reason', status: 400 });
    const unconfirmed = await requestDepositRefund(refundDeps, actor, deposit!.id, { reason: 'duplicate' });
    expect(refusalOf(unconfirmed.outcome).code).toBe('refund_confirm');
    const unknown = await requestDepositRefund(refundDeps, actor, '00000000-0000-0000-0000-000000000000', {});
    expect(unknown.leadId).toBeUndefined();
    expect(refusalOf(unknown.outcome).status).toBe(404);
  });

  it('exports CSV files and a person’s data, invites to a tour, and audits each export', async () => {
    const { leadId, reference } = await newLead(7);
    const leadsCsv = await exportCsv(deps(), actor, 'leads.csv', new Date('2030-01-31T12:00:00Z'));
    expect(leadsCsv.filename).toBe('leads-2030-01-31.csv');
    expect(leadsCsv.csv).toContain('控制台测试7公司');
    expect((await exportCsv(deps(), actor, 'inventory.csv')).csv).toContain(catalog.units[0]!.id);
    const person = await exportPersonData(deps(), actor, leadId);
    expect(person?.filename).toBe(`${reference}.json`);
    expect(JSON.parse(person!.json).company.name).toBe('控制台测试7公司');
    expect(await exportPersonData(deps(), actor, 'nope')).toBeUndefined();

    // A tour in the first free slot of the agent (the only one giving tours), booked from the lead page.
    const [slot] = await findTourSlots(handle.db, {
      buildingIds: [],
      fromDay: todayInBeijing(),
      days: 14,
      now: new Date(),
    });
    expect(
      await applyLeadChange(deps(), actor, leadId, 'tour', {
        start: slotKey(slot!.startsAt),
        unitIds: catalog.units[0]!.id,
      }),
    ).toEqual({ ok: true });
    const [tour] = await handle.db
      .select({ id: tours.id, reference: tours.reference })
      .from(tours)
      .where(eq(tours.leadId, leadId));
    const invite = await makeTourInvite(deps(), leadId, tour!.id);
    expect(invite?.filename).toBe(`${tour!.reference}.ics`);
    expect(invite?.ics).toContain('BEGIN:VEVENT');
    expect(await makeTourInvite(deps(), leadId, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
    // The same slot again is taken; garbage is refused with the field named.
    expect(
      refusalOf(await applyLeadChange(deps(), actor, leadId, 'tour', { start: slotKey(slot!.startsAt) })).status,
    ).toBe(409);
    expect(refusalOf(await applyLeadChange(deps(), actor, leadId, 'tour', { start: 'soon' })).status).toBe(400);

    const audit = await auditView(deps(), new URLSearchParams('entity=export'), 'en');
    expect(audit.isFiltered).toBe(true);
    expect(audit.entries.map((e) => e.row.entityId).sort()).toEqual(['inventory.csv', 'leads.csv']);
  });
});
