/**
 * What a unit's page shows: the unit with its live state and its floor's other units, the units it can be
 * combined with, its rent per day/month/year, and its spec table in words.
 */
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatArea, formatNumber, formatUnitName } from '../../lib/format.ts';
import { rentTotals } from '../../lib/money.ts';
import { floorOf, unitsOnFloor, type Catalog } from '../catalog/catalog.ts';
import { adjacentUnits } from '../catalog/find-adjacent-units.ts';
import type { Unit } from '../catalog/schemas.ts';
import type { Database } from '../db/open-database.ts';
import { toListings } from './availability.ts';
import { listUnitStates } from './list-unit-states.ts';
import { activeFirstRefusals } from '../requirements/first-refusals.ts';

/** The icons of the spec table (names of components/Icon.astro). */
type SpecIcon = 'area' | 'ceiling' | 'load' | 'power' | 'fitout' | 'compass' | 'lift';

/** The spec table: an icon, a label and the value, in the page's language. */
function unitSpecs(unit: Unit, lang: Lang): Array<{ icon: SpecIcon; label: string; value: string }> {
  const m = messages(lang);
  return [
    { icon: 'area', label: m.unit.grossArea, value: formatArea(unit.grossArea, lang) },
    ...(unit.usableArea
      ? [
          {
            icon: 'area' as const,
            label: m.unit.usableArea,
            value: `${formatArea(unit.usableArea, lang)} (${m.unit.efficiency} ${formatNumber((unit.usableArea / unit.grossArea) * 100, lang, 0)}%)`,
          },
        ]
      : []),
    { icon: 'ceiling', label: m.unit.ceiling, value: `${formatNumber(unit.ceilingHeightM, lang, 1)} m` },
    { icon: 'load', label: m.unit.floorLoad, value: `${formatNumber(unit.floorLoadKnPerSqm, lang, 1)} kN/㎡` },
    {
      icon: 'power',
      label: m.unit.power,
      value: `${formatNumber(unit.powerKva, lang)} kVA (${formatNumber((unit.powerKva * 1000) / unit.grossArea, lang, 0)} W/㎡)`,
    },
    { icon: 'fitout', label: m.unit.fitOut, value: m.fitOut[unit.fitOut] },
    {
      icon: 'compass',
      label: m.unit.orientation,
      value: unit.orientation.map((c) => m.compass[c]).join(lang === 'zh' ? '、' : ', '),
    },
    { icon: 'lift', label: m.unit.freightLift, value: unit.freightLiftAccess ? m.unit.yes : m.unit.no },
  ];
}

/** The page's view, or undefined (404) for a unit the catalog does not have. */
export async function unitPageView(deps: { db: Database; catalog: Catalog }, unitId: string, lang: Lang) {
  const { db, catalog } = deps;
  const unit = catalog.unitById.get(unitId);
  const building = unit ? catalog.buildingById.get(unit.building) : undefined;
  const floor = unit ? floorOf(catalog, unit) : undefined;
  if (!unit || !building || !floor) return undefined;
  const floorUnits = unitsOnFloor(catalog, unit.building, unit.level);
  const listings = toListings(
    floorUnits,
    await listUnitStates(
      db,
      floorUnits.map((u) => u.id),
    ),
  );
  const listing = listings.find((l) => l.id === unit.id);
  if (!listing) return undefined;
  return {
    unit,
    building,
    floor,
    listing,
    /** Every unit of the floor (for the plan and the floor's list). */
    listings,
    /** Units it can be combined with (sharing a wall). */
    neighbours: adjacentUnits(catalog, unit)
      .map((n) => listings.find((l) => l.id === n.id))
      .filter((l) => l !== undefined),
    /** Available, but a neighbour holds a right of first refusal on it: not reservable online (issue 17). */
    isUnderRight: listing.state.status === 'available' && (await activeFirstRefusals(db)).has(unit.id),
    rent: rentTotals(listing.state.listRentPerSqmDay, listing.grossArea),
    title: formatUnitName(building.name[lang], unit.level, unit.number, lang),
    specs: unitSpecs(unit, lang),
  };
}
