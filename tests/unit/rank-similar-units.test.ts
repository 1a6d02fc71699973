import { describe, expect, it } from 'vitest';
import { rankSimilarUnits, type SimilarCandidate } from '../../src/server/inventory/rank-similar-units.ts';

const target = { id: 'r2-0601', building: 'r2', level: 6, grossArea: 500 };
const unit = (
  id: string,
  building: string,
  level: number,
  grossArea: number,
  status = 'available',
): SimilarCandidate => ({ id, building, level, grossArea, status });

describe('similar units for a unit that cannot be reserved', () => {
  it('offers only available units, never the unit itself', () => {
    const ranked = rankSimilarUnits(target, [
      unit('r2-0601', 'r2', 6, 500),
      unit('r2-0602', 'r2', 6, 480, 'held'),
      unit('r2-0603', 'r2', 6, 510, 'reserved'),
      unit('r2-0604', 'r2', 6, 520, 'leased'),
      unit('r2-0605', 'r2', 6, 490),
    ]);
    expect(ranked.map((u) => u.id)).toEqual(['r2-0605']);
  });

  it('puts the same building at a similar size first, then a similar size elsewhere, then the same building at other sizes', () => {
    const ranked = rankSimilarUnits(target, [
      unit('r2-0901', 'r2', 9, 1200),
      unit('r1-0501', 'r1', 5, 505),
      unit('r2-0301', 'r2', 3, 560),
    ]);
    expect(ranked.map((u) => u.id)).toEqual(['r2-0301', 'r1-0501', 'r2-0901']);
  });

  it('leaves out units in other buildings outside the size band', () => {
    expect(
      rankSimilarUnits(target, [
        unit('r1-0101', 'r1', 1, 200),
        unit('r3-0101', 'r3', 1, 1500),
        unit('r1-0102', 'r1', 1, 350),
        unit('r1-0103', 'r1', 1, 700),
      ]).map((u) => u.id),
    ).toEqual(['r1-0103', 'r1-0102']);
  });

  it('ranks the closest size first (as a ratio), then the nearest floor, and keeps to the limit', () => {
    const ranked = rankSimilarUnits(
      target,
      [
        unit('r2-1001', 'r2', 10, 500),
        unit('r2-0701', 'r2', 7, 500),
        unit('r2-0501', 'r2', 5, 450),
        unit('r2-0801', 'r2', 8, 550),
        unit('r2-0401', 'r2', 4, 600),
      ],
      3,
    );
    expect(ranked.map((u) => u.id)).toEqual(['r2-0701', 'r2-1001', 'r2-0801']);
  });

  it('offers nothing when nothing fits', () => {
    expect(rankSimilarUnits(target, [])).toEqual([]);
  });
});
