/**
 * Drafting a proposal from a lead (issue 16) and deciding on one that needs approval. A draft is for one or more
 * units the lead could still lease (lock-units-for-lead.ts); its economics are computed here
 * (lib/lease-economics.ts) from the units' total area, their buildings' property fee and the lead's paid
 * reservation deposits on them, which are credited. A rent below the units' floor price (底价, area-weighted) or
 * more rent-free months than the leasing rules allow needs an administrator's approval before it can be sent;
 * the decision is audited with its reason. Every version is a new row: nothing sent is ever changed.
 */
import { eq, inArray, max } from 'drizzle-orm';
import { z } from 'astro/zod';
import { todayInBeijing } from '../../lib/format.ts';
import { checkTerms, computeEconomics, type ProposalTerms, type TermsProblem } from '../../lib/lease-economics.ts';
import { parseDecimal } from '../../lib/money.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { leads, proposals, unitStates, type ProposalRow } from '../db/schema.ts';
import { lockUnitsForLead } from './lock-units-for-lead.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { readLeasingSettings } from '../assignment/leasing-settings.ts';

export type DraftResult =
  | { ok: true; proposal: ProposalRow }
  | { ok: false; code: 'not_found' | 'invalid'; field: string }
  | { ok: false; code: 'unit_unavailable'; unitId: string };

const draftInput = z.object({
  unitIds: z.array(z.string().trim().toLowerCase()).min(1).max(6),
  rentPerSqmDay: z
    .string()
    .trim()
    .regex(/^\d{1,4}(\.\d{1,2})?$/),
  termMonths: z.coerce.number().int(),
  startDate: z.iso.date(),
  fitOutMonths: z.coerce.number().int().default(0),
  rentFreeMonths: z.coerce.number().int().default(0),
  escalations: z
    .array(z.object({ fromYear: z.coerce.number().int(), percent: z.string().trim() }))
    .max(10)
    .default([]),
  paymentMonths: z.coerce.number().int().default(3),
  depositMonths: z.coerce.number().int().default(3),
  fitOutAllowanceYuan: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/)
    .default('0'),
  otherTerms: z.string().trim().max(4000).default(''),
});

/** Area-weighted average of per-unit prices (元, two decimals), as an exact decimal string with four decimals. */
function weighted(prices: Array<{ price: string; area: number }>): string {
  const total = prices.reduce((sum, p) => sum + BigInt(Math.round(p.area * 100)), 0n);
  const sum = prices.reduce((acc, p) => acc + parseDecimal(p.price, 4) * BigInt(Math.round(p.area * 100)), 0n);
  const value = (sum * 2n + total) / (total * 2n); // 0.0001 元, half up
  return `${value / 10000n}.${String(value % 10000n).padStart(4, '0')}`;
}

