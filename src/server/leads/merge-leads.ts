/**
 * Merges a duplicate lead into another: inquiries, deposits, tasks, timeline, notices, leases, tours, proposals,
 * rights of first refusal and a requirement move over (support-policy profiles are joined), and the
 * duplicate is removed. The contact details (contact name, mobile, email, credit code) are taken whole from one
 * of the two leads, the older one unless staff choose the newer: a newer lead came from an unverified sender, so
 * none of its details replace or fill in the older one's by themselves. The merged lead stands at the further
 * of the two stages (a duplicate may bring a paid deposit, which put it at Reserved). One transaction, audited.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import {
  deposits,
  firstRefusals,
  inquiries,
  leadEvents,
  leads,
  leadTasks,
  notificationOutbox,
  proposals,
  tours,
  unitLeases,
} from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { recordLeadEvent } from './record-lead-event.ts';
import { STAGES, type Stage } from '../../lib/pipeline.ts';

/** How far along the pipeline a stage is; a lost lead counts least, so an open one's progress is kept. */
function progressOf(stage: Stage): number {
  return stage === 'lost' ? -1 : STAGES.indexOf(stage);
}

/** Whose contact details the merged lead keeps. */
export type MergeContactFrom = 'older' | 'newer';

/** Folds the lead with `duplicateReference` into the lead `keepId`. */
export async function mergeLeads(
  db: Database,
  actor: Actor,
  keepId: string,
  duplicateReference: string,
  contactFrom: MergeContactFrom = 'older',
): Promise<{ ok: true } | { ok: false; code: 'not_found' | 'same' }> {
  const reference = duplicateReference.trim().toUpperCase();
  if (!/^AIC-[0-9A-Z]{6}$/.test(reference) || !/^[0-9a-f-]{36}$/.test(keepId)) return { ok: false, code: 'not_found' };
  return db.transaction(async (tx) => {
    const [keep] = await tx.select().from(leads).where(eq(leads.id, keepId)).for('update');
    const [duplicate] = await tx.select().from(leads).where(eq(leads.reference, reference)).for('update');
    if (!keep || !duplicate) return { ok: false as const, code: 'not_found' as const };
    if (keep.id === duplicate.id) return { ok: false as const, code: 'same' as const };
    // Two signed leases from two accepted proposals are two deals, not one lead twice: refused (400, by reference).
    const accepted = await tx
      .select({ leadId: proposals.leadId })
      .from(proposals)
      .where(and(inArray(proposals.leadId, [keep.id, duplicate.id]), eq(proposals.status, 'accepted')));
    if (new Set(accepted.map((p) => p.leadId)).size === 2) return { ok: false as const, code: 'same' as const };
    // The duplicate's proposal versions follow the kept lead's (a lead's versions are numbered 1, 2, …).
    await tx
      .update(proposals)
      .set({
        leadId: keep.id,
        version: sql`${proposals.version} + coalesce((select max(p.version) from proposals p where p.lead_id = ${keep.id}), 0)`,
      })
      .where(eq(proposals.leadId, duplicate.id));
    for (const table of [
      inquiries,
      deposits,
      leadEvents,
      leadTasks,
      notificationOutbox,
      unitLeases,
      tours,
      firstRefusals,
    ]) {
      await tx
        .update(table)
        .set({ leadId: keep.id } as never)
        .where(eq(table.leadId, duplicate.id));
    }
    const [older, newer] = keep.createdAt <= duplicate.createdAt ? [keep, duplicate] : [duplicate, keep];
    const contact = contactFrom === 'newer' ? newer : older;
    // Leads that were flagged as possible duplicates of the removed one now point at the one that stays.
    await tx
      .update(leads)
      .set({ possibleDuplicateOf: keep.id })
      .where(and(eq(leads.possibleDuplicateOf, duplicate.id), ne(leads.id, keep.id)));
    const isFlagResolved = keep.possibleDuplicateOf === duplicate.id;
    const stage = progressOf(duplicate.stage) > progressOf(keep.stage) ? duplicate.stage : keep.stage;
    const now = new Date();
    await tx
      .update(leads)
      .set({
        contactName: contact.contactName,
        mobile: contact.mobile,
        email: contact.email,
        creditCode: contact.creditCode,
        firstTouch: older.firstTouch,
        policyProfile: [...new Set([...keep.policyProfile, ...duplicate.policyProfile])],
        lastInquiryAt: sql`greatest(${leads.lastInquiryAt}, ${duplicate.lastInquiryAt})`,
        ...(isFlagResolved ? { possibleDuplicateOf: null, duplicateReasons: [] } : {}),
        ...(stage !== keep.stage ? { stage, stageChangedAt: now, lostReason: null } : {}),
        updatedAt: now,
      })
      .where(eq(leads.id, keep.id));
    // The requirement staff set on either lead (the kept lead's first); its matches are found again by the sweep.
    await tx.execute(
      sql`update lead_requirements set lead_id = ${keep.id} where lead_id = ${duplicate.id}
          and not exists (select 1 from lead_requirements where lead_id = ${keep.id})`,
    );
    await tx.delete(leads).where(eq(leads.id, duplicate.id));
    await recordLeadEvent(tx, {
      leadId: keep.id,
      kind: 'merged',
      data: { from: duplicate.reference, company: duplicate.companyName, contactFrom },
      actor: actor.email,
      at: now,
    });
    if (stage !== keep.stage)
      await recordLeadEvent(tx, {
        leadId: keep.id,
        kind: 'stage_changed',
        data: { from: keep.stage, to: stage },
        actor: actor.email,
        at: now,
      });
    await recordAudit(
      tx,
      actor,
      'lead.merge',
      'lead',
      keep.id,
      {
        duplicate: {
          id: duplicate.id,
          reference: duplicate.reference,
          companyName: duplicate.companyName,
          stage: duplicate.stage,
        },
      },
      { kept: keep.reference, contactFrom },
    );
    return { ok: true as const };
  });
}
