/**
 * How many workstations an office fits: usable area divided by an area per person. The three densities are
 * the usual planning figures for Beijing R&D offices (compact 6 ㎡, standard 8 ㎡, spacious 10 ㎡ per person).
 */
const DENSITIES = [
  { density: 'compact', areaPerPerson: 6 },
  { density: 'standard', areaPerPerson: 8 },
  { density: 'spacious', areaPerPerson: 10 },
] as const;

export type Density = (typeof DENSITIES)[number]['density'];

/** Whole workstations at each density (rounded down: a fraction of a desk seats nobody). */
export function headcountEstimates(
  usableArea: number,
): Array<{ density: Density; areaPerPerson: number; workstations: number }> {
  return DENSITIES.map(({ density, areaPerPerson }) => ({
    density,
    areaPerPerson,
    workstations: Math.floor(usableArea / areaPerPerson),
  }));
}
