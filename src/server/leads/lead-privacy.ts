/**
 * The PIPL rights on a lead: export everything the park holds about the person, and erase it. Erasure keeps
 * what accounting must keep (deposits: amount, unit, dates) and removes or blanks every personal detail.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import {
  alertSubscriptions,
  auditLog,
  deposits,
  firstRefusals,
  inquiries,
  leadRequirements,
  leadEvents,
  leads,
  leadTasks,
  notificationOutbox,
  requirementMatches,
} from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { recordLeadEvent } from './record-lead-event.ts';

/** Everything about the person behind a lead, as one JSON document for them. */
export async function exportLeadData(db: Database, leadId: string) {
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
  if (!lead) return undefined;
  const [leadInquiries, leadDeposits, events, alerts, requirement, matches, rights] = await Promise.all([
    db.select().from(inquiries).where(eq(inquiries.leadId, leadId)),
    db.select().from(deposits).where(eq(deposits.leadId, leadId)),
    db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)),
    // Saved searches are kept by address, not by lead: those of the lead's address are the person's too.
    lead.email
      ? db.select().from(alertSubscriptions).where(eq(alertSubscriptions.email, lead.email.toLowerCase()))
      : [],
    db.select().from(leadRequirements).where(eq(leadRequirements.leadId, leadId)),
    db.select().from(requirementMatches).where(eq(requirementMatches.leadId, leadId)),
    db.select().from(firstRefusals).where(eq(firstRefusals.leadId, leadId)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    controller: '丰台航空航天创新中心 Fengtai Aerospace Innovation Center',
    person: { contactName: lead.contactName, mobile: lead.mobile, email: lead.email },
    company: { name: lead.companyName, creditCode: lead.creditCode, industryTrack: lead.industryTrack },
    lead: {
      reference: lead.reference,
      stage: lead.stage,
      createdAt: lead.createdAt,
      firstTouch: lead.firstTouch,
      lastTouch: lead.lastTouch,
    },
    inquiries: leadInquiries.map(({ leadId: _l, ...i }) => i),
    deposits: leadDeposits.map((d) => ({
      unitId: d.unitId,
      amountFen: d.amountFen,
      currency: d.currency,
      status: d.status,
      createdAt: d.createdAt,
      paidAt: d.paidAt,
      refundedAt: d.refundedAt,
    })),
    timeline: events.filter((e) => e.kind !== 'note').map((e) => ({ at: e.createdAt, kind: e.kind })),
    savedSearches: alerts.map((a) => ({
      search: a.query,
      language: a.lang,
      horizonDays: a.horizonDays,
      consentAt: a.consentAt,
      consentVersion: a.consentVersion,
      confirmedAt: a.confirmedAt,
      unsubscribedAt: a.unsubscribedAt,
      lastAlertedAt: a.lastAlertedAt,
    })),
    // The requirement register (issue 17): what the company needs, the units matched to it, rights of first refusal.
    requirement: {
      search: requirement[0]?.query ?? null,
      policyProfile: lead.policyProfile,
      matchedUnits: matches.map((m) => ({ unitId: m.unitId, availableFrom: m.availableFrom, matchedAt: m.matchedAt })),
      firstRefusals: rights.map((r) => ({
        unitId: r.unitId,
        holderUnitId: r.holderUnitId,
        untilOn: r.untilOn,
        note: r.note,
        endedAt: r.endedAt,
      })),
    },
  };
}

/** Erases the person's data from a lead, keeping the accounting facts of any deposit. */
export async function eraseLeadData(db: Database, actor: Actor, leadId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .select({ reference: leads.reference, email: leads.email })
      .from(leads)
      .where(eq(leads.id, leadId))
      .for('update');
    if (!lead) return false;
    const erased = '[已删除 erased]';
    await tx
      .update(leads)
      .set({
        companyName: erased,
        contactName: erased,
        creditCode: null,
        mobile: null,
        email: `erased+${leadId}@invalid`,
        firstTouch: null,
        lastTouch: null,
        policyProfile: [],
        updatedAt: new Date(),
      })
      .where(eq(leads.id, leadId));
    await tx
      .update(inquiries)
      .set({ message: null, tourTimes: [], touch: null, pagePath: null })
      .where(eq(inquiries.leadId, leadId));
    const taskIds = (await tx.select({ id: leadTasks.id }).from(leadTasks).where(eq(leadTasks.leadId, leadId))).map(
      (t) => t.id,
    );
    await tx.delete(leadEvents).where(eq(leadEvents.leadId, leadId));
    await tx.delete(leadTasks).where(eq(leadTasks.leadId, leadId));
    // The audit keeps who did what and when; the values it recorded about this person go.
    await tx
      .update(auditLog)
      .set({ before: null, after: null })
      .where(and(eq(auditLog.entity, 'lead'), eq(auditLog.entityId, leadId)));
    if (taskIds.length)
      await tx
        .update(auditLog)
        .set({ before: null, after: null })
        .where(and(eq(auditLog.entity, 'lead_task'), inArray(auditLog.entityId, taskIds)));
    await tx.delete(notificationOutbox).where(eq(notificationOutbox.leadId, leadId));
    // The requirement and its matches go; a right of first refusal keeps its unit and dates (a contract fact, like a
    // deposit's) but loses its note.
    await tx.delete(leadRequirements).where(eq(leadRequirements.leadId, leadId));
    await tx.delete(requirementMatches).where(eq(requirementMatches.leadId, leadId));
    await tx.update(firstRefusals).set({ note: null }).where(eq(firstRefusals.leadId, leadId));
    // The person's saved searches (kept by address) go too, with their alerts.
    if (lead.email) await tx.delete(alertSubscriptions).where(eq(alertSubscriptions.email, lead.email.toLowerCase()));
    await recordLeadEvent(tx, { leadId, kind: 'erased', actor: actor.email });
    // The audit entry records that it happened, not what was erased.
    await recordAudit(tx, actor, 'lead.erase', 'lead', leadId, { reference: lead.reference }, { erased: true });
    return true;
  });
}
