/**
 * The shapes of a plan thumbnail: a floor's outline with one unit (and the floor's cores) in SVG coordinates.
 * Pure, so the server-rendered UnitThumbnail.astro and the search island draw the same picture.
 */
import { boundingBox, polygonCentroid, type Ring } from './geometry.ts';

export interface PlanThumbnail {
  viewBox: string;
  floor: string;
  unit: string;
  features: string[];
  /** Where a label for the unit sits (its centroid), in the same coordinates. */
  centre: [number, number];
}

const PAD = 1.5;

/** SVG `points` strings for a floor outline, a unit outline and the floor's features (y flipped: north up). */
export function planThumbnail(floorOutline: Ring, unitOutline: Ring, features: readonly Ring[] = []): PlanThumbnail {
  const [minX, minY, maxX, maxY] = boundingBox(floorOutline);
  const [cx, cy] = polygonCentroid(unitOutline);
  const points = (ring: Ring) => ring.map(([x, y]) => `${round(x - minX)},${round(maxY - y)}`).join(' ');
  return {
    viewBox: `${-PAD} ${-PAD} ${round(maxX - minX + PAD * 2)} ${round(maxY - minY + PAD * 2)}`,
    floor: points(floorOutline),
    unit: points(unitOutline),
    features: features.map(points),
    centre: [Number(round(cx - minX)), Number(round(maxY - cy))],
  };
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
