/**
 * Issue 16 on the database (PGlite, or PostgreSQL with TEST_DATABASE_URL): sending a proposal version, the
 * tenant's signed link, questions, and acceptance turning into the lease — with the refusals (old version, altered
 * document, tampered or expired link, a unit taken meanwhile) and the races (two acceptances, an acceptance and a
 * reservation) decided one way.
 */
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import {
  deposits,
  leadEvents,
  leads,
  notificationOutbox,
  proposals,
  unitLeases,
  unitStates,
} from '../../src/server/db/schema.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { formatPersonalNotice } from '../../src/server/notify/format-personal-notice.ts';
import { getDashboard } from '../../src/server/pipeline/get-dashboard.ts';
import { listBoard } from '../../src/server/pipeline/list-board.ts';
import { demoGateway } from '../../src/server/payments/demo-gateway.ts';
import { markPaid, placeHold, requestRefund } from '../../src/server/payments/deposit-transitions.ts';
import { requestDepositRefund } from '../../src/server/payments/request-deposit-refund.ts';
import { draftProposal } from '../../src/server/proposals/draft-proposal.ts';
import { proposalPageView } from '../../src/server/proposals/proposal-page-view.ts';
import { checkProposalToken, issueProposalToken } from '../../src/server/proposals/proposal-link.ts';
import { applyProposalRequest } from '../../src/server/proposals/receive-proposal-request.ts';
import { sendProposal } from '../../src/server/proposals/send-proposal.ts';
import { AGENT_ACTOR, openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
const NOW = new Date('2026-12-03T02:00:00Z');
const SEEN = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (iPhone) test' };
let leadId = '';
let inquiryId = '';
let unitId = '';

async function newLead(company: string, email: string) {
  const lead = await submitLead(
    { db: handle.db, catalog, channels: [] },
    {
      raw: { companyName: company, contactName: '吴工', email, industryTrack: 'navigation', consent: true },
      lang: 'zh',
      clientIp: '203.0.113.77',
      channel: 'api',
      now: NOW,
    },
  );
  if (!lead.ok) throw new Error(lead.reason);
  return lead;
}

beforeAll(async () => {
  handle = await openSeededDatabase(catalog, { withAgent: true });
});
afterAll(() => handle?.close());
beforeEach(async () => {
  for (const table of ['unit_leases', 'proposals', 'deposits', 'notification_outbox', 'rate_limits', 'leads'])
    await handle.db.execute(sql.raw(`delete from ${table}`));
  await handle.db.update(unitStates).set({ status: 'available', holdExpiresAt: null, floorRentPerSqmDay: null });
  const lead = await newLead('接受测试卫星公司', 'accept@example.com');
  leadId = lead.leadId;
  inquiryId = lead.inquiryId;
  await handle.db.update(leads).set({ ownerId: AGENT_ACTOR.id }).where(eq(leads.id, leadId));
  unitId = (
    await handle.db
      .select({ id: unitStates.unitId })
      .from(unitStates)
      .where(eq(unitStates.status, 'available'))
      .orderBy(unitStates.unitId)
      .limit(1)
  )[0]!.id;
});

const deps = () => ({ db: handle.db, catalog, notifyChannels: ['mail'] });

async function draft(extra: Record<string, unknown> = {}, forLead = leadId) {
  const result = await draftProposal(
    { db: handle.db, catalog },
    AGENT_ACTOR,
    forLead,
    { unitIds: [unitId], rentPerSqmDay: '4.50', termMonths: 36, startDate: '2027-03-01', ...extra },
    NOW,
  );
  if (!result.ok) throw new Error(`not drafted: ${JSON.stringify(result)}`);
  return result.proposal;
}

async function sent(extra: Record<string, unknown> = {}, forLead = leadId) {
  const proposal = await draft(extra, forLead);
  const result = await sendProposal(deps(), AGENT_ACTOR, forLead, proposal.id, NOW);
  if (!result.ok) throw new Error(`not sent: ${JSON.stringify(result)}`);
  const token = await issueProposalToken(handle.db, { id: proposal.id, expiresAt: result.expiresAt });
  return { proposal, token };
}

async function sha256Of(token: string): Promise<string> {
  const view = await proposalPageView({ db: handle.db, catalog }, token, NOW);
  if (view.status !== 'ok') throw new Error(view.status);
  return view.sha256;
}

const signer = (sha: string) => ({
  action: 'accept',
  name: '吴晓',
  title: '总经理',
  company: '接受测试卫星公司',
  confirm: 'yes',
  documentSha256: sha,
});

const accept = async (proposalId: string, token: string, at = NOW) =>
  applyProposalRequest(deps(), proposalId, signer(await sha256Of(token)), SEEN, at);

async function payDeposit(forLead: string, forInquiry: string, unit = unitId) {
  return handle.db.transaction(async (tx) => {
    const hold = await placeHold(
      tx,
      {
        unitId: unit,
        leadId: forLead,
        inquiryId: forInquiry,
        mode: 'demo',
        currency: 'cny',
        expiresAt: new Date(NOW.getTime() + 30 * 60_000),
        amountFor: () => 5_000_000,
      },
      NOW,
    );
    if (!hold) return undefined;
    await markPaid(
      tx,
      hold.depositId,
      { paymentIntentId: 'pi_test', amountTotal: 5_000_000, currency: 'cny' },
      [],
      NOW,
    );
    return hold.depositId;
  });
}

describe(`sending a proposal (${testDatabaseKind})`, () => {
  it('sends a draft: freezes it with its SHA-256, gives a signed link, moves the lead to 报价 and e-mails the tenant', async () => {
    const { proposal, token } = await sent();
    const [row] = await handle.db.select().from(proposals).where(eq(proposals.id, proposal.id));
    expect(row!.status).toBe('sent');
    expect(row!.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.expiresAt!.getTime() - NOW.getTime()).toBe(30 * 24 * 60 * 60_000);
    expect(await sha256Of(token)).toBe(row!.documentSha256);
    const [lead] = await handle.db
      .select({ stage: leads.stage, firstResponseAt: leads.firstResponseAt })
      .from(leads)
      .where(eq(leads.id, leadId));
    // Sending answers the tenant: the lead's first response, if it had none.
    expect(lead).toEqual({ stage: 'proposal', firstResponseAt: NOW });
    const mails = await handle.db
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.event, 'proposal.sent'), eq(notificationOutbox.proposalId, proposal.id)));
    expect(mails.map((m) => m.recipient)).toEqual(['accept@example.com']);
    // The e-mail, as it is written when sent: the tenant's own link in their language, which opens this version.
    const mail = await formatPersonalNotice(handle.db, mails[0]!, 'https://park.example', catalog);
    expect(mail?.subject).toContain('租赁报价第 1 版');
    const link = /https:\/\/park\.example\/proposals\/(\S+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBe(token);
    // Sent is final: sending it again is refused, and nothing changes.
    expect(await sendProposal(deps(), AGENT_ACTOR, leadId, proposal.id, NOW)).toEqual({
      ok: false,
      code: 'proposal_not_sendable',
    });
  });

  it('sends only what an administrator approved, and refuses a unit taken, a start passed or another lead’s version', async () => {
    const low = await draft({ rentFreeMonths: 9 });
    expect(low.status).toBe('pending_approval');
    expect(await sendProposal(deps(), AGENT_ACTOR, leadId, low.id, NOW)).toMatchObject({
      code: 'proposal_needs_approval',
    });
    const proposal = await draft();
    const other = await newLead('别家公司', 'other@example.com');
    expect(await sendProposal(deps(), AGENT_ACTOR, other.leadId, proposal.id, NOW)).toMatchObject({
      code: 'not_found',
    });
    expect(
      await sendProposal(deps(), AGENT_ACTOR, leadId, proposal.id, new Date('2027-03-02T02:00:00Z')),
    ).toMatchObject({
      code: 'proposal_start_passed',
    });
    await payDeposit(other.leadId, other.inquiryId);
    expect(await sendProposal(deps(), AGENT_ACTOR, leadId, proposal.id, NOW)).toEqual({
      ok: false,
      code: 'proposal_unit_unavailable',
      unitId,
    });
    const [row] = await handle.db.select().from(proposals).where(eq(proposals.id, proposal.id));
    expect(row!.status).toBe('draft');
    expect(row!.documentSha256).toBeNull();
  });

  it('a later version supersedes the one sent before and moves the lead to 谈判; the old link says so and cannot accept', async () => {
    const first = await sent();
    const second = await sent({ rentPerSqmDay: '4.40' });
    const [old] = await handle.db.select().from(proposals).where(eq(proposals.id, first.proposal.id));
    expect(old!.status).toBe('superseded');
    const view = await proposalPageView({ db: handle.db, catalog }, first.token, NOW);
    if (view.status !== 'ok') throw new Error(view.status);
    expect(view.newer?.version).toBe(2);
    expect(view.canAccept).toBe(false);
    expect(view.versions.map((v) => v.version)).toEqual([1, 2]);
    const [lead] = await handle.db.select({ stage: leads.stage }).from(leads).where(eq(leads.id, leadId));
    expect(lead!.stage).toBe('negotiating');
    const refused = await accept(first.proposal.id, first.token);
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'proposal_superseded' } });
    expect(await accept(second.proposal.id, second.token)).toEqual({ ok: true, action: 'accept' });
  });
});

