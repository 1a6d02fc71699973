/**
 * Summarises a unit for the browser and the public API (the shape is src/lib/unit-summary.ts): catalog facts,
 * live state and computed rent totals.
 */
import { formatUnitName, todayInBeijing } from '../../lib/format.ts';
import { rentTotals } from '../../lib/money.ts';
import { planThumbnail } from '../../lib/plan-thumbnail.ts';
import type { UnitSummary } from '../../lib/unit-summary.ts';
import { floorOf, type Catalog } from '../catalog/catalog.ts';
import { publicAvailableFrom, type UnitListing } from './availability.ts';

/** The JSON shape of one unit listing. */
export function toUnitSummary(listing: UnitListing, catalog: Catalog): UnitSummary {
  const building = catalog.buildingById.get(listing.building)!;
  const totals = rentTotals(listing.state.listRentPerSqmDay, listing.grossArea);
  const floor = floorOf(catalog, listing);
  return {
    id: listing.id,
    building: { slug: building.slug, code: building.code, name: building.name },
    level: listing.level,
    number: listing.number,
    name: {
      zh: formatUnitName(building.name.zh, listing.level, listing.number, 'zh'),
      en: formatUnitName(building.name.en, listing.level, listing.number, 'en'),
    },
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
    availableFrom: publicAvailableFrom(listing.state, todayInBeijing()),
    listRentPerSqmDay: listing.state.listRentPerSqmDay,
    rentIncludesTax: listing.rentIncludesTax,
    rentIncludesPropertyFee: listing.rentIncludesPropertyFee,
    rentPerMonthFen: Number(totals.perMonth),
    rentPerYearFen: Number(totals.perYear),
    sample: listing.sample,
    plan: floor
      ? planThumbnail(
          floor.outline,
          listing.outline,
          floor.features.map((f) => f.outline),
        )
      : null,
  };
}
