/**
 * Every unit as something a person can pick or type: display names in both languages and the short names in use
 * ("R2-102", "科研2号楼102"). For the contact form's unit picker and the server's reading of typed units.
 */
import { formatUnitName } from '../../lib/format.ts';
import type { UnitChoice } from '../../lib/unit-ref.ts';
import type { Catalog } from './catalog.ts';

const cache = new WeakMap<object, UnitChoice[]>();

/** The catalog's units as choices, in catalog order (computed once per catalog). */
export function unitChoices(catalog: Pick<Catalog, 'units' | 'buildingById'>): UnitChoice[] {
  const cached = cache.get(catalog.units);
  if (cached) return cached;
  const choices = catalog.units.map((unit) => {
    const building = catalog.buildingById.get(unit.building)!;
    return {
      id: unit.id,
      zh: formatUnitName(building.name.zh, unit.level, unit.number, 'zh'),
      en: formatUnitName(building.name.en, unit.level, unit.number, 'en'),
      aliases: [
        `${building.code}-${unit.number}`,
        `${building.code}${unit.number}`,
        `${building.name.zh}${unit.number}`,
      ],
    };
  });
  cache.set(catalog.units, choices);
  return choices;
}
