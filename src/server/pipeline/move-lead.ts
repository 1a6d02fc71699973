/**
 * Moves a lead to another pipeline stage, checked on the server: allowed moves only, a reason for Lost, and a
 * timeline entry and an audit entry in the same transaction.
 */
import { eq } from 'drizzle-orm';
import { canMoveStage, LOST_REASONS, STAGES, type Stage } from '../../lib/pipeline.ts';
import type { Database } from '../db/open-database.ts';
import { leadEvents, leads } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';

export type MoveLeadResult = { ok: true; stage: Stage } | { ok: false; code: 'not_found' | 'invalid_stage' | 'not_allowed' | 'reason_required' };

export async function moveLead(db: Database, actor: Actor, leadId: string, to: string, reason?: string): Promise<MoveLeadResult> {
  if (!(STAGES as readonly string[]).includes(to)) return { ok: false, code: 'invalid_stage' };
  const target = to as Stage;
  if (target === 'lost' && !(LOST_REASONS as readonly string[]).includes(reason ?? '')) return { ok: false, code: 'reason_required' };
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return { ok: false, code: 'not_found' };
  return db.transaction(async (tx) => {
    const [lead] = await tx.select({ stage: leads.stage, lostReason: leads.lostReason }).from(leads).where(eq(leads.id, leadId)).for('update');
    if (!lead) return { ok: false as const, code: 'not_found' as const };
    if (!canMoveStage(lead.stage, target)) return { ok: false as const, code: 'not_allowed' as const };
    const now = new Date();
    const lostReason = target === 'lost' ? reason! : null;
    await tx.update(leads).set({ stage: target, lostReason, stageChangedAt: now, updatedAt: now }).where(eq(leads.id, leadId));
    await tx.insert(leadEvents).values({ leadId, kind: 'stage_changed', data: { from: lead.stage, to: target, ...(lostReason ? { reason: lostReason } : {}) }, actor: actor.email, createdAt: now });
    await recordAudit(tx, actor, 'lead.stage', 'lead', leadId, { stage: lead.stage, lostReason: lead.lostReason }, { stage: target, lostReason });
    return { ok: true as const, stage: target };
  });
}
