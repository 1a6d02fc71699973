/**
 * The small campus picture on the home page, drawn on the server: the base drawing, the campus and its
 * buildings projected onto a frame of the given size, with labels placed so that none overlaps another. Pure: the page
 * turns the result into SVG elements.
 */
import type { LatLng } from './geo.ts';
import {
  estimateTextWidth,
  placeLabels,
  spotsAroundPoint,
  spotsForArea,
  type Box,
  type LabelRequest,
} from './map-labels.ts';
import { picturePath, projectToPicture, type PictureFrame } from './map-view.ts';

export interface PictureInput {
  campusOutline: readonly LatLng[];
  buildings: ReadonlyArray<{ id: string; name: string; code: string; footprint: readonly LatLng[]; fill: string }>;
  base: ReadonlyArray<{
    id: string;
    kind: string;
    name?: string;
    shape: 'point' | 'line' | 'area';
    coordinates: readonly LatLng[];
  }>;
  note: string;
}

interface PictureShape {
  kind: string;
  d: string;
  fill?: string;
  /** A building's id and its bounding box (building shapes only). */
  id?: string;
  box?: Box;
}

interface PictureLabel {
  id: string;
  text: string;
  kind: string;
  box: Box;
}

/** The picture's size in its own units and the label text size in the same units. */
export interface PictureSize {
  width: number;
  height: number;
  fontSize: number;
}

export interface CampusPicture {
  width: number;
  height: number;
  fontSize: number;
  shapes: PictureShape[];
  stations: Array<{ x: number; y: number }>;
  labels: PictureLabel[];
}

const PADDING = 44;

/** A frame that holds the campus and the given extra points with some room around them. */
function frameFor(points: readonly LatLng[], { width, height }: PictureSize): PictureFrame {
  const lats = points.map((p) => p[0]);
  const lngs = points.map((p) => p[1]);
  const center: LatLng = [(Math.min(...lats) + Math.max(...lats)) / 2, (Math.min(...lngs) + Math.max(...lngs)) / 2];
  const unit = { center, scale: 1, width: 0, height: 0 };
  const xy = points.map((p) => projectToPicture(unit, p));
  const spanX = Math.max(...xy.map((p) => p[0])) - Math.min(...xy.map((p) => p[0]));
  const spanY = Math.max(...xy.map((p) => p[1])) - Math.min(...xy.map((p) => p[1]));
  const scale = Math.min((width - 2 * PADDING) / spanX, (height - 2 * PADDING) / spanY);
  return { center, scale, width, height };
}

/** Lays out the picture: shapes bottom to top, then labels by importance (buildings first). */
export function drawCampusPicture(input: PictureInput, size: PictureSize): CampusPicture {
  const { width: WIDTH, height: HEIGHT, fontSize: FONT } = size;
  const LABEL_HEIGHT = Math.round(FONT * 1.45);
  const station = input.base.find(
    (f) => f.kind === 'metro-station' && f.shape === 'point' && f.id.startsWith('huaxiang'),
  );
  const frame = frameFor([...input.campusOutline, ...(station ? station.coordinates : [])], size);
  const order = ['green', 'water', 'road', 'ring-road', 'metro-link', 'metro-line'];
  const shapes: PictureShape[] = order.flatMap((kind) =>
    input.base
      .filter((f) => f.kind === kind && f.shape !== 'point')
      .map((f) => ({ kind, d: picturePath(frame, f.coordinates, f.shape === 'area') })),
  );
  shapes.push({ kind: 'campus', d: picturePath(frame, input.campusOutline, true) });
  const buildingBoxes = input.buildings.map((b) => {
    const xy = b.footprint.map((p) => projectToPicture(frame, p));
    const xs = xy.map((p) => p[0]);
    const ys = xy.map((p) => p[1]);
    const box = {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    };
    shapes.push({ kind: 'building', d: picturePath(frame, b.footprint, true), fill: b.fill, id: b.id, box });
    return { id: b.id, box };
  });
  const stations = input.base
    .filter((f) => f.kind === 'metro-station')
    .map((f) => {
      const [x, y] = projectToPicture(frame, f.coordinates[0]!);
      return { x, y };
    });

  const labelSize = (text: string) => ({
    width: Math.ceil(estimateTextWidth(text, FONT) + FONT * 0.7),
    height: LABEL_HEIGHT,
  });
  const requests: Array<LabelRequest & { texts: string[]; kind: string }> = [];
  input.buildings.forEach((b, i) => {
    const texts = [b.name, b.code];
    requests.push({
      id: b.id,
      kind: 'building',
      texts,
      candidates: texts.flatMap((t, v) =>
        spotsForArea(buildingBoxes[i]!.box, labelSize(t).width, labelSize(t).height, v, 4),
      ),
    });
  });
  for (const f of input.base.filter(
    (f) => f.name && (f.kind === 'metro-station' || f.kind === 'ring-road' || f.kind === 'metro-line'),
  )) {
    const points = f.coordinates
      .map((p) => projectToPicture(frame, p))
      .filter(([x, y]) => x > 0 && x < WIDTH && y > 0 && y < HEIGHT);
    // A line is labelled at its visible point nearest the middle of the picture.
    const mid = points.sort(
      (a, b) => Math.hypot(a[0] - WIDTH / 2, a[1] - HEIGHT / 2) - Math.hypot(b[0] - WIDTH / 2, b[1] - HEIGHT / 2),
    )[0];
    if (!mid) continue;
    const { width, height } = labelSize(f.name!);
    requests.push({
      id: f.id,
      kind: f.kind,
      texts: [f.name!],
      candidates: spotsAroundPoint(mid[0], mid[1], width, height, f.shape === 'point' ? FONT * 0.6 : FONT * 0.4),
    });
  }
  const note = labelSize(input.note);
  const noteBox = { x: WIDTH - note.width - 8, y: HEIGHT - note.height - 8, ...note };
  requests.unshift({ id: 'note', kind: 'note', texts: [input.note], candidates: [noteBox] });
  const obstacles = buildingBoxes.map((b) => ({ ownerId: b.id, box: b.box }));
  const placed = placeLabels(requests, { x: 4, y: 4, width: WIDTH - 8, height: HEIGHT - 8 }, obstacles, 4);
  const labels = placed.flatMap((p, i) =>
    p.box ? [{ id: p.id, kind: requests[i]!.kind, text: requests[i]!.texts[p.variant]!, box: p.box }] : [],
  );
  return { width: WIDTH, height: HEIGHT, fontSize: FONT, shapes, stations, labels };
}
