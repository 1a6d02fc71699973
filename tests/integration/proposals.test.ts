/**
 * Issue 16 on the database (PGlite, or PostgreSQL with TEST_DATABASE_URL): drafting versions of a proposal with
 * their economics, the approval a low rent or many rent-free months need, and refusals that store nothing.
 */
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { auditLog, proposals, unitStates } from '../../src/server/db/schema.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { decideProposal, draftProposal } from '../../src/server/proposals/draft-proposal.ts';
import { applyInventoryChange } from '../../src/server/inventory/apply-inventory-change.ts';
import { applyTeamForm } from '../../src/server/assignment/manage-team.ts';
import { forgetLeasingSettings } from '../../src/server/assignment/leasing-settings.ts';
import { openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const AGENT = { id: 'agent-a', email: 'agent-a@park.example', role: 'agent' };
const ADMIN = { id: 'admin-1', email: 'admin-1@park.example', role: 'admin' };
const NOW = new Date('2026-12-03T02:00:00Z');
let leadId = '';
let unitId = '';

beforeAll(async () => {
  handle = await openSeededDatabase(catalog);
});
afterAll(() => handle?.close());
beforeEach(async () => {
  for (const table of ['proposals', 'rate_limits', 'leads', 'audit_log', 'leasing_settings'])
    await handle.db.execute(sql.raw(`delete from ${table}`));
  const lead = await submitLead(
    { db: handle.db, catalog, channels: [] },
    {
      raw: {
        companyName: '报价测试卫星公司',
        contactName: '吴工',
        email: 'p@example.com',
        industryTrack: 'navigation',
        consent: true,
      },
      lang: 'zh',
      clientIp: '203.0.113.77',
      channel: 'api',
      now: NOW,
    },
  );
  if (!lead.ok) throw new Error(lead.reason);
  leadId = lead.leadId;
  unitId = (
    await handle.db
      .select({ id: unitStates.unitId })
      .from(unitStates)
      .where(eq(unitStates.status, 'available'))
      .limit(1)
  )[0]!.id;
  await handle.db.update(unitStates).set({ floorRentPerSqmDay: null }).where(eq(unitStates.unitId, unitId));
});

const draft = (extra: Record<string, unknown> = {}) =>
  draftProposal(
    { db: handle.db, catalog },
    AGENT,
    leadId,
    {
      unitIds: [unitId],
      rentPerSqmDay: '4.50',
      termMonths: 36,
      startDate: '2027-03-01',
      rentFreeMonths: 3,
      escalations: [{ fromYear: 3, percent: '3' }],
      ...extra,
    },
    NOW,
  );

describe(`drafting proposals (${testDatabaseKind})`, () => {
  it('numbers versions, computes the economics, and needs no approval within the rules', async () => {
    const first = await draft();
    const second = await draft({ rentPerSqmDay: '4.40' });
    if (!first.ok || !second.ok) throw new Error('not drafted');
    expect([first.proposal.version, second.proposal.version]).toEqual([1, 2]);
    expect(first.proposal.status).toBe('draft');
    expect(first.proposal.totalRentFen).toBeGreaterThan(0n);
    expect(first.proposal.netEffectivePerSqmDayFen).toBeLessThan(450);
    expect(first.proposal.terms.area).toBe(catalog.unitById.get(unitId)!.grossArea.toFixed(2));
  });

  it('needs an administrator below the floor price or past the rent-free months, and audits the decision', async () => {
    await handle.db.update(unitStates).set({ floorRentPerSqmDay: '4.80' }).where(eq(unitStates.unitId, unitId));
    const low = await draft({ rentFreeMonths: 6 });
    if (!low.ok) throw new Error('not drafted');
    expect([low.proposal.status, low.proposal.approvalReasons]).toEqual([
      'pending_approval',
      ['below_floor', 'rent_free'],
    ]);
    expect(await decideProposal(handle.db, AGENT, low.proposal.id, { approve: true, reason: '大客户' })).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(await decideProposal(handle.db, ADMIN, low.proposal.id, { approve: true, reason: '' })).toEqual({
      ok: false,
      code: 'invalid',
    });
    expect(
      await decideProposal(handle.db, ADMIN, low.proposal.id, { approve: true, reason: '战略客户，三年锁定' }, NOW),
    ).toEqual({ ok: true });
    expect(await decideProposal(handle.db, ADMIN, low.proposal.id, { approve: false, reason: '再议' })).toEqual({
      ok: false,
      code: 'not_pending',
    });
    const [row] = await handle.db.select().from(proposals).where(eq(proposals.id, low.proposal.id));
    expect([row!.status, row!.decidedBy, row!.decisionReason]).toEqual(['approved', ADMIN.email, '战略客户，三年锁定']);
    const audit = await handle.db.select({ action: auditLog.action }).from(auditLog);
    expect(audit.map((a) => a.action).sort()).toEqual(['proposal.approve', 'proposal.draft']);
  });

  it('takes the floor price from the inventory form and the rent-free limit from Team & hours', async () => {
    const [state] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    const form = { action: 'update', listRentPerSqmDay: state!.listRentPerSqmDay, status: 'available' };
    // Above the list rent, or not a price: refused, and nothing changes.
    const above = await applyInventoryChange({ db: handle.db, catalog }, ADMIN, unitId, {
      ...form,
      floorRentPerSqmDay: '999.00',
    });
    expect(above).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(
      await applyInventoryChange({ db: handle.db, catalog }, ADMIN, unitId, { ...form, floorRentPerSqmDay: 'cheap' }),
    ).toMatchObject({ ok: false });
    await applyInventoryChange({ db: handle.db, catalog }, ADMIN, unitId, { ...form, floorRentPerSqmDay: '4.60' });
    const [floored] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    expect(floored!.floorRentPerSqmDay).toBe('4.60');
    // A form without the field keeps it; an empty one clears it.
    await applyInventoryChange({ db: handle.db, catalog }, ADMIN, unitId, form);
    expect(
      (await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId)))[0]!.floorRentPerSqmDay,
    ).toBe('4.60');
    const below = await draft({ rentFreeMonths: 0 });
    expect(below.ok && below.proposal.approvalReasons).toEqual(['below_floor']);

    const settings = { action: 'settings', responseTargetMinutes: '15', dayStart: '09:00', dayEnd: '18:00' };
    const team = { db: handle.db, catalog, siteUrl: 'https://park.example' };
    const refusedLimit = await applyTeamForm(team, ADMIN, {
      ...settings,
      assignBy: 'team',
      teamLeadId: '',
      maxRentFreeMonths: '99',
    });
    expect(refusedLimit).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(
      await applyTeamForm(team, ADMIN, { ...settings, assignBy: 'team', teamLeadId: '', maxRentFreeMonths: '6' }),
    ).toMatchObject({ ok: true });
    forgetLeasingSettings(handle.db);
    await applyInventoryChange({ db: handle.db, catalog }, ADMIN, unitId, { ...form, floorRentPerSqmDay: '' });
    const generous = await draft({ rentFreeMonths: 6 });
    expect(generous.ok && generous.proposal.status).toBe('draft');
    const tooGenerous = await draft({ rentFreeMonths: 7 });
    expect(tooGenerous.ok && tooGenerous.proposal.approvalReasons).toEqual(['rent_free']);
  });

  it('refuses a start in the past, nonsense escalations and units that are leased meanwhile, storing nothing', async () => {
    expect(await draft({ startDate: '2026-11-30' })).toMatchObject({ ok: false, field: 'startDate' });
    expect(await draft({ escalations: [{ fromYear: 5, percent: '3' }] })).toMatchObject({
      ok: false,
      field: 'escalations',
    });
    expect(await draft({ escalations: [{ fromYear: 2, percent: '-1' }] })).toMatchObject({
      ok: false,
      field: 'escalations',
    });
    expect(await draft({ rentFreeMonths: 36 })).toMatchObject({ ok: false, field: 'rentFreeMonths' });
    expect(await draft({ unitIds: ['zz-9999'] })).toMatchObject({ ok: false, field: 'unitIds' });
    expect(await draft({ rentPerSqmDay: 'cheap' })).toMatchObject({ ok: false, field: 'rentPerSqmDay' });
    await handle.db.update(unitStates).set({ status: 'leased' }).where(eq(unitStates.unitId, unitId));
    expect(await draft()).toEqual({ ok: false, code: 'unit_unavailable', unitId });
    await handle.db.update(unitStates).set({ status: 'available' }).where(eq(unitStates.unitId, unitId));
    expect(await handle.db.select().from(proposals)).toEqual([]);
  });
});
