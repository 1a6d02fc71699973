/**
 * What the reservation page says about a unit that cannot be reserved: until when it is held (read fresh, not
 * from the cache: the minute matters) and which similar units can be reserved instead.
 */
import { eq } from 'drizzle-orm';
import type { Unit } from '../catalog/schemas.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { unitStates } from '../db/schema.ts';
import { listUnitStates, type UnitState } from './list-unit-states.ts';
import { rankSimilarUnits } from './rank-similar-units.ts';

export interface UnitAlternatives {
  /** When the hold on the unit ends, if it is held. */
  heldUntil: Date | undefined;
  similar: Array<{ unit: Unit; state: UnitState }>;
}

/** The hold's end and up to `limit` similar available units for `unit`. */
export async function findUnitAlternatives(
  db: Database,
  catalog: Catalog,
  unit: Unit,
  limit = 4,
): Promise<UnitAlternatives> {
  const [hold] = await db
    .select({ status: unitStates.status, until: unitStates.holdExpiresAt })
    .from(unitStates)
    .where(eq(unitStates.unitId, unit.id));
  const states = await listUnitStates(db);
  const candidates = catalog.units.flatMap((u) => {
    const state = states.get(u.id);
    return state
      ? [
          {
            id: u.id,
            building: u.building,
            level: u.level,
            grossArea: u.grossArea,
            status: state.status,
            unit: u,
            state,
          },
        ]
      : [];
  });
  const similar = rankSimilarUnits(unit, candidates, limit).map(({ unit: u, state }) => ({ unit: u, state }));
  return { heldUntil: hold?.status === 'held' && hold.until ? hold.until : undefined, similar };
}
