/**
 * Room to grow (issue 17): a tenant's leased or reserved unit, the units beside it (a shared wall, as the unit page
 * shows) and when each comes free; and rights of first refusal (优先承租权) staff record on such a neighbour. Until
 * its last day a right keeps the unit from everybody else: no saved-search alert, no other lead's match
 * (match-requirements.ts), while the holder's agent hears as soon as it is free or coming free.
 */
import { and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'astro/zod';
import { todayInBeijing } from '../../lib/format.ts';
import { addDays } from '../../lib/lease-economics.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { adjacentUnits } from '../catalog/find-adjacent-units.ts';
import { isConstraintViolation } from '../db/constraint-error.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { deposits, firstRefusals, leads, unitLeases, unitStates } from '../db/schema.ts';

/**
 * Writes the unit's state row again as it is, so the inventory version (which sums row versions) moves and cached
 * public pages of the unit (which say whether it can be reserved online) are drawn again. `updated_at` keeps its
 * value: the units feed dates "became available" by it.
 */
async function touchUnitState(tx: Tx, unitId: string): Promise<void> {
  await tx
    .update(unitStates)
    .set({ updatedAt: sql`${unitStates.updatedAt}` })
    .where(eq(unitStates.unitId, unitId));
}

/** The longest window a right of first refusal may run, in days (a lease term is rarely longer). */
const MAX_WINDOW_DAYS = 5 * 366;

/** The units a lead leases now or later, or has reserved with a paid deposit: the ones it can grow from. */
export async function unitsHeldBy(db: Database | Tx, leadId: string, today = todayInBeijing()): Promise<string[]> {
  const leased = await db
    .select({ unitId: unitLeases.unitId })
    .from(unitLeases)
    .where(and(eq(unitLeases.leadId, leadId), gte(unitLeases.endsOn, today)));
  const reserved = await db
    .select({ unitId: deposits.unitId })
    .from(deposits)
    .where(and(eq(deposits.leadId, leadId), eq(deposits.status, 'reserved')));
  return [...new Set([...leased, ...reserved].map((r) => r.unitId))].sort();
}

/** The rights of first refusal running on a day: unit id → the lead holding it and its last day. */
export async function activeFirstRefusals(
  db: Database | Tx,
  today = todayInBeijing(),
): Promise<Map<string, { leadId: string; untilOn: string }>> {
  const rows = await db
    .select({ unitId: firstRefusals.unitId, leadId: firstRefusals.leadId, untilOn: firstRefusals.untilOn })
    .from(firstRefusals)
    .where(and(isNull(firstRefusals.endedAt), gte(firstRefusals.untilOn, today)));
  return new Map(rows.map(({ unitId, ...right }) => [unitId, right]));
}

/** Listings without the units under a running right: what may be offered to saved searches (nobody holds one). */
export async function withoutFirstRefusals<T extends { id: string }>(
  db: Database | Tx,
  listings: readonly T[],
  today: string,
): Promise<T[]> {
  const rights = await activeFirstRefusals(db, today);
  return listings.filter((l) => !rights.has(l.id));
}

const recordInput = z.object({
  holderUnitId: z.string().trim().toLowerCase().min(1).max(40),
  unitId: z.string().trim().toLowerCase().min(1).max(40),
  untilOn: z.iso.date(),
  note: z.string().trim().max(500).optional(),
});

export type FirstRefusalResult =
  | { ok: true }
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'invalid'; field: string }
  /** Another lead holds a right on the unit (its reference, for the message). */
  | { ok: false; code: 'first_refusal_taken'; reference: string };

/**
 * Records a right of first refusal for a lead on a unit beside one it holds, until a day (today at the earliest,
 * MAX_WINDOW_DAYS at the latest). One right per unit: a lapsed one is closed first, a running one is refused.
 */
