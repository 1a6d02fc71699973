/**
 * Staff changes to a unit's commercial state, validated and audited in one transaction: list price and status,
 * marking it leased (tenant and term), and releasing a hold early. Holds themselves are changed only by the deposit
 * state machine (deposit-transitions.ts), which this calls.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { deposits, unitLeases, unitStates } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { releaseHoldOnUnit, releaseLapsedHolds } from '../payments/deposit-transitions.ts';

export type ManageResult = { ok: true } | { ok: false; code: 'not_found' | 'invalid' | 'conflict'; field?: string };

const unitUpdateInput = z.object({
  listRentPerSqmDay: z
    .string()
    .trim()
    .regex(/^\d{1,4}(\.\d{1,2})?$/)
    .refine((v) => Number(v) > 0),
  status: z.enum(['available', 'leased', 'unavailable']),
});

const leaseInput = z
  .object({ tenant: z.string().trim().min(2).max(100), startsOn: z.iso.date(), endsOn: z.iso.date() })
  .refine((l) => l.endsOn > l.startsOn, { path: ['endsOn'], message: 'reversed' });

function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Changes price and status. A held or reserved unit keeps its status: that belongs to its deposit. */
export async function updateUnit(
  db: Database,
  catalog: Catalog,
  actor: Actor,
  unitId: string,
  raw: unknown,
): Promise<ManageResult> {
  if (!catalog.unitById.has(unitId)) return { ok: false, code: 'not_found' };
  const parsed = unitUpdateInput.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'status') };
  return db.transaction(async (tx) => {
    // A lapsed hold is over for readers already; staff see the unit available and may change it.
    await releaseLapsedHolds(tx, unitId, new Date());
    const [before] = await tx.select().from(unitStates).where(eq(unitStates.unitId, unitId)).for('update');
    if (!before) return { ok: false as const, code: 'not_found' as const };
    const isDepositStatus = before.status === 'held' || before.status === 'reserved';
    if (isDepositStatus && parsed.data.status !== before.status)
      return { ok: false as const, code: 'conflict' as const, field: 'status' };
    const status = isDepositStatus ? before.status : parsed.data.status;
    await tx
      .update(unitStates)
      .set({ listRentPerSqmDay: parsed.data.listRentPerSqmDay, status, updatedAt: new Date() })
      .where(eq(unitStates.unitId, unitId));
    await recordAudit(
      tx,
      actor,
      'unit.update',
      'unit',
      unitId,
      { listRentPerSqmDay: before.listRentPerSqmDay, status: before.status },
      { listRentPerSqmDay: parsed.data.listRentPerSqmDay, status },
    );
    return { ok: true as const };
  });
}

/** Marks a unit leased to a tenant for a term; it becomes available again the day after the term ends. */
export async function leaseUnit(
  db: Database,
  catalog: Catalog,
  actor: Actor,
  unitId: string,
  raw: unknown,
): Promise<ManageResult> {
  if (!catalog.unitById.has(unitId)) return { ok: false, code: 'not_found' };
  const parsed = leaseInput.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'tenant') };
  return db.transaction(async (tx) => {
    await releaseLapsedHolds(tx, unitId, new Date());
    const [before] = await tx.select().from(unitStates).where(eq(unitStates.unitId, unitId)).for('update');
    if (!before) return { ok: false as const, code: 'not_found' as const };
    if (before.status === 'held') return { ok: false as const, code: 'conflict' as const, field: 'status' };
    // A reservation turning into a lease: the deposit's job is done (credited against the rent).
    const [reservation] = await tx
      .select({ id: deposits.id, leadId: deposits.leadId })
      .from(deposits)
      .where(and(eq(deposits.unitId, unitId), inArray(deposits.status, ['reserved'])));
    await tx
      .insert(unitLeases)
      .values({ unitId, ...parsed.data, leadId: reservation?.leadId ?? null, createdBy: actor.id });
    await tx
      .update(unitStates)
      .set({ status: 'leased', availableFrom: dayAfter(parsed.data.endsOn), updatedAt: new Date() })
      .where(eq(unitStates.unitId, unitId));
    await recordAudit(
      tx,
      actor,
      'unit.lease',
      'unit',
      unitId,
      { status: before.status, availableFrom: before.availableFrom },
      { status: 'leased', ...parsed.data },
    );
    return { ok: true as const };
  });
}

/** Releases a hold before it lapses (e.g. the tenant asked by phone). */
export async function releaseUnitHold(
  db: Database,
  catalog: Catalog,
  actor: Actor,
  unitId: string,
): Promise<ManageResult> {
  if (!catalog.unitById.has(unitId)) return { ok: false, code: 'not_found' };
  const released = await db.transaction(async (tx) => {
    const depositId = await releaseHoldOnUnit(tx, unitId, actor.email, new Date());
    if (!depositId) return false;
    await recordAudit(
      tx,
      actor,
      'unit.release_hold',
      'unit',
      unitId,
      { status: 'held' },
      { status: 'available', deposit: depositId },
    );
    return true;
  });
  return released ? { ok: true } : { ok: false, code: 'conflict', field: 'status' };
}
