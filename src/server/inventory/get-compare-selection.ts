/**
 * The units on the compare page, from its `units` parameter (comma-separated or repeated, at most four).
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { toListings, type UnitListing } from './availability.ts';
import { listUnitStates } from './list-unit-states.ts';

const MAX_COMPARED_UNITS = 4;

export interface CompareSelection {
  units: UnitListing[];
  /** Ids asked for that name no unit (shown back to the visitor, trimmed to a safe length). */
  unknownIds: string[];
  /** True when more than four were asked for. */
  isTruncated: boolean;
}

/** Reads the selection from URL parameters and the live state of its units; duplicates count once. */
export async function getCompareSelection(
  db: Database,
  catalog: Catalog,
  params: URLSearchParams,
): Promise<CompareSelection> {
  const asked = [
    ...new Set(
      params
        .getAll('units')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const known = asked.filter((id) => catalog.unitById.has(id));
  const unknownIds = asked
    .filter((id) => !catalog.unitById.has(id))
    .slice(0, 10)
    .map((id) => id.slice(0, 40));
  const ids = known.slice(0, MAX_COMPARED_UNITS);
  const states = await listUnitStates(db, ids);
  return {
    units: toListings(
      ids.map((id) => catalog.unitById.get(id)!),
      states,
    ),
    unknownIds,
    isTruncated: known.length > MAX_COMPARED_UNITS,
  };
}
