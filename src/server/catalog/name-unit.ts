/**
 * A unit as people name it: building, floor and unit number (formatUnitName), not its catalog id.
 */
import type { Lang } from '../../i18n/lang.ts';
import { formatUnitName } from '../../lib/format.ts';
import type { Catalog } from './catalog.ts';

/** The unit's display name in `lang`; the bare id for a unit no longer in the catalog. */
export function unitDisplayName(
  catalog: Pick<Catalog, 'unitById' | 'buildingById'>,
  unitId: string,
  lang: Lang,
): string {
  const unit = catalog.unitById.get(unitId);
  const building = unit ? catalog.buildingById.get(unit.building) : undefined;
  return unit && building ? formatUnitName(building.name[lang], unit.level, unit.number, lang) : unitId;
}
