/**
 * Which units a saved search is watching for: those that pass its filters (the unit search's own matcher,
 * inventory/search-units.ts) and are available — now, or from a date within the subscriber's horizon (a lease
 * ending whose end is public, a unit coming back). Held and reserved units are someone else's for now and do not
 * match; neither does a unit under another lead's right of first refusal (the caller leaves those out).
 */
import { addDays } from '../../lib/lease-economics.ts';
import type { UnitSearchQuery } from '../../lib/unit-search-query.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { comingFreeOn, type UnitListing } from '../inventory/availability.ts';
import { matchesFilters } from '../inventory/search-units.ts';

export interface AlertMatch {
  unitId: string;
  /** The day it is available from (today or earlier for a unit available now). */
  availableFrom: string;
  listRentPerSqmDay: string;
}

export function unitsMatching(
  catalog: Catalog,
  listings: readonly UnitListing[],
  query: UnitSearchQuery,
  horizonDays: number,
  today: string,
): AlertMatch[] {
  const building = query.building ? catalog.buildingBySlug.get(query.building) : undefined;
  if (query.building && !building) return [];
  const until = addDays(today, horizonDays);
  return listings.flatMap((listing) => {
    const { status } = listing.state;
    const availableFrom = status === 'available' ? listing.state.availableFrom : comingFreeOn(listing.state, today);
    const isFree = status === 'available' || (availableFrom !== undefined && horizonDays > 0);
    if (!isFree || availableFrom === undefined || availableFrom > until) return [];
    if (!matchesFilters(listing, query, building?.id, today)) return [];
    return [{ unitId: listing.id, availableFrom, listRentPerSqmDay: listing.state.listRentPerSqmDay }];
  });
}
