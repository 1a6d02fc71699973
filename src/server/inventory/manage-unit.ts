/**
 * Staff changes to a unit's commercial state, validated and audited in one transaction: list price and status,
 * marking it leased (tenant and term), and releasing a hold early. Holds themselves are changed only by the deposit
 * state machine (deposit-transitions.ts), which this calls.
 */
import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import { z } from 'astro/zod';
import { addDays } from '../../lib/lease-economics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { deposits, unitLeases, unitStates, type UnitStateRow } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { releaseHoldOnUnit, releaseLapsedHolds } from '../payments/deposit-transitions.ts';

export type ManageResult =
  | { ok: true }
  | { ok: false; code: 'not_found' | 'invalid' | 'conflict'; field?: string }
  /** The term overlaps a lease the unit has (its tenant and term, for the message). */
  | { ok: false; code: 'overlap'; field: 'startsOn'; lease: { tenant: string; startsOn: string; endsOn: string } };

const rent = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/)
  .refine((v) => Number(v) > 0);

const unitUpdateInput = z
  .object({
    listRentPerSqmDay: rent,
    /** 底价: empty for none. A proposal below it needs an administrator's approval. */
    floorRentPerSqmDay: rent
      .nullable()
      .optional()
      .or(z.literal('').transform(() => null)),
    /** held / reserved only as the unit already is (the form sends it back for a unit with a deposit). */
    status: z.enum(['available', 'leased', 'unavailable', 'held', 'reserved']),
  })
  .refine((u) => !u.floorRentPerSqmDay || Number(u.floorRentPerSqmDay) <= Number(u.listRentPerSqmDay), {
    path: ['floorRentPerSqmDay'],
    message: 'above list',
  });

/** Whether tenants may see when a lease ends: "yes" (the default, also when left out) or "no". */
const expiryPublic = z
  .enum(['yes', 'no'])
  .optional()
  .transform((v) => v !== 'no');

/** A lease's day: a real date, not so far ahead that the day after it cannot be written. */
const leaseDay = z.iso.date().refine((d) => d >= '1990-01-01' && d <= '2200-12-31');

const leaseInput = z
  .object({
    tenant: z.string().trim().min(2).max(100),
    startsOn: leaseDay,
    endsOn: leaseDay,
    expiryPublic,
  })
  .refine((l) => l.endsOn > l.startsOn, { path: ['endsOn'], message: 'reversed' });

const leaseChangeInput = z.object({
  leaseId: z.uuid(),
  endsOn: leaseDay,
  expiryPublic,
});

const dayAfter = (isoDate: string) => addDays(isoDate, 1);

/** A lease of the unit (other than `exceptId`) whose term overlaps this one: its tenant and term. */
async function overlappingLease(tx: Tx, unitId: string, term: { startsOn: string; endsOn: string }, exceptId?: string) {
  const [found] = await tx
    .select({ tenant: unitLeases.tenant, startsOn: unitLeases.startsOn, endsOn: unitLeases.endsOn })
    .from(unitLeases)
    .where(
      and(
        eq(unitLeases.unitId, unitId),
        exceptId ? ne(unitLeases.id, exceptId) : undefined,
        lte(unitLeases.startsOn, term.endsOn),
        gte(unitLeases.endsOn, term.startsOn),
      ),
    )
    .limit(1);
  return found;
}

/** What a staff change writes to the unit's state, with the audit entry's before and after. */
interface UnitWrite {
  set: Partial<Pick<UnitStateRow, 'listRentPerSqmDay' | 'floorRentPerSqmDay' | 'status' | 'availableFrom'>>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * A staff change to a catalog unit: the input is checked against `schema` (a refusal names the first bad field,
 * or `fallbackField`); then, in one transaction with the unit's state row locked, `decide` refuses or says what to
 * write, and the write is audited as `action`.
 */
function unitChange<T>(
  rule: { schema: z.ZodType<T>; fallbackField: string; action: string },
  decide: (tx: Tx, before: UnitStateRow, data: T, actor: Actor) => Promise<UnitWrite | ManageResult>,
) {
  return async (db: Database, catalog: Catalog, actor: Actor, unitId: string, raw: unknown): Promise<ManageResult> => {
    if (!catalog.unitById.has(unitId)) return { ok: false, code: 'not_found' };
    const parsed = rule.schema.safeParse(raw);
    if (!parsed.success)
      return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? rule.fallbackField) };
    return db.transaction(async (tx): Promise<ManageResult> => {
      // A lapsed hold is over for readers already; staff see the unit available and may change it.
      await releaseLapsedHolds(tx, unitId, new Date());
      const [state] = await tx.select().from(unitStates).where(eq(unitStates.unitId, unitId)).for('update');
      if (!state) return { ok: false, code: 'not_found' };
      const write = await decide(tx, state, parsed.data, actor);
      if ('ok' in write) return write;
      await tx
        .update(unitStates)
        .set({ ...write.set, updatedAt: new Date() })
        .where(eq(unitStates.unitId, unitId));
      await recordAudit(tx, actor, rule.action, 'unit', unitId, write.before, write.after);
      return { ok: true };
    });
  };
}

