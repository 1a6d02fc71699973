/**
 * Which units a saved search is watching for: those that pass its filters (the unit search's own matcher,
 * inventory/search-units.ts) and are available — now, or from a date within the subscriber's horizon (a lease
 * ending, a unit coming back). Held and reserved units are someone else's for now and do not match.
 */
import { addDays } from '../../lib/lease-economics.ts';
import type { UnitSearchQuery } from '../../lib/unit-search-query.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { UnitListing } from '../inventory/availability.ts';
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
  return listings
    .filter((listing) => {
      const { status, availableFrom } = listing.state;
      const isFree = status === 'available' || (status === 'leased' && horizonDays > 0);
      return isFree && availableFrom <= until && matchesFilters(listing, query, building?.id);
    })
    .map((listing) => ({
      unitId: listing.id,
      availableFrom: listing.state.availableFrom,
      listRentPerSqmDay: listing.state.listRentPerSqmDay,
    }));
}