export async function recordFirstRefusal(
  deps: { db: Database; catalog: Catalog },
  actor: Actor,
  leadId: string,
  raw: Record<string, unknown>,
): Promise<FirstRefusalResult> {
  const parsed = recordInput.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'unitId') };
  const { holderUnitId, unitId, untilOn, note } = parsed.data;
  const today = todayInBeijing();
  if (untilOn < today || untilOn > addDays(today, MAX_WINDOW_DAYS))
    return { ok: false, code: 'invalid', field: 'untilOn' };
  const holderUnit = deps.catalog.unitById.get(holderUnitId);
  if (!holderUnit) return { ok: false, code: 'invalid', field: 'holderUnitId' };
  if (!adjacentUnits(deps.catalog, holderUnit).some((u) => u.id === unitId))
    return { ok: false, code: 'invalid', field: 'unitId' };
  try {
    return await deps.db.transaction(async (tx): Promise<FirstRefusalResult> => {
      const [lead] = await tx.select({ id: leads.id }).from(leads).where(eq(leads.id, leadId)).for('update');
      if (!lead) return { ok: false, code: 'not_found' };
      if (!(await unitsHeldBy(tx, leadId, today)).includes(holderUnitId))
        return { ok: false, code: 'invalid', field: 'holderUnitId' };
      // A right whose window has passed no longer stands in the way of a new one.
      const now = new Date();
      await tx
        .update(firstRefusals)
        .set({ endedAt: now })
        .where(and(eq(firstRefusals.unitId, unitId), isNull(firstRefusals.endedAt), lt(firstRefusals.untilOn, today)));
      const [holder] = await tx
        .select({ reference: leads.reference })
        .from(firstRefusals)
        .innerJoin(leads, eq(leads.id, firstRefusals.leadId))
        .where(and(eq(firstRefusals.unitId, unitId), isNull(firstRefusals.endedAt)));
      if (holder) return { ok: false, code: 'first_refusal_taken', reference: holder.reference };
      await tx
        .insert(firstRefusals)
        .values({ unitId, leadId, holderUnitId, untilOn, note: note || null, createdBy: actor.email });
      await touchUnitState(tx, unitId);
      await recordAudit(tx, actor, 'lead.first_refusal', 'lead', leadId, null, { unitIds: [unitId], untilOn });
      return { ok: true };
    });
  } catch (error) {
    // Two staff recording a right on one unit at once: the unique index decides, the loser is told.
    if (isConstraintViolation(error, '23505', 'first_refusals_one_per_unit')) {
      const holder = (await firstRefusalHolders(deps.db, [unitId], today)).get(unitId);
      return { ok: false, code: 'first_refusal_taken', reference: holder?.reference ?? '—' };
    }
    throw error;
  }
}

/** Ends a lead's right of first refusal early (waived, or the tenant took the unit). */
export async function endFirstRefusal(
  db: Database,
  actor: Actor,
  leadId: string,
  rightId: string,
): Promise<FirstRefusalResult> {
  if (!z.uuid().safeParse(rightId).success) return { ok: false, code: 'invalid', field: 'rightId' };
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(firstRefusals)
      .set({ endedAt: new Date() })
      .where(and(eq(firstRefusals.id, rightId), eq(firstRefusals.leadId, leadId), isNull(firstRefusals.endedAt)))
      .returning({ unitId: firstRefusals.unitId, untilOn: firstRefusals.untilOn });
    if (!ended) return { ok: false, code: 'not_found' } as const;
    await touchUnitState(tx, ended.unitId);
    await recordAudit(
      tx,
      actor,
      'lead.first_refusal_end',
      'lead',
      leadId,
      { unitIds: [ended.unitId], untilOn: ended.untilOn },
      null,
    );
    return { ok: true } as const;
  });
}

/** A lead's rights of first refusal, running and past, newest first (the lead page). */
export async function firstRefusalsOf(db: Database, leadId: string) {
  return db.select().from(firstRefusals).where(eq(firstRefusals.leadId, leadId)).orderBy(firstRefusals.createdAt);
}

/** Who holds a running right on each of these units (the inventory page). */
export async function firstRefusalHolders(db: Database, unitIds: readonly string[], today = todayInBeijing()) {
  if (unitIds.length === 0) return new Map<string, { leadId: string; reference: string; untilOn: string }>();
  const rows = await db
    .select({
      unitId: firstRefusals.unitId,
      leadId: firstRefusals.leadId,
      reference: leads.reference,
      untilOn: firstRefusals.untilOn,
    })
    .from(firstRefusals)
    .innerJoin(leads, eq(leads.id, firstRefusals.leadId))
    .where(
      and(
        inArray(firstRefusals.unitId, [...unitIds]),
        isNull(firstRefusals.endedAt),
        gte(firstRefusals.untilOn, today),
      ),
    );
  return new Map(rows.map(({ unitId, ...holder }) => [unitId, holder]));
}
