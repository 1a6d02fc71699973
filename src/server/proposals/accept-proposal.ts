/**
 * A tenant accepts a sent proposal version, and it becomes the lease. In one transaction, after locking the lead,
 * the version and its units (in that order, as sending and reserving do): the version must be the one sent (not
 * superseded, withdrawn or out of date), its document must be the one the tenant was shown (the SHA-256), and every
 * unit must still be the lead's to lease. Then the version is accepted with the signature's evidence and frozen;
 * each unit gets a lease for the term (the database refuses overlapping leases, migration 0010) and shows leased
 * until the day after it ends; the lead's paid deposits on those units are credited (no longer refundable without
 * an override); the lead moves to 已签约 Signed; the lead's other open versions are withdrawn; and other leads'
 * open proposals on those units are withdrawn, with a timeline entry and a notice to their owners.
 *
 * Two acceptances at once: the lead's row lock makes them take turns and the second finds the version accepted
 * (the unique index `proposals_one_accepted_per_lead` guarantees it besides). An acceptance racing a reservation
 * of the same unit: the unit's row lock decides, and whoever comes second is told the unit is taken.
 */
import { and, arrayOverlaps, eq, inArray, ne } from 'drizzle-orm';
import type { Catalog } from '../catalog/catalog.ts';
import { isConstraintViolation } from '../db/constraint-error.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { deposits, leads, proposals, unitLeases, unitStates } from '../db/schema.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { addDays } from '../../lib/lease-economics.ts';
import type { SignatureEvidence } from './e-signature.ts';
import { lockUnitsForLead } from './lock-units-for-lead.ts';
import { documentSha256, proposalDocument } from './proposal-document.ts';

type AcceptRefusal =
  | 'not_found'
  | 'proposal_link_expired'
  | 'proposal_superseded'
  | 'proposal_accepted'
  | 'proposal_withdrawn'
  | 'proposal_document_changed'
  | 'proposal_unit_unavailable'
  | 'proposal_credit_changed';

export type AcceptResult =
  { ok: true; leadId: string; endDate: string } | { ok: false; code: AcceptRefusal; unitId?: string | undefined };

/** Proposals that are still open: a later acceptance or lease makes them moot. */
const OPEN_STATUSES = ['draft', 'pending_approval', 'approved', 'sent'] as const;

export interface AcceptDeps {
  db: Database;
  catalog: Catalog;
  notifyChannels: readonly string[];
  outbox?: { kick(): void } | undefined;
}

export async function acceptProposal(
  deps: AcceptDeps,
  proposalId: string,
  evidence: SignatureEvidence,
  now: Date = new Date(),
): Promise<AcceptResult> {
  let result: AcceptResult;
  try {
    result = await deps.db.transaction((tx) => accept(tx, deps, proposalId, evidence, now));
  } catch (error) {
    if (isConstraintViolation(error, '23P01', 'unit_leases_no_overlap'))
      return { ok: false, code: 'proposal_unit_unavailable' };
    if (isConstraintViolation(error, '23505', 'proposals_one_accepted_per_lead'))
      return { ok: false, code: 'proposal_accepted' };
    throw error;
  }
  if (result.ok) deps.outbox?.kick();
  return result;
}

