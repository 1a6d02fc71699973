/**
 * The catalog as the rest of the server uses it: validated records plus the lookups pages need.
 */
import type { Amenity, BaseMap, Building, Floor, Park, Place, Policy, PolicyProfile, Unit } from './schemas.ts';

export interface Catalog {
  park: Park;
  /** Buildings in catalog order (R&D first, then service). */
  buildings: Building[];
  floors: Floor[];
  units: Unit[];
  amenities: Amenity[];
  places: Place[];
  /** Support policies (data/policies.json) and the company profiles they ask about. */
  policies: Policy[];
  policyProfiles: PolicyProfile[];
  /** The schematic offline base drawing under the campus map (coordinates already [lat, lng]). */
  baseMap: BaseMap;
  buildingBySlug: ReadonlyMap<string, Building>;
  buildingById: ReadonlyMap<string, Building>;
  unitById: ReadonlyMap<string, Unit>;
}

/** Builds the lookups over records that have already been validated and cross-checked. */
export function buildCatalog(records: Omit<Catalog, 'buildingBySlug' | 'buildingById' | 'unitById'>): Catalog {
  return {
    ...records,
    buildingBySlug: new Map(records.buildings.map((b) => [b.slug, b])),
    buildingById: new Map(records.buildings.map((b) => [b.id, b])),
    unitById: new Map(records.units.map((u) => [u.id, u])),
  };
}

/** Floors of a building from the top down, the way a directory board lists them. */
export function floorsOf(catalog: Catalog, buildingId: string): Floor[] {
  return catalog.floors.filter((f) => f.building === buildingId).sort((a, b) => b.level - a.level);
}

/** Units on one floor, in their numbering order. */
export function unitsOnFloor(catalog: Catalog, buildingId: string, level: number): Unit[] {
  return catalog.units.filter((u) => u.building === buildingId && u.level === level);
}

/** The floor a unit is on. */
export function floorOf(catalog: Catalog, unit: Pick<Unit, 'building' | 'level'>): Floor | undefined {
  return catalog.floors.find((f) => f.building === unit.building && f.level === unit.level);
}
