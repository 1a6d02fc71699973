/**
 * Scale bars for floor plans drawn in metres. A bar shows a round length (1, 2, 5, 10, 20, 50… m) as long as fits
 * in the room given, so a reader can measure a unit by eye at any zoom.
 */

import { boundingBox, type Ring } from './geometry.ts';

/** The lengths a scale bar may show, in metres: 1–2–5 steps as on printed plans. */
const ROUND_METRES = [1, 2, 5, 10, 20, 50, 100, 200, 500];

export interface ScaleBar {
  /** The length the bar stands for, in metres. */
  metres: number;
  /** How long to draw it, in the drawing's units (screen pixels for a map, metres for an SVG plan). */
  length: number;
}

/**
 * The longest round length whose bar fits in `maxLength` drawing units at `unitsPerMetre`, or the shortest one
 * when even that does not fit (a bar longer than wished beats no bar).
 */
export function chooseScaleBar(unitsPerMetre: number, maxLength: number): ScaleBar {
  if (!(unitsPerMetre > 0) || !Number.isFinite(unitsPerMetre))
    throw new RangeError(`Invalid plan scale: ${unitsPerMetre} units per metre`);
  if (!(maxLength > 0)) throw new RangeError(`Invalid scale bar room: ${maxLength}`);
  const fitting = ROUND_METRES.filter((m) => m * unitsPerMetre <= maxLength);
  const metres = fitting.at(-1) ?? ROUND_METRES[0]!;
  return { metres, length: metres * unitsPerMetre };
}

/** Screen pixels per plan metre of a Leaflet `CRS.Simple` map at `zoom` (one plan unit is 2^zoom pixels). */
export function simplePixelsPerMetre(zoom: number): number {
  return 2 ** zoom;
}

/**
 * Width over height of the box a floor plan is shown in: the plan's own proportions, a little taller for the fit's
 * padding, between 1 and 2.5. The live plan and its server-drawn stand-in share it, so nothing moves on hydration.
 */
export function planBoxAspect(outline: Ring): number {
  const [minX, minY, maxX, maxY] = boundingBox(outline);
  return Math.min(2.5, Math.max(1, (maxX - minX) / ((maxY - minY) * 1.08)));
}
