/**
 * Availability figures from the catalog and the live unit states: pure functions, no I/O.
 */
import { sumAreas } from '../../lib/area.ts';
import { addDays } from '../../lib/lease-economics.ts';
import { floorsOf, type Catalog } from '../catalog/catalog.ts';
import type { Floor, Unit } from '../catalog/schemas.ts';
import type { UnitState } from './list-unit-states.ts';

/** A catalog unit together with what it is doing now. */
export type UnitListing = Unit & { state: UnitState };

export interface FloorAvailability {
  floor: Floor;
  units: UnitListing[];
  leasableArea: number;
  availableArea: number;
  availableUnits: number;
}

export interface BuildingAvailability {
  leasableArea: number;
  availableArea: number;
  leasedArea: number;
  unitCount: number;
  availableUnits: number;
  /** Lowest asking rent among available units, as an exact decimal string. */
  lowestRent: string | undefined;
  floors: FloorAvailability[];
}

/** Joins catalog units with their states; a unit the database does not know yet counts as unavailable. */
export function toListings(units: readonly Unit[], states: ReadonlyMap<string, UnitState>): UnitListing[] {
  return units.map((unit) => ({
    ...unit,
    state: states.get(unit.id) ?? {
      status: 'unavailable',
      listRentPerSqmDay: unit.listRentPerSqmDay,
      availableFrom: unit.availableFrom,
      expiryPublic: true,
    },
  }));
}

/** How far ahead a lease's end is told to tenants as "expected available from" (issue 17). */
export const COMING_FREE_DAYS = 365;

/**
 * The day a leased unit is expected to come free, as tenants may be told: only when staff left its lease's expiry
 * public and it ends within COMING_FREE_DAYS; undefined otherwise (and for units not leased). A lease already over
 * but not yet marked free by staff counts from today.
 */
export function comingFreeOn(state: UnitState, today: string): string | undefined {
  if (state.status !== 'leased' || !state.expiryPublic) return undefined;
  if (state.availableFrom > addDays(today, COMING_FREE_DAYS)) return undefined;
  return state.availableFrom > today ? state.availableFrom : today;
}

/**
 * The "available from" date a tenant may see: a leased unit's only when it is coming free (comingFreeOn), null
 * otherwise; every other unit's stored date. Pages, the API, JSON-LD, the feeds and the search use this.
 */
export function publicAvailableFrom(state: UnitState, today: string): string | null {
  return state.status === 'leased' ? (comingFreeOn(state, today) ?? null) : state.availableFrom;
}

export function isAvailable(listing: UnitListing): boolean {
  return listing.state.status === 'available';
}

/** Compares exact decimal rent strings. */
export function compareRent(a: string, b: string): number {
  const [aw = '0', af = ''] = a.split('.');
  const [bw = '0', bf = ''] = b.split('.');
  const scale = Math.max(af.length, bf.length);
  const diff = BigInt(aw + af.padEnd(scale, '0')) - BigInt(bw + bf.padEnd(scale, '0'));
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

function lowestRent(listings: readonly UnitListing[]): string | undefined {
  return listings
    .filter(isAvailable)
    .map((l) => l.state.listRentPerSqmDay)
    .sort(compareRent)[0];
}

/** Available and leased area of one building, floor by floor from the top. */
export function buildingAvailability(
  catalog: Catalog,
  buildingId: string,
  states: ReadonlyMap<string, UnitState>,
): BuildingAvailability {
  const listings = toListings(
    catalog.units.filter((u) => u.building === buildingId),
    states,
  );
  const floors = floorsOf(catalog, buildingId).map((floor) => {
    const units = listings.filter((u) => u.level === floor.level);
    const available = units.filter(isAvailable);
    return {
      floor,
      units,
      leasableArea: sumAreas(units.map((u) => u.grossArea)),
      availableArea: sumAreas(available.map((u) => u.grossArea)),
      availableUnits: available.length,
    };
  });
  return {
    leasableArea: sumAreas(listings.map((u) => u.grossArea)),
    availableArea: sumAreas(listings.filter(isAvailable).map((u) => u.grossArea)),
    leasedArea: sumAreas(listings.filter((u) => u.state.status === 'leased').map((u) => u.grossArea)),
    unitCount: listings.length,
    availableUnits: listings.filter(isAvailable).length,
    lowestRent: lowestRent(listings),
    floors,
  };
}

/** Availability of the whole park. */
export function parkAvailability(catalog: Catalog, states: ReadonlyMap<string, UnitState>) {
  const listings = toListings(catalog.units, states);
  return {
    availableArea: sumAreas(listings.filter(isAvailable).map((u) => u.grossArea)),
    availableUnits: listings.filter(isAvailable).length,
    lowestRent: lowestRent(listings),
  };
}
