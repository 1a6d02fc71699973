/**
 * Areas in square metres with two decimals. Sums are done in integer hundredths of a square metre so that
 * 1,875.00 + 1,875.00 + … is exact, never a binary-float approximation.
 */

/** Square metres → integer hundredths of a square metre. */
export function toCentiSquareMetres(squareMetres: number): number {
  return Math.round(squareMetres * 100);
}

/** Integer hundredths of a square metre → a plain decimal string such as "1875.5". */
export function formatCentiSquareMetres(centi: number): string {
  return (centi / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** Sum of areas, exact to the hundredth. */
export function sumAreas(areas: readonly number[]): number {
  return areas.reduce((total, a) => total + toCentiSquareMetres(a), 0) / 100;
}
