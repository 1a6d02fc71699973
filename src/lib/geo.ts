/**
 * Geographic helpers on WGS-84 [lat, lng] pairs.
 */
export type LatLng = readonly [number, number];

const EARTH_RADIUS_M = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b[0] - a[0]);
  const dLng = toRadians(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a[0])) * Math.cos(toRadians(b[0])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Shortest distance in metres from a point to a polyline (a road), measured on a local flat projection. */
export function distanceToPolylineMetres(point: LatLng, line: readonly LatLng[]): number {
  if (line.length === 1) return distanceMetres(point, line[0]!);
  const metresPerDegLat = 111_320;
  const metresPerDegLng = 111_320 * Math.cos(toRadians(point[0]));
  const project = (p: LatLng) => [(p[1] - point[1]) * metresPerDegLng, (p[0] - point[0]) * metresPerDegLat] as const;
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = project(line[i]!);
    const [bx, by] = project(line[i + 1]!);
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}
