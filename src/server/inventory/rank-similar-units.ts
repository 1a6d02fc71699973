/**
 * Which units to offer someone who opened a unit they cannot reserve (held, reserved, leased): available units
 * in the same building or of a similar size. Pure ranking over what the caller read, so it is tested on its own.
 */

/** Similar size: from 70 % to 140 % of the unit's gross area (a tenant's need rarely bends further). */
const SIZE_BAND = { min: 0.7, max: 1.4 } as const;

export interface SimilarCandidate {
  id: string;
  building: string;
  level: number;
  grossArea: number;
  status: string;
}

function isInBand(area: number, targetArea: number): boolean {
  return area >= targetArea * SIZE_BAND.min && area <= targetArea * SIZE_BAND.max;
}

/**
 * Available units like `target`, best first: same building and similar size, then similar size elsewhere, then
 * the same building at other sizes; within each, the closest in size (as a ratio), then the nearest floor.
 */
export function rankSimilarUnits<C extends SimilarCandidate>(
  target: Omit<SimilarCandidate, 'status'>,
  candidates: readonly C[],
  limit = 4,
): C[] {
  const group = (c: C) => {
    const sameBuilding = c.building === target.building;
    const inBand = isInBand(c.grossArea, target.grossArea);
    return sameBuilding && inBand ? 0 : inBand ? 1 : sameBuilding ? 2 : 3;
  };
  const sizeGap = (c: C) => Math.abs(Math.log(c.grossArea / target.grossArea));
  return candidates
    .filter((c) => c.id !== target.id && c.status === 'available' && group(c) < 3)
    .map((c) => ({
      c,
      group: group(c),
      gap: sizeGap(c),
      floors: c.building === target.building ? Math.abs(c.level - target.level) : 0,
    }))
    .sort((a, b) => a.group - b.group || a.gap - b.gap || a.floors - b.floors || a.c.id.localeCompare(b.c.id))
    .slice(0, limit)
    .map(({ c }) => c);
}