/** Drafts the lead's next version, or says why not; nothing is stored on refusal. */
export async function draftProposal(
  deps: { db: Database; catalog: Catalog },
  actor: Actor,
  leadId: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<DraftResult> {
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return { ok: false, code: 'not_found', field: 'lead' };
  const parsed = draftInput.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'unitIds') };
  const input = parsed.data;
  const unitIds = [...new Set(input.unitIds)];
  const units = unitIds.map((id) => deps.catalog.unitById.get(id));
  if (units.some((u) => !u)) return { ok: false, code: 'invalid', field: 'unitIds' };
  if (input.startDate < todayInBeijing(now)) return { ok: false, code: 'invalid', field: 'startDate' };
  const settings = await readLeasingSettings(deps.db);

  return deps.db.transaction(async (tx): Promise<DraftResult> => {
    const [lead] = await tx.select({ id: leads.id }).from(leads).where(eq(leads.id, leadId)).for('update');
    if (!lead) return { ok: false, code: 'not_found', field: 'lead' };
    const forLead = await lockUnitsForLead(tx, leadId, unitIds, now);
    if (forLead.unavailable) return { ok: false, code: 'unit_unavailable', unitId: forLead.unavailable };
    const states = await tx.select().from(unitStates).where(inArray(unitStates.unitId, unitIds));
    const area = units.reduce((sum, u) => sum + u!.grossArea, 0);
    const areaText = (Math.round(area * 100) / 100).toFixed(2);
    const fee = weighted(
      units.map((u) => ({
        price: deps.catalog.buildingById.get(u!.building)!.propertyFeePerSqmMonth,
        area: u!.grossArea,
      })),
    );
    const terms: ProposalTerms = {
      area: areaText,
      rentPerSqmDay: input.rentPerSqmDay,
      propertyFeePerSqmMonth: fee,
      termMonths: input.termMonths,
      startDate: input.startDate,
      fitOutMonths: input.fitOutMonths,
      rentFreeMonths: input.rentFreeMonths,
      escalations: input.escalations,
      paymentMonths: input.paymentMonths,
      depositMonths: input.depositMonths,
      creditFen: forLead.paidFen,
      fitOutAllowanceFen: parseDecimal(input.fitOutAllowanceYuan, 2),
    };
    const problem: TermsProblem | undefined = checkTerms(terms);
    if (problem)
      return { ok: false, code: 'invalid', field: problem === 'fitOutAllowanceFen' ? 'fitOutAllowanceYuan' : problem };
    const economics = computeEconomics(terms);
    const list = weighted(
      units.map((u) => ({ price: states.find((s) => s.unitId === u!.id)!.listRentPerSqmDay, area: u!.grossArea })),
    );
    const floors = states.map((s) => s.floorRentPerSqmDay);
    const floor = floors.every((f) => f !== null)
      ? weighted(units.map((u, i) => ({ price: floors[i]!, area: u!.grossArea })))
      : undefined;
    const approvalReasons = [
      ...(floor && parseDecimal(input.rentPerSqmDay, 4) < parseDecimal(floor, 4) ? ['below_floor'] : []),
      ...(input.rentFreeMonths > settings.maxRentFreeMonths ? ['rent_free'] : []),
    ];
    const [{ latest }] = (await tx
      .select({ latest: max(proposals.version) })
      .from(proposals)
      .where(eq(proposals.leadId, leadId))) as [{ latest: number | null }];
    const [proposal] = await tx
      .insert(proposals)
      .values({
        leadId,
        version: (latest ?? 0) + 1,
        status: approvalReasons.length > 0 ? 'pending_approval' : 'draft',
        unitIds,
        terms: {
          ...terms,
          escalations: [...terms.escalations],
          creditFen: String(terms.creditFen),
          fitOutAllowanceFen: String(terms.fitOutAllowanceFen),
          otherTerms: input.otherTerms,
        },
        totalRentFen: economics.totalRentFen,
        netEffectivePerSqmDayFen: Number(economics.netEffectivePerSqmDayFen),
        listPerSqmDayFen: Number(parseDecimal(list, 4) / 100n),
        approvalReasons,
        createdBy: actor.email,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordLeadEvent(tx, {
      leadId,
      kind: 'proposal_drafted',
      data: { proposalId: proposal!.id, version: proposal!.version, approvalReasons },
      actor: actor.email,
      at: now,
    });
    await recordAudit(tx, actor, 'proposal.draft', 'proposal', proposal!.id, null, {
      leadId,
      version: proposal!.version,
      unitIds,
      rentPerSqmDay: input.rentPerSqmDay,
      approvalReasons,
    });
    return { ok: true, proposal: proposal! };
  });
}

export type DecisionResult = { ok: true } | { ok: false; code: 'not_found' | 'forbidden' | 'not_pending' | 'invalid' };

/** An administrator approves or rejects a proposal that waits for it, with a reason; audited. */
export async function decideProposal(
  db: Database,
  actor: Actor,
  proposalId: string,
  decision: { approve: boolean; reason: string },
  now: Date = new Date(),
): Promise<DecisionResult> {
  if (actor.role !== 'admin') return { ok: false, code: 'forbidden' };
  const reason = decision.reason.trim();
  if (reason.length < 2 || reason.length > 500) return { ok: false, code: 'invalid' };
  if (!/^[0-9a-f-]{36}$/.test(proposalId)) return { ok: false, code: 'not_found' };
  return db.transaction(async (tx): Promise<DecisionResult> => {
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
    if (!proposal) return { ok: false, code: 'not_found' };
    if (proposal.status !== 'pending_approval') return { ok: false, code: 'not_pending' };
    const status = decision.approve ? 'approved' : 'rejected';
    await tx
      .update(proposals)
      .set({ status, decidedBy: actor.email, decidedAt: now, decisionReason: reason, updatedAt: now })
      .where(eq(proposals.id, proposalId));
    await recordLeadEvent(tx, {
      leadId: proposal.leadId,
      kind: decision.approve ? 'proposal_approved' : 'proposal_rejected',
      data: { proposalId, version: proposal.version, reason },
      actor: actor.email,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      `proposal.${status === 'approved' ? 'approve' : 'reject'}`,
      'proposal',
      proposalId,
      { status: proposal.status },
      { status, reason },
    );
    return { ok: true };
  });
}
