/**
 * View maths for the campus map: how far to zoom so that every building is a comfortable tap target, and a
 * flat projection of [lat, lng] onto a picture for the server-drawn map.
 */
import type { LatLng } from './geo.ts';

/** The smallest comfortable touch target (WCAG 2.5.5, Apple and Material guidance): 44 CSS px. */
export const MIN_TARGET_PX = 44;

/**
 * The zoom at which the smallest target, `smallestPx` wide at `zoom`, reaches `targetPx` (web maps double in
 * size per zoom level), rounded up to the map's zoom step; never less than `zoom`.
 */
export function zoomForMinTarget(zoom: number, smallestPx: number, targetPx = MIN_TARGET_PX, snap = 0.25): number {
  if (!(smallestPx > 0)) throw new RangeError(`Invalid target size: ${smallestPx}`);
  if (smallestPx >= targetPx) return zoom;
  const needed = zoom + Math.log2(targetPx / smallestPx);
  return snap > 0 ? Math.ceil(needed / snap - 1e-9) * snap : needed;
}

/** Fill colour for a building by its available share (the map legend's three tones). */
export function availabilityColor(share: number | null): string {
  if (share === null || share === 0) return '#94a3b8';
  return share < 0.4 ? '#a7dcc3' : '#1f9d6b';
}

export interface PictureFrame {
  /** The [lat, lng] shown at the middle of the picture. */
  center: LatLng;
  /** Picture units per metre. */
  scale: number;
  width: number;
  height: number;
}

const METRES_PER_DEGREE_LAT = 111_320;

/** Projects [lat, lng] onto a picture (x right, y down) on a local flat projection around the frame's centre. */
export function projectToPicture(frame: PictureFrame, [lat, lng]: LatLng): [number, number] {
  const metresPerDegreeLng = METRES_PER_DEGREE_LAT * Math.cos((frame.center[0] * Math.PI) / 180);
  const x = frame.width / 2 + (lng - frame.center[1]) * metresPerDegreeLng * frame.scale;
  const y = frame.height / 2 - (lat - frame.center[0]) * METRES_PER_DEGREE_LAT * frame.scale;
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
}

/** An SVG path (`M … L … Z`) through projected points; closed for areas. */
export function picturePath(frame: PictureFrame, points: readonly LatLng[], isClosed: boolean): string {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${projectToPicture(frame, p).join(' ')}`).join(' ');
  return isClosed ? `${d} Z` : d;
}
