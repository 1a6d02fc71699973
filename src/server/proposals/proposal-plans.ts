/**
 * The floor plans of a proposal: each floor its units are on, the other units drawn faintly and the proposal's
 * units filled and numbered. Shapes in SVG coordinates (north up, as plan-thumbnail.ts draws them), so the
 * proposal page draws them as SVG and the PDF (proposal-pdf.ts) as paths.
 */
import type { Lang } from '../../i18n/lang.ts';
import { formatFloorName } from '../../lib/format.ts';
import { planThumbnail } from '../../lib/plan-thumbnail.ts';
import { floorOf, unitsOnFloor, type Catalog } from '../catalog/catalog.ts';

export interface ProposalPlan {
  name: Record<Lang, string>;
  viewBox: string;
  width: number;
  height: number;
  floor: string;
  features: string[];
  others: string[];
  chosen: Array<{ points: string; label: string; centre: [number, number] }>;
}

export function proposalPlans(catalog: Catalog, unitIds: readonly string[]): ProposalPlan[] {
  const plans = new Map<string, ProposalPlan>();
  for (const id of unitIds) {
    const unit = catalog.unitById.get(id);
    const floor = unit ? floorOf(catalog, unit) : undefined;
    const building = unit ? catalog.buildingById.get(unit.building) : undefined;
    if (!unit || !floor || !building) continue;
    const key = `${unit.building}/${unit.level}`;
    let plan = plans.get(key);
    if (!plan) {
      const base = planThumbnail(
        floor.outline,
        unit.outline,
        floor.features.map((f) => f.outline),
      );
      const [, , width, height] = base.viewBox.split(' ').map(Number) as [number, number, number, number];
      plan = {
        name: {
          zh: formatFloorName(building.name.zh, unit.level, 'zh'),
          en: formatFloorName(building.name.en, unit.level, 'en'),
        },
        viewBox: base.viewBox,
        width,
        height,
        floor: base.floor,
        features: base.features,
        others: unitsOnFloor(catalog, unit.building, unit.level)
          .filter((u) => !unitIds.includes(u.id))
          .map((u) => planThumbnail(floor.outline, u.outline).unit),
        chosen: [],
      };
      plans.set(key, plan);
    }
    const shape = planThumbnail(floor.outline, unit.outline);
    plan.chosen.push({ points: shape.unit, label: unit.number, centre: shape.centre });
  }
  return [...plans.values()];
}
