/**
 * Draws the schematic offline base (green, water, roads, the ring road, the metro line and its stations) as
 * Leaflet vector layers in their own pane under the campus and the buildings.
 */
import L from 'leaflet';

type LatLng = [number, number];

type BaseKind = 'green' | 'water' | 'road' | 'ring-road' | 'metro-line' | 'metro-link' | 'metro-station' | 'area-label';

export interface MapBaseFeature {
  id: string;
  kind: BaseKind;
  name?: string;
  /** A point is one position, a line several, an area its outer ring. */
  shape: 'point' | 'line' | 'area';
  coordinates: LatLng[];
}

const METRO_COLOR = '#d9531e';
const PANE = 'campus-base';

/** Strokes per kind, drawn bottom to top; roads get a casing under their fill. */
const LINE_STYLES: Partial<Record<BaseKind, L.PolylineOptions[]>> = {
  water: [{ color: '#8ec5e8', weight: 7 }],
  road: [
    { color: '#d3d8df', weight: 8 },
    { color: '#ffffff', weight: 6 },
  ],
  'ring-road': [
    { color: '#d69a2d', weight: 14 },
    { color: '#f7d27a', weight: 10 },
  ],
  'metro-line': [
    { color: '#ffffff', weight: 8 },
    { color: METRO_COLOR, weight: 5 },
  ],
  'metro-link': [{ color: METRO_COLOR, weight: 3, dashArray: '4 6' }],
};

const DRAW_ORDER: BaseKind[] = ['green', 'water', 'road', 'ring-road', 'metro-link', 'metro-line', 'metro-station'];

/** Adds the base drawing to the map and returns its group. */
export function addBaseLayer(map: L.Map, features: readonly MapBaseFeature[]): L.LayerGroup {
  if (!map.getPane(PANE)) {
    const pane = map.createPane(PANE);
    pane.style.zIndex = '250'; // over tiles (200), under the campus and buildings (overlay pane, 400)
  }
  const group = L.layerGroup();
  const common = { pane: PANE, interactive: false, lineCap: 'round', lineJoin: 'round' } as const;
  for (const kind of DRAW_ORDER) {
    for (const feature of features.filter((f) => f.kind === kind)) {
      if (kind === 'green') {
        L.polygon(feature.coordinates, { ...common, stroke: false, fillColor: '#cfe7c9', fillOpacity: 1 }).addTo(group);
      } else if (kind === 'metro-station') {
        L.circleMarker(feature.coordinates[0]!, {
          ...common,
          radius: 6,
          color: METRO_COLOR,
          weight: 3,
          fillColor: '#ffffff',
          fillOpacity: 1,
        }).addTo(group);
      } else {
        for (const style of LINE_STYLES[kind] ?? [])
          L.polyline(feature.coordinates, { ...common, ...style }).addTo(group);
      }
    }
  }
  return group.addTo(map);
}
