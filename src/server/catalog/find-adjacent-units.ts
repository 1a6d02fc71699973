/**
 * Which units could be combined with a unit: those on the same floor that share a wall long enough to open.
 */
import { sharedBoundaryLength } from '../../lib/geometry.ts';
import type { Catalog } from './catalog.ts';
import type { Unit } from './schemas.ts';

/** Shortest shared wall, in metres, through which two units can reasonably be joined. */
const MIN_SHARED_WALL_M = 2;

/** Units on the same floor that share at least MIN_SHARED_WALL_M of wall with `unit`. */
export function adjacentUnits(catalog: Catalog, unit: Unit): Unit[] {
  return catalog.units.filter(
    (other) =>
      other.id !== unit.id &&
      other.building === unit.building &&
      other.level === unit.level &&
      sharedBoundaryLength(unit.outline, other.outline) >= MIN_SHARED_WALL_M,
  );
}
