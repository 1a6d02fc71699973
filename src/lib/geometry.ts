/**
 * Plane geometry for floor plans. Points are [x, y] in metres on a floor's own plan
 * (x grows east, y grows north); polygons are simple rings without a repeated last point.
 */
export type Point = readonly [number, number];
export type Ring = readonly Point[];

const EPSILON = 1e-9;

/** Area of a simple polygon (shoelace formula), always positive. */
export function polygonArea(ring: Ring): number {
  let twiceArea = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    twiceArea += x1 * y2 - x2 * y1;
  }
  return Math.abs(twiceArea) / 2;
}

/** Axis-aligned bounding box as [minX, minY, maxX, maxY]. */
export function boundingBox(ring: Ring): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Centre of mass of a polygon's area; used to place labels. */
export function polygonCentroid(ring: Ring): Point {
  let cx = 0;
  let cy = 0;
  let twiceArea = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    const cross = x1 * y2 - x2 * y1;
    twiceArea += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  if (Math.abs(twiceArea) < EPSILON) return ring[0] ?? [0, 0];
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

function isOnSegment(p: Point, a: Point, b: Point): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  if (Math.abs(cross) > 1e-7) return false;
  return (
    p[0] >= Math.min(a[0], b[0]) - EPSILON &&
    p[0] <= Math.max(a[0], b[0]) + EPSILON &&
    p[1] >= Math.min(a[1], b[1]) - EPSILON &&
    p[1] <= Math.max(a[1], b[1]) + EPSILON
  );
}

/**
 * Where a point lies relative to a polygon: strictly inside, on its boundary, or outside.
 * @internal Exported for tests/unit/geometry.test.ts.
 */
export function locatePoint(p: Point, ring: Ring): 'inside' | 'boundary' | 'outside' {
  let isInside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (isOnSegment(p, a, b)) return 'boundary';
    const crosses = a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0];
    if (crosses) isInside = !isInside;
  }
  return isInside ? 'inside' : 'outside';
}

function orientation(a: Point, b: Point, c: Point): number {
  const value = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  if (Math.abs(value) < EPSILON) return 0;
  return value > 0 ? 1 : -1;
}

/** True when two segments cross at a single point inside both (touching ends or overlapping collinearly do not count). */
function segmentsCrossProperly(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

function edges(ring: Ring): Array<[Point, Point]> {
  return ring.map((p, i) => [p, ring[(i + 1) % ring.length]!]);
}

function midpoints(ring: Ring): Point[] {
  return edges(ring).map(([a, b]) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as const);
}

/** True when every point of `inner` lies inside or on the boundary of `outer`. */
export function isPolygonInside(inner: Ring, outer: Ring): boolean {
  if (inner.some((p) => locatePoint(p, outer) === 'outside')) return false;
  if (midpoints(inner).some((p) => locatePoint(p, outer) === 'outside')) return false;
  return !edges(inner).some(([a, b]) => edges(outer).some(([c, d]) => segmentsCrossProperly(a, b, c, d)));
}

/**
 * True when two polygons share some area (sharing only an edge or a corner is not overlap).
 * Exact for the rectilinear outlines floor plans use; a good approximation for others.
 */
export function polygonsOverlap(a: Ring, b: Ring): boolean {
  const [aMinX, aMinY, aMaxX, aMaxY] = boundingBox(a);
  const [bMinX, bMinY, bMaxX, bMaxY] = boundingBox(b);
  if (aMaxX <= bMinX + EPSILON || bMaxX <= aMinX + EPSILON) return false;
  if (aMaxY <= bMinY + EPSILON || bMaxY <= aMinY + EPSILON) return false;
  if (edges(a).some(([p, q]) => edges(b).some(([r, s]) => segmentsCrossProperly(p, q, r, s)))) return true;
  const probes = (ring: Ring) => [...ring, ...midpoints(ring), polygonCentroid(ring)];
  if (probes(a).some((p) => locatePoint(p, b) === 'inside')) return true;
  if (probes(b).some((p) => locatePoint(p, a) === 'inside')) return true;
  // Identical or edge-aligned rings: every probe sits on the other's boundary.
  return locatePoint(polygonCentroid(a), b) !== 'outside' && locatePoint(polygonCentroid(b), a) !== 'outside';
}

/** Length of boundary two polygons share (collinear, overlapping edges): a wall a door could open in. */
export function sharedBoundaryLength(a: Ring, b: Ring): number {
  let total = 0;
  for (const [p, q] of edges(a)) {
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    for (const [r, s] of edges(b)) {
      if (orientation(p, q, r) !== 0 || orientation(p, q, s) !== 0) continue;
      const along = (point: Point) => ((point[0] - p[0]) * dx + (point[1] - p[1]) * dy) / length;
      const [b0, b1] = [along(r), along(s)].sort((x, y) => x - y) as [number, number];
      total += Math.max(0, Math.min(length, b1) - Math.max(0, b0));
    }
  }
  return total;
}
