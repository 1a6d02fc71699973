/**
 * Moves a lead to another pipeline stage, checked on the server: allowed moves only, a reason for Lost, and a
 * timeline entry and an audit entry in the same transaction. Stage and deposit agree: Reserved is reached only
 * through a paid deposit, and moving a lead whose deposit is paid back before Reserved (or to Lost) needs the
 * caller to say the deposit is kept (to be refunded separately), so a reservation is never dropped by a stray drag.
 */
import { and, desc, eq } from 'drizzle-orm';
import { canMoveStage, leavesReservation, LOST_REASONS, STAGES, type Stage } from '../../lib/pipeline.ts';
import type { Database } from '../db/open-database.ts';
import { deposits, leads } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';

type MoveLeadRefusal =
  'not_found' | 'invalid_stage' | 'not_allowed' | 'reason_required' | 'reserved_by_deposit' | 'deposit_paid';
export type MoveLeadResult =
  | { ok: true; stage: Stage; from: Stage }
  | { ok: false; code: MoveLeadRefusal; deposit?: { amountFen: number; currency: string } };

export interface MoveLeadOptions {
  reason?: string | undefined;
  /** The caller has been told the lead has a paid deposit and moves it anyway, keeping the deposit as it is. */
  keepDeposit?: boolean | undefined;
}

/** Moves a lead to another stage, or says why not (Reserved only by deposit; a paid deposit must be acknowledged). */
export async function moveLead(
  db: Database,
  actor: Actor,
  leadId: string,
  to: string,
  options: MoveLeadOptions = {},
): Promise<MoveLeadResult> {
  const { reason, keepDeposit = false } = options;
  if (!(STAGES as readonly string[]).includes(to)) return { ok: false, code: 'invalid_stage' };
  const target = to as Stage;
  if (target === 'reserved') return { ok: false, code: 'reserved_by_deposit' };
  if (target === 'lost' && !(LOST_REASONS as readonly string[]).includes(reason ?? ''))
    return { ok: false, code: 'reason_required' };
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return { ok: false, code: 'not_found' };
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .select({ stage: leads.stage, lostReason: leads.lostReason })
      .from(leads)
      .where(eq(leads.id, leadId))
      .for('update');
    if (!lead) return { ok: false as const, code: 'not_found' as const };
    if (!canMoveStage(lead.stage, target)) return { ok: false as const, code: 'not_allowed' as const };
    const [paid] = leavesReservation(target)
      ? await tx
          .select({ id: deposits.id, amountFen: deposits.amountFen, currency: deposits.currency })
          .from(deposits)
          .where(and(eq(deposits.leadId, leadId), eq(deposits.status, 'reserved')))
          .orderBy(desc(deposits.createdAt))
          .limit(1)
      : [];
    if (paid && !keepDeposit)
      return {
        ok: false as const,
        code: 'deposit_paid' as const,
        deposit: { amountFen: paid.amountFen, currency: paid.currency },
      };
    const now = new Date();
    const lostReason = target === 'lost' ? reason! : null;
    const kept = paid ? { keptDepositId: paid.id } : {};
    await tx
      .update(leads)
      .set({ stage: target, lostReason, stageChangedAt: now, updatedAt: now })
      .where(eq(leads.id, leadId));
    await recordLeadEvent(tx, {
      leadId,
      kind: 'stage_changed',
      data: { from: lead.stage, to: target, ...(lostReason ? { reason: lostReason } : {}), ...kept },
      actor: actor.email,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      'lead.stage',
      'lead',
      leadId,
      { stage: lead.stage, lostReason: lead.lostReason },
      { stage: target, lostReason, ...kept },
    );
    return { ok: true as const, stage: target, from: lead.stage };
  });
}
