/**
 * Seeds each catalog unit's commercial state (status, list rent, available-from date) into the database.
 *
 * Idempotent and respectful of staff: a value is updated from the catalog only while it still equals what the
 * previous seed wrote. A value staff changed, or a hold or reservation a deposit made, is never overwritten.
 */
import { sql } from 'drizzle-orm';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { unitStates } from '../db/schema.ts';

export interface SeedResult {
  units: number;
  inserted: number;
}

/** Follows the catalog for one column unless the current value was changed since the last seed. */
function followCatalog(current: string, seeded: string, incoming: string) {
  return sql.raw(
    `case when unit_states.${current} is not distinct from unit_states.${seeded} then excluded.${incoming} else unit_states.${current} end`,
  );
}

/** Inserts missing units and updates untouched values from the catalog, in one statement. */
export async function seedUnitStates(db: Database, catalog: Catalog): Promise<SeedResult> {
  if (catalog.units.length === 0) return { units: 0, inserted: 0 };
  const rows = catalog.units.map((unit) => ({
    unitId: unit.id,
    status: unit.initialStatus,
    listRentPerSqmDay: unit.listRentPerSqmDay,
    availableFrom: unit.availableFrom,
    seededStatus: unit.initialStatus,
    seededListRentPerSqmDay: unit.listRentPerSqmDay,
    seededAvailableFrom: unit.availableFrom,
  }));
  const result = await db
    .insert(unitStates)
    .values(rows)
    .onConflictDoUpdate({
      target: unitStates.unitId,
      set: {
        status: followCatalog('status', 'seeded_status', 'status'),
        listRentPerSqmDay: followCatalog(
          'list_rent_per_sqm_day',
          'seeded_list_rent_per_sqm_day',
          'list_rent_per_sqm_day',
        ),
        availableFrom: followCatalog('available_from', 'seeded_available_from', 'available_from'),
        seededStatus: sql`excluded.seeded_status`,
        seededListRentPerSqmDay: sql`excluded.seeded_list_rent_per_sqm_day`,
        seededAvailableFrom: sql`excluded.seeded_available_from`,
      },
    })
    .returning({ unitId: unitStates.unitId, isInserted: sql<boolean>`(xmax = 0)` });
  return { units: result.length, inserted: result.filter((r) => r.isInserted).length };
}
