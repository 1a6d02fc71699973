/**
 * Sending a proposal version to the tenant (the lead page's "send"): only a draft, or a version an administrator
 * approved, can be sent, and only while every unit in it is still the lead's to lease, its start date has not
 * passed and the deposit it credits is still the lead's paid deposit. Sending freezes the version (its document's
 * SHA-256 is stored with it, proposal-document.ts), supersedes the version sent before, moves the lead on to
 * 报价 Proposal (or 谈判 Negotiating for a later version) and e-mails the tenant the signed link.
 */
import { and, eq, ne } from 'drizzle-orm';
import { STAGES, type Stage } from '../../lib/pipeline.ts';
import { todayInBeijing } from '../../lib/format.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { leads, proposals } from '../db/schema.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { lockUnitsForLead } from './lock-units-for-lead.ts';
import { documentSha256, proposalDocument } from './proposal-document.ts';
import { PROPOSAL_LINK_DAYS } from './proposal-link.ts';

export type SendResult =
  | { ok: true; proposalId: string; expiresAt: Date }
  | {
      ok: false;
      code:
        | 'not_found'
        | 'proposal_needs_approval'
        | 'proposal_not_sendable'
        | 'proposal_unit_unavailable'
        | 'proposal_start_passed'
        | 'proposal_credit_changed';
      unitId?: string;
    };

const DAY_MS = 24 * 60 * 60_000;

/** The stage a lead moves to when a version is sent: 报价 for the first, 谈判 for a later one or after a reservation. */
function stageAfterSending(current: Stage, sentBefore: boolean): Stage | undefined {
  if (current === 'lost' || current === 'signed') return undefined;
  const target: Stage = sentBefore || current === 'reserved' ? 'negotiating' : 'proposal';
  return STAGES.indexOf(target) > STAGES.indexOf(current) ? target : undefined;
}

export async function sendProposal(
  deps: { db: Database; catalog: Catalog; notifyChannels: readonly string[]; outbox?: { kick(): void } | undefined },
  actor: Actor,
  leadId: string,
  proposalId: string,
  now: Date = new Date(),
): Promise<SendResult> {
  if (!/^[0-9a-f-]{36}$/.test(proposalId)) return { ok: false, code: 'not_found' };
  const result = await deps.db.transaction(async (tx): Promise<SendResult> => {
    const [head] = await tx.select({ leadId: proposals.leadId }).from(proposals).where(eq(proposals.id, proposalId));
    if (!head || head.leadId !== leadId) return { ok: false, code: 'not_found' };
    // The lead first, as every proposal change does: sends and acceptances of one lead take turns.
    const [lead] = await tx.select().from(leads).where(eq(leads.id, head.leadId)).for('update');
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
    if (!lead || !proposal) return { ok: false, code: 'not_found' };
    if (proposal.status === 'pending_approval' || proposal.status === 'rejected')
      return { ok: false, code: 'proposal_needs_approval' };
    if (proposal.status !== 'draft' && proposal.status !== 'approved')
      return { ok: false, code: 'proposal_not_sendable' };
    if (proposal.terms.startDate < todayInBeijing(now)) return { ok: false, code: 'proposal_start_passed' };
    const units = await lockUnitsForLead(tx, lead.id, proposal.unitIds, now);
    if (units.unavailable) return { ok: false, code: 'proposal_unit_unavailable', unitId: units.unavailable };
    if (units.paidFen !== BigInt(proposal.terms.creditFen)) return { ok: false, code: 'proposal_credit_changed' };

    const expiresAt = new Date(now.getTime() + PROPOSAL_LINK_DAYS * DAY_MS);
    const sha256 = documentSha256(proposalDocument({ ...proposal, sentAt: now, expiresAt }, lead, deps.catalog));
    const superseded = await tx
      .update(proposals)
      .set({ status: 'superseded', updatedAt: now })
      .where(and(eq(proposals.leadId, lead.id), eq(proposals.status, 'sent'), ne(proposals.id, proposalId)))
      .returning({ id: proposals.id, version: proposals.version });
    const [sentBefore] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.leadId, lead.id), eq(proposals.status, 'superseded')))
      .limit(1);
    await tx
      .update(proposals)
      .set({ status: 'sent', sentAt: now, expiresAt, documentSha256: sha256, updatedAt: now })
      .where(eq(proposals.id, proposalId));
    await recordLeadEvent(tx, {
      leadId: lead.id,
      kind: 'proposal_sent',
      data: { proposalId, version: proposal.version, supersedes: superseded.map((s) => s.version) },
      actor: actor.email,
      at: now,
    });
    // Sending the tenant a proposal answers them, if nothing had yet (issue 15's first response).
    if (lead.firstResponseAt === null)
      await tx.update(leads).set({ firstResponseAt: now, updatedAt: now }).where(eq(leads.id, lead.id));
    const stage = stageAfterSending(lead.stage, sentBefore !== undefined);
    if (stage) {
      await tx.update(leads).set({ stage, stageChangedAt: now, updatedAt: now }).where(eq(leads.id, lead.id));
      await recordLeadEvent(tx, {
        leadId: lead.id,
        kind: 'stage_changed',
        data: { from: lead.stage, to: stage, reason: 'proposal_sent' },
        actor: actor.email,
        at: now,
      });
    }
    await recordAudit(
      tx,
      actor,
      'proposal.send',
      'proposal',
      proposalId,
      { status: proposal.status },
      {
        status: 'sent',
        documentSha256: sha256,
        expiresAt: expiresAt.toISOString(),
      },
    );
    if (lead.email)
      await enqueueNoticeBatch(tx, [
        {
          channels: deps.notifyChannels,
          subject: { event: 'proposal.sent', leadId: lead.id, proposalId },
          to: { address: lead.email, lang: lead.lang === 'en' ? 'en' : 'zh' },
          now,
        },
      ]);
    return { ok: true, proposalId, expiresAt };
  });
  if (result.ok) deps.outbox?.kick();
  return result;
}
