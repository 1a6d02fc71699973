/**
 * Issue 16: the proposal PDF, read back the way a person would see it — pdf.js (Firefox's reader) for the words
 * (Chinese must come out as Chinese, so the embedded font covers it) and for pictures of the pages, kept in
 * test-results/ to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { unitStates } from '../../src/server/db/schema.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { draftProposal } from '../../src/server/proposals/draft-proposal.ts';
import { proposalPageView } from '../../src/server/proposals/proposal-page-view.ts';
import { issueProposalToken } from '../../src/server/proposals/proposal-link.ts';
import { proposalPdf } from '../../src/server/proposals/proposal-pdf.ts';
import { sendProposal } from '../../src/server/proposals/send-proposal.ts';
import { readPdf } from '../support/read-pdf.ts';
import { AGENT_ACTOR, openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const out = join(import.meta.dirname, '..', '..', 'test-results', `proposal-pdf-${testDatabaseKind.toLowerCase()}`);
const NOW = new Date('2026-12-03T02:00:00Z');
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openSeededDatabase(catalog, { withAgent: true });
  mkdirSync(out, { recursive: true });
});
afterAll(() => handle?.close());

describe(`the proposal PDF (${testDatabaseKind})`, () => {
  it('is A4 in Chinese and English, with the plan, the schedule, the NER and the document fingerprint', async () => {
    await handle.db.execute(sql`delete from leads`);
    const lead = await submitLead(
      { db: handle.db, catalog, channels: [] },
      {
        raw: {
          companyName: '星途导航科技有限公司',
          contactName: '吴工',
          email: 'pdf@example.com',
          industryTrack: 'navigation',
          consent: true,
        },
        lang: 'zh',
        clientIp: '203.0.113.7',
        channel: 'api',
        now: NOW,
      },
    );
    if (!lead.ok) throw new Error(lead.reason);
    // Two neighbouring units on one floor: the plan shows both filled.
    const [first, second] = await handle.db
      .select({ id: unitStates.unitId })
      .from(unitStates)
      .where(eq(unitStates.status, 'available'))
      .orderBy(unitStates.unitId)
      .limit(2);
    const drafted = await draftProposal(
      { db: handle.db, catalog },
      AGENT_ACTOR,
      lead.leadId,
      {
        unitIds: [first!.id, second!.id],
        rentPerSqmDay: '5.00',
        termMonths: 36,
        startDate: '2027-01-01',
        rentFreeMonths: 3,
        escalations: [{ fromYear: 3, percent: '3' }],
        paymentMonths: 3,
        fitOutAllowanceYuan: '50000',
        otherTerms: '乙方可在租期内优先续租。',
      },
      NOW,
    );
    if (!drafted.ok) throw new Error(JSON.stringify(drafted));
    const sent = await sendProposal(
      { db: handle.db, catalog, notifyChannels: [] },
      AGENT_ACTOR,
      lead.leadId,
      drafted.proposal.id,
      NOW,
    );
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const token = await issueProposalToken(handle.db, { id: drafted.proposal.id, expiresAt: sent.expiresAt });
    const view = await proposalPageView({ db: handle.db, catalog }, token, NOW);
    if (view.status !== 'ok') throw new Error(view.status);
    const pdf = await proposalPdf({
      document: view.document,
      sha256: view.sha256,
      plans: view.plans,
      status: view.proposal.status,
    });
    const file = join(out, 'proposal.pdf');
    writeFileSync(file, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Subset fonts: the file is small although the font is 10 MB.
    expect(pdf.length).toBeLessThan(1_500_000);
    const { pages, text } = await readPdf(pdf, out);
    // A4 is 595.28 × 841.89 pt.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect([Math.round(page.width), Math.round(page.height)]).toEqual([595, 842]);
    for (const words of ['星途导航科技有限公司 · 租赁报价第 1 版', '净有效租金', '付款计划', '平面图', '计算规则'])
      expect(text).toContain(words);
    for (const words of ['lease proposal, version 1', 'Net effective rent', 'Payment schedule', 'Floor plans'])
      expect(text).toContain(words);
    expect(text).toContain(view.sha256);
    // Every instalment of the schedule is there, in both languages (12 quarters).
    const due = view.document.economics.instalments.map((i) => `${i.from} – ${i.to}`);
    expect(due).toHaveLength(12);
    for (const period of due) expect(text.split(period).length - 1).toBe(2);
    // Every page draws something: a page of text and tables inks a few per cent of it, not none and not all.
    for (const { inked } of pages) expect(inked).toBeGreaterThan(0.005);
    for (const { inked } of pages) expect(inked).toBeLessThan(0.5);
  }, 60_000);
});
