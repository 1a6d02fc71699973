/**
 * What the compare page marks in a row: whether the units differ, and which hold the best value (lowest rent,
 * highest clear height, earliest availability...). Pure, for the page and its tests.
 */
export type Better = 'lower' | 'higher';

export interface RowVerdict {
  /** True when at least two units show different values. */
  differs: boolean;
  /** Column indexes holding the best value; empty when the row has no better side or all values tie. */
  best: number[];
}

/**
 * Judges one row: `shown` are the values as displayed (for differences), `ranks` comparable numbers or ISO dates
 * (null where a unit has no value), `better` which end wins.
 */
export function judgeRow(
  shown: readonly string[],
  ranks?: ReadonlyArray<number | string | null>,
  better?: Better,
): RowVerdict {
  const differs = new Set(shown).size > 1;
  if (!differs || !ranks || !better) return { differs, best: [] };
  const present = ranks.filter((r): r is number | string => r !== null);
  if (present.length < 2) return { differs, best: [] };
  const winner = present.reduce((a, b) => ((better === 'lower' ? b < a : b > a) ? b : a));
  const best = ranks.flatMap((r, i) => (r === winner ? [i] : []));
  return { differs, best: best.length === ranks.length ? [] : best };
}