async function accept(
  tx: Tx,
  deps: AcceptDeps,
  proposalId: string,
  evidence: SignatureEvidence,
  now: Date,
): Promise<AcceptResult> {
  const [head] = await tx.select({ leadId: proposals.leadId }).from(proposals).where(eq(proposals.id, proposalId));
  if (!head) return { ok: false, code: 'not_found' };
  const [lead] = await tx.select().from(leads).where(eq(leads.id, head.leadId)).for('update');
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
  if (!lead || !proposal) return { ok: false, code: 'not_found' };
  if (proposal.status === 'accepted') return { ok: false, code: 'proposal_accepted' };
  if (proposal.status === 'superseded') return { ok: false, code: 'proposal_superseded' };
  if (proposal.status !== 'sent' || !proposal.sentAt || !proposal.expiresAt)
    return { ok: false, code: 'proposal_withdrawn' };
  if (proposal.expiresAt <= now) return { ok: false, code: 'proposal_link_expired' };
  const document = proposalDocument(
    { ...proposal, sentAt: proposal.sentAt, expiresAt: proposal.expiresAt },
    lead,
    deps.catalog,
  );
  const sha256 = documentSha256(document);
  if (sha256 !== proposal.documentSha256 || sha256 !== evidence.documentSha256)
    return { ok: false, code: 'proposal_document_changed' };
  const units = await lockUnitsForLead(tx, lead.id, proposal.unitIds, now);
  if (units.unavailable) return { ok: false, code: 'proposal_unit_unavailable', unitId: units.unavailable };
  if (units.paidFen !== BigInt(proposal.terms.creditFen)) return { ok: false, code: 'proposal_credit_changed' };

  const { startDate } = proposal.terms;
  const { endDate } = document.economics;
  await tx
    .update(proposals)
    .set({ status: 'accepted', acceptedAt: now, acceptance: evidence, updatedAt: now })
    .where(eq(proposals.id, proposalId));
  // The lead's other open versions (drafts, approvals) are moot now.
  await tx
    .update(proposals)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(proposals.leadId, lead.id), inArray(proposals.status, [...OPEN_STATUSES])));
  await tx.insert(unitLeases).values(
    proposal.unitIds.map((unitId) => ({
      unitId,
      tenant: lead.companyName,
      startsOn: startDate,
      endsOn: endDate,
      leadId: lead.id,
      proposalId,
      createdBy: 'tenant',
    })),
  );
  await tx
    .update(unitStates)
    .set({ status: 'leased', holdExpiresAt: null, availableFrom: addDays(endDate, 1), updatedAt: now })
    .where(inArray(unitStates.unitId, proposal.unitIds));
  if (units.paid.length > 0)
    await tx
      .update(deposits)
      .set({ status: 'credited', creditedProposalId: proposalId, creditedAt: now, updatedAt: now })
      .where(
        inArray(
          deposits.id,
          units.paid.map((d) => d.id),
        ),
      );
  await recordLeadEvent(tx, {
    leadId: lead.id,
    kind: 'proposal_accepted',
    data: {
      proposalId,
      version: proposal.version,
      name: evidence.name,
      title: evidence.title,
      company: evidence.company,
      documentSha256: sha256,
      endDate,
      creditedFen: String(units.paidFen),
    },
    actor: 'tenant',
    at: now,
  });
  if (lead.stage !== 'signed') {
    await tx
      .update(leads)
      .set({ stage: 'signed', lostReason: null, stageChangedAt: now, updatedAt: now })
      .where(eq(leads.id, lead.id));
    await recordLeadEvent(tx, {
      leadId: lead.id,
      kind: 'stage_changed',
      data: { from: lead.stage, to: 'signed', reason: 'proposal_accepted' },
      actor: 'tenant',
      at: now,
    });
  }

  // Other leads' open proposals on these units cannot be accepted any more: withdrawn, and their owners told.
  const moot = await tx
    .update(proposals)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(
      and(
        ne(proposals.leadId, lead.id),
        inArray(proposals.status, [...OPEN_STATUSES]),
        arrayOverlaps(proposals.unitIds, proposal.unitIds),
      ),
    )
    .returning({ id: proposals.id, leadId: proposals.leadId, version: proposals.version, unitIds: proposals.unitIds });
  for (const other of moot)
    await recordLeadEvent(tx, {
      leadId: other.leadId,
      kind: 'proposal_withdrawn',
      data: {
        proposalId: other.id,
        version: other.version,
        reason: 'units_leased',
        units: other.unitIds.filter((id) => proposal.unitIds.includes(id)),
      },
      at: now,
    });
  const owners = moot.length
    ? await tx
        .select({ leadId: leads.id, email: staffUsers.email })
        .from(leads)
        .innerJoin(staffUsers, eq(staffUsers.id, leads.ownerId))
        .where(inArray(leads.id, [...new Set(moot.map((m) => m.leadId))]))
    : [];
  const [owner] = lead.ownerId
    ? await tx.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, lead.ownerId))
    : [];
  await enqueueNoticeBatch(tx, [
    { channels: deps.notifyChannels, subject: { event: 'proposal.accepted', leadId: lead.id, proposalId }, now },
    ...(owner
      ? [
          {
            channels: deps.notifyChannels,
            subject: { event: 'proposal.accepted', leadId: lead.id, proposalId },
            to: { address: owner.email, lang: 'zh' as const },
            now,
          },
        ]
      : []),
    ...(lead.email
      ? [
          {
            channels: deps.notifyChannels,
            subject: { event: 'proposal.accepted', leadId: lead.id, proposalId },
            to: { address: lead.email, lang: lead.lang === 'en' ? ('en' as const) : ('zh' as const) },
            now,
          },
        ]
      : []),
    ...moot.flatMap((other) =>
      owners
        .filter((o) => o.leadId === other.leadId)
        .map((o) => ({
          channels: deps.notifyChannels,
          subject: { event: 'proposal.withdrawn', leadId: other.leadId, proposalId: other.id },
          to: { address: o.email, lang: 'zh' as const },
          now,
        })),
    ),
  ]);
  return { ok: true, leadId: lead.id, endDate };
}
