/**
 * Map labels as plain HTML over the map, placed after every move by `placeLabels`: in order of importance,
 * each label takes the first free spot around what it names, or is hidden, so no two labels ever overlap.
 */
import type L from 'leaflet';
import {
  placeLabels,
  spotsAroundPoint,
  spotsForArea,
  type Box,
  type LabelRequest,
  type Obstacle,
} from '../lib/map-labels.ts';

type LatLng = [number, number];

export interface MapLabel {
  id: string;
  /** Texts to try, longest first (a building's name, then its code). */
  texts: string[];
  /** CSS class for the look (`map-label-building`, `map-label-place`, …). */
  className: string;
  /** What the label names: an area (a building's footprint), a point, or a line. */
  target: { area: LatLng[] } | { point: LatLng } | { line: LatLng[] };
  /** The label is shown only while this returns true (its layer is switched on). */
  isActive?: () => boolean;
}

const EDGE = 4;

/** Screen box of a set of positions. */
function screenBox(map: L.Map, points: readonly LatLng[]): Box {
  const xy = points.map((p) => map.latLngToContainerPoint(p));
  const xs = xy.map((p) => p.x);
  const ys = xy.map((p) => p.y);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

/** Points of a line to label at, inside the view, nearest the centre first: its vertices and a point every 60 px. */
function linePoints(map: L.Map, line: readonly LatLng[], view: Box): Array<{ x: number; y: number }> {
  const points = line.map((p) => map.latLngToContainerPoint(p));
  const samples = points.flatMap((p, i) => {
    if (i === 0) return [p];
    const from = points[i - 1]!;
    const steps = Math.max(1, Math.ceil(from.distanceTo(p) / 60));
    return Array.from({ length: steps }, (_, k) => from.add(p.subtract(from).multiplyBy((k + 1) / steps)));
  });
  const cx = view.x + view.width / 2;
  const cy = view.y + view.height / 2;
  return samples
    .filter((p) => p.x > view.x && p.x < view.x + view.width && p.y > view.y && p.y < view.y + view.height)
    .sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))
    .slice(0, 12);
}

/**
 * Puts the labels on the map and keeps them placed as it moves; `obstacles` gives the boxes labels must keep
 * clear of (controls, markers). Returns a function that lays them out again.
 */
export function addLabelLayer(map: L.Map, labels: readonly MapLabel[], obstacles: () => Obstacle[]): () => void {
  const host = map.getContainer().ownerDocument.createElement('div');
  host.className = 'map-labels';
  map.getContainer().append(host);
  const elements = new Map(
    labels.map((label) => {
      const element = host.ownerDocument.createElement('div');
      element.className = `map-label ${label.className}`;
      element.dataset.labelId = label.id;
      element.hidden = true;
      host.append(element);
      return [label.id, element] as const;
    }),
  );
  const sizes = new Map<string, { width: number; height: number }>();
  const measure = (label: MapLabel, variant: number) => {
    const key = `${label.className}|${label.texts[variant]}`;
    let size = sizes.get(key);
    if (!size) {
      const element = elements.get(label.id)!;
      element.textContent = label.texts[variant]!;
      element.hidden = false;
      element.style.left = '0px';
      element.style.top = '0px';
      size = { width: Math.ceil(element.offsetWidth), height: Math.ceil(element.offsetHeight) };
      if (size.width > 0) sizes.set(key, size);
    }
    return size;
  };

  const layout = () => {
    const container = map.getSize();
    const view: Box = { x: EDGE, y: EDGE, width: container.x - 2 * EDGE, height: container.y - 2 * EDGE };
    const active = labels.filter((label) => label.isActive?.() ?? true);
    const requests: LabelRequest[] = active.map((label) => ({
      id: label.id,
      candidates: label.texts.flatMap((_, variant) => {
        const { width, height } = measure(label, variant);
        const { target } = label;
        if ('area' in target) return spotsForArea(screenBox(map, target.area), width, height, variant);
        const points =
          'point' in target ? [map.latLngToContainerPoint(target.point)] : linePoints(map, target.line, view);
        return points.flatMap((p) => spotsAroundPoint(p.x, p.y, width, height, 'point' in target ? 10 : 6, variant));
      }),
    }));
    const placements = placeLabels(requests, view, obstacles());
    for (const label of labels) elements.get(label.id)!.hidden = true;
    for (const placement of placements) {
      if (!placement.box) continue;
      const label = active.find((l) => l.id === placement.id)!;
      const element = elements.get(placement.id)!;
      element.textContent = label.texts[placement.variant]!;
      element.style.left = `${placement.box.x}px`;
      element.style.top = `${placement.box.y}px`;
      element.hidden = false;
    }
  };

  map.on('zoomstart', () => host.classList.add('is-zooming'));
  map.on('zoomend', () => host.classList.remove('is-zooming'));
  map.on('move zoomend resize overlayadd overlayremove', layout);
  void host.ownerDocument.fonts?.ready.then(() => {
    sizes.clear();
    layout();
  });
  layout();
  return layout;
}