describe(`the tenant's link (${testDatabaseKind})`, () => {
  it('refuses a tampered link and one past its date', async () => {
    const { token } = await sent();
    const tampered = token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await checkProposalToken(handle.db, tampered, NOW)).status).toBe('invalid');
    expect((await proposalPageView({ db: handle.db, catalog }, tampered, NOW)).status).toBe('invalid');
    const later = new Date(NOW.getTime() + 31 * 24 * 60 * 60_000);
    expect((await proposalPageView({ db: handle.db, catalog }, token, later)).status).toBe('expired');
  });

  it('takes a question or a change request onto the timeline and tells the owner; refuses an empty one', async () => {
    const { proposal } = await sent();
    const bad = await applyProposalRequest(
      deps(),
      proposal.id,
      { action: 'ask', question: 'gossip', message: '' },
      SEEN,
      NOW,
    );
    expect(bad).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    const fields = (bad as unknown as { refusal: { errors: Array<{ field: string }> } }).refusal.errors.map(
      (e) => e.field,
    );
    expect(fields.sort()).toEqual(['message', 'question']);
    const ok = await applyProposalRequest(
      deps(),
      proposal.id,
      { action: 'ask', question: 'changes', message: '免租期能否延长到 4 个月？' },
      SEEN,
      NOW,
    );
    expect(ok).toEqual({ ok: true, action: 'ask' });
    const [event] = await handle.db
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.kind, 'proposal_question')));
    expect(event!.data).toMatchObject({ question: 'changes', message: '免租期能否延长到 4 个月？', version: 1 });
    const notices = await handle.db
      .select({ recipient: notificationOutbox.recipient })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.event, 'proposal.question'));
    expect(notices.map((n) => n.recipient)).toContain(AGENT_ACTOR.email);
  });
});

