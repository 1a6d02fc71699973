import { describe, expect, it } from 'vitest';
import { judgeRow } from '../../src/lib/compare-verdict.ts';

describe('judgeRow', () => {
  it('marks the lowest rent as best and the row as differing', () => {
    expect(judgeRow(['4.35', '3.90', '4.10'], [4.35, 3.9, 4.1], 'lower')).toEqual({ differs: true, best: [1] });
  });
  it('marks every unit that shares the highest value', () => {
    expect(judgeRow(['5 m', '5 m', '3.6 m'], [5, 5, 3.6], 'higher')).toEqual({ differs: true, best: [0, 1] });
  });
  it('marks nothing when all units show the same value', () => {
    expect(judgeRow(['10 kN', '10 kN'], [10, 10], 'higher')).toEqual({ differs: false, best: [] });
  });
  it('compares ISO dates, earliest first, and ignores units without a value', () => {
    expect(judgeRow(['now', '2027-03-01', '—'], ['2026-12-01', '2027-03-01', null], 'lower')).toEqual({
      differs: true,
      best: [0],
    });
  });
  it('reports differences in rows without a better side', () => {
    expect(judgeRow(['South', 'North'])).toEqual({ differs: true, best: [] });
  });
});
