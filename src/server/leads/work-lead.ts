/**
 * What an agent does with a lead after it arrives (issue 15), each checked, with a timeline entry and an audit
 * entry in one transaction: log a call, e-mail or message to the tenant (the first one keeps or breaks the
 * response promise, and moves a new lead to Contacted), and record how a tour went (a tour that took place moves
 * the lead to Touring — booking one does not).
 */
import { and, eq, isNull, lte } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { leads, tours } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { recordLeadEvent } from './record-lead-event.ts';
import type { LeadChangeResult } from './change-lead.ts';
import type { Stage } from '../../lib/pipeline.ts';

const CONTACT_CHANNELS = ['call', 'email', 'message', 'meeting'] as const;
const TOUR_INTEREST = ['high', 'medium', 'low', 'none'] as const;

const contactInput = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  note: z.string().trim().max(2000).optional(),
});

/** Moves a lead forward to `to` when it is still in one of `from` (with its timeline and audit entries). */
async function advanceStage(tx: Tx, actor: Actor, leadId: string, from: Stage[], to: Stage, now: Date): Promise<void> {
  const [lead] = await tx.select({ stage: leads.stage }).from(leads).where(eq(leads.id, leadId));
  if (!lead || !from.includes(lead.stage)) return;
  await tx.update(leads).set({ stage: to, stageChangedAt: now, updatedAt: now }).where(eq(leads.id, leadId));
  await recordLeadEvent(tx, {
    leadId,
    kind: 'stage_changed',
    data: { from: lead.stage, to },
    actor: actor.email,
    at: now,
  });
  await recordAudit(tx, actor, 'lead.stage', 'lead', leadId, { stage: lead.stage }, { stage: to });
}

/** Logs a contact with the tenant; the first one is the lead's first response. */
export async function logContact(
  db: Database,
  actor: Actor,
  leadId: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<LeadChangeResult> {
  const parsed = contactInput.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'channel') };
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return { ok: false, code: 'not_found' };
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .select({ firstResponseAt: leads.firstResponseAt })
      .from(leads)
      .where(eq(leads.id, leadId))
      .for('update');
    if (!lead) return { ok: false as const, code: 'not_found' as const };
    const isFirst = lead.firstResponseAt === null;
    if (isFirst) await tx.update(leads).set({ firstResponseAt: now, updatedAt: now }).where(eq(leads.id, leadId));
    await recordLeadEvent(tx, {
      leadId,
      kind: 'contact_logged',
      data: { channel: parsed.data.channel, note: parsed.data.note || null, isFirstResponse: isFirst },
      actor: actor.email,
      at: now,
    });
    await recordAudit(tx, actor, 'lead.contact', 'lead', leadId, null, {
      channel: parsed.data.channel,
      isFirstResponse: isFirst,
    });
    await advanceStage(tx, actor, leadId, ['new'], 'contacted', now);
    return { ok: true as const };
  });
}

const outcomeInput = z.object({
  attended: z.enum(['held', 'no_show']),
  interest: z.enum(TOUR_INTEREST).optional(),
  unitsSeen: z.array(z.string()).max(20).default([]),
  nextStep: z.string().trim().max(500).optional(),
});

/**
 * Records how a tour went, once it has begun: held (with interest, units seen, the next step) or a no-show. A
 * held tour moves a lead that is still New or Contacted to Touring; recording again corrects the outcome.
 */
export async function recordTourOutcome(
  deps: { db: Database; catalog: Catalog },
  actor: Actor,
  leadId: string,
  tourId: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<LeadChangeResult> {
  const parsed = outcomeInput.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'attended') };
  const { attended, interest, nextStep } = parsed.data;
  const unitsSeen = [...new Set(parsed.data.unitsSeen.map((id) => id.trim().toLowerCase()).filter(Boolean))];
  if (unitsSeen.some((id) => !deps.catalog.unitById.has(id))) return { ok: false, code: 'invalid', field: 'unitsSeen' };
  if (attended === 'held' && !interest) return { ok: false, code: 'invalid', field: 'interest' };
  if (!/^[0-9a-f-]{36}$/.test(leadId) || !/^[0-9a-f-]{36}$/.test(tourId)) return { ok: false, code: 'not_found' };
  return deps.db.transaction(async (tx) => {
    const [tour] = await tx
      .select()
      .from(tours)
      .where(and(eq(tours.id, tourId), eq(tours.leadId, leadId), lte(tours.startsAt, now)))
      .for('update');
    if (!tour) return { ok: false as const, code: 'not_found' as const };
    if (tour.status === 'cancelled') return { ok: false as const, code: 'invalid' as const, field: 'attended' };
    const outcome = {
      status: attended,
      interest: attended === 'held' ? interest! : null,
      unitsSeen: attended === 'held' ? unitsSeen : [],
      nextStep: nextStep || null,
    };
    await tx
      .update(tours)
      .set({ ...outcome, outcomeAt: now, outcomeBy: actor.email, updatedAt: now })
      .where(eq(tours.id, tourId));
    await recordLeadEvent(tx, {
      leadId,
      kind: 'tour_outcome',
      data: { tourId, reference: tour.reference, ...outcome },
      actor: actor.email,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      'tour.outcome',
      'tour',
      tourId,
      { status: tour.status, interest: tour.interest },
      { status: outcome.status, interest: outcome.interest },
    );
    if (attended === 'held') {
      // Meeting the tenant is an answer to them, if nothing came first.
      await tx
        .update(leads)
        .set({ firstResponseAt: now })
        .where(and(eq(leads.id, leadId), isNull(leads.firstResponseAt)));
      await advanceStage(tx, actor, leadId, ['new', 'contacted'], 'touring', now);
    }
    return { ok: true as const };
  });
}