describe(`accepting a proposal (${testDatabaseKind})`, () => {
  it('turns the accepted version into the lease: unit leased to the end date, deposit credited, lead 已签约, evidence kept', async () => {
    const depositId = await payDeposit(leadId, inquiryId);
    const { proposal, token } = await sent();
    expect(proposal.terms.creditFen).toBe('5000000');
    const result = await accept(proposal.id, token);
    expect(result).toEqual({ ok: true, action: 'accept' });
    const [row] = await handle.db.select().from(proposals).where(eq(proposals.id, proposal.id));
    expect(row!.status).toBe('accepted');
    expect(row!.acceptance).toMatchObject({
      provider: 'click-to-accept',
      name: '吴晓',
      title: '总经理',
      documentSha256: row!.documentSha256,
      ip: SEEN.ip,
      userAgent: SEEN.userAgent,
      signedAt: NOW.toISOString(),
    });
    const [lease] = await handle.db.select().from(unitLeases).where(eq(unitLeases.unitId, unitId));
    expect(lease).toMatchObject({ startsOn: '2027-03-01', endsOn: '2030-02-28', proposalId: proposal.id, leadId });
    const [state] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    expect(state).toMatchObject({ status: 'leased', availableFrom: '2030-03-01' });
    const [deposit] = await handle.db.select().from(deposits).where(eq(deposits.id, depositId!));
    expect(deposit).toMatchObject({ status: 'credited', creditedProposalId: proposal.id });
    const [lead] = await handle.db.select({ stage: leads.stage }).from(leads).where(eq(leads.id, leadId));
    expect(lead!.stage).toBe('signed');
    // A credited deposit is part of the rent: no refund from the console without the override.
    expect(await handle.db.transaction((tx) => requestRefund(tx, depositId!, 'requested_by_customer', 'x', NOW))).toBe(
      'credited',
    );
    // From the console: an agent cannot refund it; an administrator can, with the explicit override, and the
    // unit stays leased.
    const refundDeps = {
      db: handle.db,
      payments: { gateway: demoGateway(handle.db, 'test-secret') },
      notifyChannels: [],
      outbox: { kick() {} },
    };
    const asked = { reason: 'requested_by_customer', confirm: 'yes', overrideCredit: 'yes' };
    expect((await requestDepositRefund(refundDeps, AGENT_ACTOR, depositId!, asked)).outcome).toMatchObject({
      refusal: { code: 'deposit_credited' },
    });
    const admin = { id: 'admin-9', email: 'admin-9@park.example', role: 'admin' };
    expect(
      (await requestDepositRefund(refundDeps, admin, depositId!, { ...asked, overrideCredit: '' })).outcome,
    ).toMatchObject({ refusal: { code: 'deposit_credited' } });
    expect((await requestDepositRefund(refundDeps, admin, depositId!, asked)).outcome).toMatchObject({ ok: true });
    const [refunded] = await handle.db.select().from(deposits).where(eq(deposits.id, depositId!));
    expect(refunded!.status).toBe('refunded');
    const [stillLeased] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    expect(stillLeased!.status).toBe('leased');
    // The page shows the frozen version, read-only, even after the link's date.
    const later = await proposalPageView({ db: handle.db, catalog }, token, new Date(NOW.getTime() + 90 * 86_400_000));
    expect(later).toMatchObject({ status: 'ok', isExpired: true, canAccept: false });
  });

  it('refuses an acceptance without the confirmation or of a document other than the one sent, storing nothing', async () => {
    const { proposal, token } = await sent();
    const sha = await sha256Of(token);
    const missing = await applyProposalRequest(
      deps(),
      proposal.id,
      { ...signer(sha), confirm: '', name: ' ' },
      SEEN,
      NOW,
    );
    expect(missing).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    const altered = await applyProposalRequest(deps(), proposal.id, signer('0'.repeat(64)), SEEN, NOW);
    expect(altered).toMatchObject({ ok: false, refusal: { code: 'proposal_document_changed' } });
    // The stored terms changed behind the sent document's back: its hash no longer matches, so nobody can accept it.
    await handle.db.execute(
      sql`update proposals set terms = jsonb_set(terms, '{rentPerSqmDay}', '"1.00"') where id = ${proposal.id}`,
    );
    const tampered = await applyProposalRequest(deps(), proposal.id, signer(sha), SEEN, NOW);
    expect(tampered).toMatchObject({ ok: false, refusal: { code: 'proposal_document_changed' } });
    expect(await handle.db.select().from(unitLeases)).toEqual([]);
    const [row] = await handle.db
      .select({ status: proposals.status })
      .from(proposals)
      .where(eq(proposals.id, proposal.id));
    expect(row!.status).toBe('sent');
  });

  it('withdraws other leads’ open proposals on the leased units and tells their owners', async () => {
    const other = await newLead('竞争对手公司', 'rival@example.com');
    await handle.db.update(leads).set({ ownerId: AGENT_ACTOR.id }).where(eq(leads.id, other.leadId));
    const rival = await sent({}, other.leadId);
    const rivalSha = await sha256Of(rival.token);
    const { proposal, token } = await sent();
    expect(await accept(proposal.id, token)).toEqual({ ok: true, action: 'accept' });
    const [moot] = await handle.db.select().from(proposals).where(eq(proposals.id, rival.proposal.id));
    expect(moot!.status).toBe('withdrawn');
    const [event] = await handle.db
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, other.leadId), eq(leadEvents.kind, 'proposal_withdrawn')));
    expect(event!.data).toMatchObject({ reason: 'units_leased', units: [unitId] });
    const told = await handle.db
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.event, 'proposal.withdrawn'), eq(notificationOutbox.leadId, other.leadId)));
    expect(told.map((n) => n.recipient)).toEqual([AGENT_ACTOR.email]);
    expect(await applyProposalRequest(deps(), rival.proposal.id, signer(rivalSha), SEEN, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'proposal_withdrawn' },
    });
  });

  it('two acceptances of one version at once: one wins, the other is told it is accepted; one lease', async () => {
    const { proposal, token } = await sent();
    const sha = await sha256Of(token);
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        applyProposalRequest(deps(), proposal.id, { ...signer(sha), name: `签署人${i}` }, SEEN, NOW),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ refusal: { code: 'proposal_accepted' } });
    expect(await handle.db.select().from(unitLeases)).toHaveLength(1);
  });

  it('an acceptance racing another lead’s reservation of the unit: exactly one of them gets it', async () => {
    const { proposal, token } = await sent();
    const sha = await sha256Of(token);
    const other = await newLead('抢订公司', 'race@example.com');
    const [accepted, depositId] = await Promise.all([
      applyProposalRequest(deps(), proposal.id, signer(sha), SEEN, NOW),
      payDeposit(other.leadId, other.inquiryId),
    ]);
    const winners = [accepted.ok, depositId !== undefined].filter(Boolean);
    expect(winners).toHaveLength(1);
    const [state] = await handle.db.select().from(unitStates).where(eq(unitStates.unitId, unitId));
    if (accepted.ok) expect(state!.status).toBe('leased');
    else {
      expect(accepted).toMatchObject({ refusal: { code: 'proposal_unit_unavailable' } });
      expect(state!.status).toBe('reserved');
      expect(await handle.db.select().from(unitLeases)).toEqual([]);
    }
  });

  it('the pipeline values a lead in 报价/谈判 at its latest proposal’s total rent; the overview counts sent, accepted and the discount', async () => {
    const { proposal, token } = await sent();
    const board = await listBoard(handle.db, catalog, {}, NOW);
    const column = board.columns.find((c) => c.stage === 'proposal')!;
    expect(column.cards.map((c) => c.id)).toEqual([leadId]);
    expect(column.valueFen).toBe(Number(proposal.totalRentFen));
    const period = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') };
    const before = await getDashboard(handle.db, catalog, period, AGENT_ACTOR.id, '2026-12-03');
    const list = proposal.listPerSqmDayFen;
    const expected = Math.round(((list - proposal.netEffectivePerSqmDayFen) * 10000) / list);
    expect(before.proposals).toEqual({ sent: 1, accepted: 0, averageDiscountBasisPoints: expected });
    await accept(proposal.id, token);
    const after = await getDashboard(handle.db, catalog, period, AGENT_ACTOR.id, '2026-12-03');
    expect(after.proposals).toMatchObject({ sent: 1, accepted: 1 });
  });
});
