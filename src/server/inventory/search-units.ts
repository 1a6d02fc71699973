/**
 * Unit search: filters, sorts and pages the catalog's units by their live state.
 */
import type { UnitSearchQuery } from '../../lib/unit-search-query.ts';
import { PAGE_SIZE } from '../../lib/unit-search-params.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { todayInBeijing } from '../../lib/format.ts';
import { comingFreeOn, compareRent, publicAvailableFrom, toListings, type UnitListing } from './availability.ts';
import { listUnitStates } from './list-unit-states.ts';
import { cachedByInventory } from './versioned-cache.ts';

export interface UnitSearchResult {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  units: UnitListing[];
  /** Set when the building parameter names no building. */
  unknownBuilding?: boolean;
}

/**
 * The status filter "available" admits units available now and, when the search asks for a move-in date, leased
 * units whose public lease end frees them by then (issue 17: "available by" counts expiring leases).
 */
function matches(listing: UnitListing, q: UnitSearchQuery, buildingId: string | undefined, today: string): boolean {
  const { state } = listing;
  const isOffered = state.status === 'available' || (q.availableBy !== undefined && comingFreeOn(state, today));
  if (q.status === 'available' && !isOffered) return false;
  return matchesFilters(listing, q, buildingId, today);
}

/**
 * Whether a unit passes a search's filters, whatever it is doing (the status filter aside): saved searches
 * (alerts/match-saved-searches.ts) and lead requirements (requirements/) use it for units coming free too. The
 * move-in date is compared with the date tenants may see (publicAvailableFrom): a private lease end matches none.
 */
export function matchesFilters(
  listing: UnitListing,
  q: UnitSearchQuery,
  buildingId: string | undefined,
  today: string,
): boolean {
  const { state } = listing;
  if (buildingId && listing.building !== buildingId) return false;
  if (q.minFloor !== undefined && listing.level < q.minFloor) return false;
  if (q.maxFloor !== undefined && listing.level > q.maxFloor) return false;
  if (q.minArea !== undefined && listing.grossArea < q.minArea) return false;
  if (q.maxArea !== undefined && listing.grossArea > q.maxArea) return false;
  if (q.minRent !== undefined && compareRent(state.listRentPerSqmDay, q.minRent) < 0) return false;
  if (q.maxRent !== undefined && compareRent(state.listRentPerSqmDay, q.maxRent) > 0) return false;
  if (q.fitOut?.length && !q.fitOut.includes(listing.fitOut)) return false;
  if (q.availableBy !== undefined) {
    const from = publicAvailableFrom(state, today);
    if (from === null || from > q.availableBy) return false;
  }
  if (q.minLoad !== undefined && listing.floorLoadKnPerSqm < q.minLoad) return false;
  if (q.minCeiling !== undefined && listing.ceilingHeightM < q.minCeiling) return false;
  if (q.minPower !== undefined && listing.powerKva < q.minPower) return false;
  return true;
}

const comparators: Record<UnitSearchQuery['sort'], (a: UnitListing, b: UnitListing) => number> = {
  'rent-asc': (a, b) => compareRent(a.state.listRentPerSqmDay, b.state.listRentPerSqmDay) || a.grossArea - b.grossArea,
  'rent-desc': (a, b) => compareRent(b.state.listRentPerSqmDay, a.state.listRentPerSqmDay) || a.grossArea - b.grossArea,
  'area-asc': (a, b) => a.grossArea - b.grossArea,
  'area-desc': (a, b) => b.grossArea - a.grossArea,
  'floor-asc': (a, b) => a.level - b.level,
  'floor-desc': (a, b) => b.level - a.level,
};

/** Filters, sorts (ties broken by unit id, so pages are stable) and pages listings. */
function filterUnits(
  listings: readonly UnitListing[],
  catalog: Catalog,
  query: UnitSearchQuery,
  today: string,
): UnitSearchResult {
  const building = query.building ? catalog.buildingBySlug.get(query.building) : undefined;
  const found = listings.filter((l) => matches(l, query, building?.id, today));
  const compare = comparators[query.sort];
  found.sort((a, b) => compare(a, b) || a.id.localeCompare(b.id));
  const pageCount = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return {
    total: found.length,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    units: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    ...(query.building && !building ? { unknownBuilding: true } : {}),
  };
}

/** Searches the units by their state in the database right now; results are kept per inventory version. */
export async function searchUnits(db: Database, catalog: Catalog, query: UnitSearchQuery): Promise<UnitSearchResult> {
  // Keyed by the day too: a lease end comes within the year as days pass, with no inventory change.
  const today = todayInBeijing();
  return cachedByInventory(db, `search:${today}:${JSON.stringify(query)}`, async () => {
    const states = await listUnitStates(db);
    return filterUnits(toListings(catalog.units, states), catalog, query, today);
  });
}
