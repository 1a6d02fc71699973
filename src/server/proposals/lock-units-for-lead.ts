/**
 * Whether a lead can still lease some units, asked inside the caller's transaction: the units' rows are locked
 * (in id order, so two callers never wait on each other crosswise), which is what makes drafting, sending and
 * accepting a proposal and a reservation of the same unit take turns (payments/deposit-transitions.ts locks the
 * same row). A unit is the lead's to lease when it is available, its hold has lapsed, or it is reserved by the
 * lead's own paid deposit, which a proposal credits.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/open-database.ts';
import { deposits, unitStates } from '../db/schema.ts';

export interface UnitsForLead {
  /** The first unit the lead cannot lease now, if any. */
  unavailable?: string | undefined;
  /** The lead's paid deposits on these units. */
  paid: Array<{ id: string; unitId: string; amountFen: number }>;
  /** The sum of those deposits, in fen: what a proposal credits. */
  paidFen: bigint;
}

export async function lockUnitsForLead(
  tx: Tx,
  leadId: string,
  unitIds: readonly string[],
  now: Date,
): Promise<UnitsForLead> {
  const states = await tx
    .select()
    .from(unitStates)
    .where(inArray(unitStates.unitId, [...unitIds]))
    .orderBy(asc(unitStates.unitId))
    .for('update');
  const paid = await tx
    .select({ id: deposits.id, unitId: deposits.unitId, amountFen: deposits.amountFen })
    .from(deposits)
    .where(and(eq(deposits.leadId, leadId), eq(deposits.status, 'reserved'), inArray(deposits.unitId, [...unitIds])));
  const unavailable = unitIds.find((id) => {
    const state = states.find((s) => s.unitId === id);
    if (!state) return true;
    if (state.status === 'available') return false;
    if (state.status === 'held') return !(state.holdExpiresAt !== null && state.holdExpiresAt <= now);
    return !(state.status === 'reserved' && paid.some((d) => d.unitId === id));
  });
  return { unavailable, paid, paidFen: paid.reduce((sum, d) => sum + BigInt(d.amountFen), 0n) };
}