/**
 * Changes price, floor price and status. A held or reserved unit keeps its status: that belongs to its deposit.
 * The floor price is left as it is when the form does not send it.
 */
export const updateUnit = unitChange(
  { schema: unitUpdateInput, fallbackField: 'status', action: 'unit.update' },
  async (_tx, before, { listRentPerSqmDay, floorRentPerSqmDay, status: asked }) => {
    const isDepositStatus = before.status === 'held' || before.status === 'reserved';
    // A deposit's status is not set by hand: staff change the price of a held or reserved unit, not its status.
    if (!isDepositStatus && (asked === 'held' || asked === 'reserved'))
      return { ok: false, code: 'invalid', field: 'status' };
    if (isDepositStatus && asked !== before.status) return { ok: false, code: 'conflict', field: 'status' };
    const status = isDepositStatus ? before.status : asked;
    const floor = floorRentPerSqmDay === undefined ? before.floorRentPerSqmDay : floorRentPerSqmDay;
    return {
      set: { listRentPerSqmDay, floorRentPerSqmDay: floor, status },
      before: {
        listRentPerSqmDay: before.listRentPerSqmDay,
        floorRentPerSqmDay: before.floorRentPerSqmDay,
        status: before.status,
      },
      after: { listRentPerSqmDay, floorRentPerSqmDay: floor, status },
    };
  },
);

/** Marks a unit leased to a tenant for a term; it becomes available again the day after the term ends. */
export const leaseUnit = unitChange(
  { schema: leaseInput, fallbackField: 'tenant', action: 'unit.lease' },
  async (tx, before, lease, actor) => {
    if (before.status === 'held') return { ok: false, code: 'conflict', field: 'status' };
    // One lease at a time (the database's exclusion constraint says so too; the unit's row is locked, so two
    // leases of one unit are decided one after the other and the second is told which lease it overlaps).
    const overlapping = await overlappingLease(tx, before.unitId, lease);
    if (overlapping) return { ok: false, code: 'overlap', field: 'startsOn', lease: overlapping };
    // A reservation turning into a lease: the deposit's job is done (credited against the rent).
    const [reservation] = await tx
      .select({ id: deposits.id, leadId: deposits.leadId })
      .from(deposits)
      .where(and(eq(deposits.unitId, before.unitId), inArray(deposits.status, ['reserved'])));
    await tx
      .insert(unitLeases)
      .values({ unitId: before.unitId, ...lease, leadId: reservation?.leadId ?? null, createdBy: actor.id });
    if (reservation)
      await tx
        .update(deposits)
        .set({ status: 'credited', creditedAt: new Date(), updatedAt: new Date() })
        .where(eq(deposits.id, reservation.id));
    return {
      set: { status: 'leased', availableFrom: dayAfter(lease.endsOn) },
      before: { status: before.status, availableFrom: before.availableFrom },
      after: { status: 'leased', ...lease },
    };
  },
);

/**
 * Changes a lease's end (a renewal moves it later, an early exit earlier) and whether tenants may see it. When it
 * is the unit's current lease, the unit's "available from" moves with it, so saved searches, requirements and the
 * stacking plan follow at their next look (issue 17: a lease whose end date moves updates every match).
 */
export const changeLease = unitChange(
  { schema: leaseChangeInput, fallbackField: 'endsOn', action: 'unit.lease_change' },
  async (tx, before, { leaseId, endsOn, expiryPublic }) => {
    const [lease] = await tx
      .select()
      .from(unitLeases)
      .where(and(eq(unitLeases.id, leaseId), eq(unitLeases.unitId, before.unitId)))
      .for('update');
    if (!lease) return { ok: false, code: 'not_found' };
    if (endsOn <= lease.startsOn) return { ok: false, code: 'invalid', field: 'endsOn' };
    const overlapping = await overlappingLease(tx, before.unitId, { startsOn: lease.startsOn, endsOn }, leaseId);
    if (overlapping) return { ok: false, code: 'overlap', field: 'startsOn', lease: overlapping };
    await tx.update(unitLeases).set({ endsOn, expiryPublic }).where(eq(unitLeases.id, leaseId));
    const isCurrent = before.status === 'leased' && before.availableFrom === dayAfter(lease.endsOn);
    return {
      set: isCurrent ? { availableFrom: dayAfter(endsOn) } : {},
      before: { tenant: lease.tenant, endsOn: lease.endsOn, expiryPublic: lease.expiryPublic },
      after: { tenant: lease.tenant, endsOn, expiryPublic },
    };
  },
);

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
