/**
 * Reads what units are doing right now. Pages call this at request time, so status and price are never stale:
 * the states of all units are kept per inventory version (versioned-cache.ts), checked with one tiny query.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { unitStates, type UnitStatus } from '../db/schema.ts';
import { cachedByInventory } from './versioned-cache.ts';

export interface UnitState {
  status: UnitStatus;
  /** Exact decimal string in 元/㎡/天, e.g. "5.20". */
  listRentPerSqmDay: string;
  /** YYYY-MM-DD, Asia/Shanghai. For a leased unit, the day after its lease ends. */
  availableFrom: string;
  /**
   * For a leased unit: whether tenants may be told when it comes free (the lease's `expiry_public`). Always true
   * for other units; false for a leased unit with no lease on record. Use publicAvailableFrom() (availability.ts)
   * for anything a tenant sees.
   */
  expiryPublic: boolean;
}

/** The live state of the given units (or of all units), keyed by unit id. */
export async function listUnitStates(db: Database, unitIds?: readonly string[]): Promise<Map<string, UnitState>> {
  if (unitIds && unitIds.length === 0) return new Map();
  const all = await cachedByInventory(db, 'unit-states', () => readUnitStates(db));
  if (!unitIds) return new Map(all);
  const found = new Map<string, UnitState>();
  for (const id of unitIds) {
    const state = all.get(id);
    if (state) found.set(id, state);
  }
  return found;
}

/**
 * Reads the states from the database, with no cache.
 * The alert sweep (alerts/send-alerts.ts) reads it fresh, and tests/integration/inventory-cache.test.ts.
 */
export async function readUnitStates(db: Database, unitIds?: readonly string[]): Promise<Map<string, UnitState>> {
  if (unitIds && unitIds.length === 0) return new Map();
  const query = db
    .select({
      unitId: unitStates.unitId,
      // A hold whose time is up is available again, even before the sweep has released it.
      status: sql<UnitStatus>`case when ${unitStates.status} = 'held' and ${unitStates.holdExpiresAt} <= now() then 'available'::unit_status else ${unitStates.status} end`,
      listRentPerSqmDay: unitStates.listRentPerSqmDay,
      availableFrom: unitStates.availableFrom,
      // The lease that ends the day before the unit is available again is its current one.
      // A unit leased with no lease on record (the sample catalog's) has no end staff chose to publish.
      expiryPublic: sql<boolean>`case when ${unitStates.status} = 'leased' then coalesce((select l.expiry_public from unit_leases l where l.unit_id = ${unitStates.unitId} and l.ends_on + 1 = ${unitStates.availableFrom} limit 1), false) else true end`,
    })
    .from(unitStates);
  const rows = unitIds ? await query.where(inArray(unitStates.unitId, [...unitIds])) : await query;
  return new Map(rows.map(({ unitId, ...state }) => [unitId, state]));
}
