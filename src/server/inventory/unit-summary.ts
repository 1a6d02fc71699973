/**
 * A unit as JSON for the browser and the public API: catalog facts, live state and computed rent totals.
 */
import { rentTotals } from '../../lib/money.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { UnitListing } from './availability.ts';

export interface UnitSummary {
  id: string;
  building: { slug: string; code: string; name: { zh: string; en: string } };
  level: number;
  number: string;
  kind: string;
  grossArea: number;
  usableArea: number | null;
  ceilingHeightM: number;
  floorLoadKnPerSqm: number;
  powerKva: number;
  fitOut: string;
  orientation: string[];
  freightLiftAccess: boolean;
  status: string;
  availableFrom: string;
  listRentPerSqmDay: string;
  rentIncludesTax: boolean;
  rentIncludesPropertyFee: boolean;
  /** Whole-unit rent in fen (integers), computed exactly from the rate and the gross area. */
  rentPerMonthFen: number;
  rentPerYearFen: number;
  sample: boolean;
}

/** The JSON shape of one unit listing. */
export function toUnitSummary(listing: UnitListing, catalog: Catalog): UnitSummary {
  const building = catalog.buildingById.get(listing.building)!;
  const totals = rentTotals(listing.state.listRentPerSqmDay, listing.grossArea);
  return {
    id: listing.id,
    building: { slug: building.slug, code: building.code, name: building.name },
    level: listing.level,
    number: listing.number,
    kind: listing.kind,
    grossArea: listing.grossArea,
    usableArea: listing.usableArea ?? null,
    ceilingHeightM: listing.ceilingHeightM,
    floorLoadKnPerSqm: listing.floorLoadKnPerSqm,
    powerKva: listing.powerKva,
    fitOut: listing.fitOut,
    orientation: listing.orientation,
    freightLiftAccess: listing.freightLiftAccess,
    status: listing.state.status,
    availableFrom: listing.state.availableFrom,
    listRentPerSqmDay: listing.state.listRentPerSqmDay,
    rentIncludesTax: listing.rentIncludesTax,
    rentIncludesPropertyFee: listing.rentIncludesPropertyFee,
    rentPerMonthFen: Number(totals.perMonth),
    rentPerYearFen: Number(totals.perYear),
    sample: listing.sample,
  };
}
