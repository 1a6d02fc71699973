/**
 * Label placement for maps and map pictures: given where each label may go, in order of importance, pick for
 * each the first spot that stays inside the view and clear of the labels already placed and of obstacles
 * (controls, buildings that are not its own); a label with no free spot is hidden rather than drawn over another.
 */

/** An axis-aligned box in screen (or SVG) units; y grows downwards. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A place a label may go, and which of its texts it holds there. */
type Spot = Box & { variant: number };

export interface LabelRequest {
  id: string;
  /** Spots to try, best first; each may carry its own text (a short form when the long one does not fit). */
  candidates: Array<Box & { variant?: number }>;
}

export interface Obstacle {
  box: Box;
  /** The label allowed to overlap this obstacle (a building's own label over the building). */
  ownerId?: string;
}

export interface LabelPlacement {
  id: string;
  /** Null when the label is hidden. */
  box: Box | null;
  variant: number;
}

/**
 * True when two boxes share area, or come within `gap` of each other.
 * @internal Exported for tests/unit/map-geometry.test.ts.
 */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

/** True when `inner` lies wholly within `outer`. */
function boxInside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** Places labels greedily in the order given (most important first); the result keeps that order. */
export function placeLabels(
  labels: readonly LabelRequest[],
  view: Box,
  obstacles: readonly Obstacle[] = [],
  gap = 2,
): LabelPlacement[] {
  const placed: Box[] = [];
  return labels.map((label) => {
    const spot = label.candidates.find(
      (box) =>
        boxInside(box, view) &&
        !placed.some((other) => boxesOverlap(box, other, gap)) &&
        !obstacles.some((o) => o.ownerId !== label.id && boxesOverlap(box, o.box)),
    );
    if (!spot) return { id: label.id, box: null, variant: 0 };
    const box = { x: spot.x, y: spot.y, width: spot.width, height: spot.height };
    placed.push(box);
    return { id: label.id, box, variant: spot.variant ?? 0 };
  });
}

type Side = 'above' | 'below' | 'right' | 'left';

/** Boxes for a label of the given size `gap` outside `area` on each side, in the order given (preference). */
function spotsBeside(
  area: Box,
  sides: readonly Side[],
  width: number,
  height: number,
  gap: number,
  variant: number,
): Spot[] {
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  const corner: Record<Side, readonly [number, number]> = {
    above: [cx - width / 2, area.y - gap - height],
    below: [cx - width / 2, area.y + area.height + gap],
    right: [area.x + area.width + gap, cy - height / 2],
    left: [area.x - gap - width, cy - height / 2],
  };
  return sides.map((side) => ({ x: corner[side][0], y: corner[side][1], width, height, variant }));
}

/** The usual spots around an anchor point for a label of the given size: right, above, left, below. */
export function spotsAroundPoint(x: number, y: number, width: number, height: number, offset = 8, variant = 0): Spot[] {
  const point = { x, y, width: 0, height: 0 };
  return spotsBeside(point, ['right', 'above', 'left', 'below'], width, height, offset, variant);
}

/**
 * Spots for a label that names an area (a building): centred inside it when it fits with a margin, else just
 * above it, below it, then to the right and left.
 */
export function spotsForArea(area: Box, width: number, height: number, variant = 0, margin = 3): Spot[] {
  const inside = {
    x: area.x + (area.width - width) / 2,
    y: area.y + (area.height - height) / 2,
    width,
    height,
    variant,
  };
  const fitsInside = width + 2 * margin <= area.width && height + 2 * margin <= area.height;
  return [
    ...(fitsInside ? [inside] : []),
    ...spotsBeside(area, ['above', 'below', 'right', 'left'], width, height, margin, variant),
  ];
}

/** Rough width of a text in a sans-serif face, for labels measured without a browser (CJK 1 em, Latin about 0.58 em). */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text)
    ems += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(char) ? 1 : /[A-Z&]/.test(char) ? 0.68 : char === ' ' ? 0.3 : 0.56;
  return ems * fontSize;
}
