/**
 * The campus map: it opens on the four buildings, each large enough to tap (coloured by available space; click
 * or Enter opens the building), and shows the neighbourhood on demand. With no tile provider it draws our own
 * schematic base (ring road, metro, green, water); a configured provider replaces that base, and one that fails
 * is dropped with a notice while the vectors stay. Labels are placed so that none overlaps another. Data is
 * WGS-84; for AMap (GCJ-02) it is converted for display only.
 */
import { useEffect, useRef, useState } from 'react';
import gcoord from 'gcoord';
import L from 'leaflet';
// Loaded with this chunk, when the live map is asked for (CampusMapLive), not with the page.
import 'leaflet/dist/leaflet.css';
import { availabilityColor, MIN_TARGET_PX, zoomForMinTarget } from '../lib/map-view.ts';
import { addBaseLayer, type MapBaseFeature } from './map-base-layer.ts';
import { addLabelLayer, type MapLabel } from './map-label-layer.ts';
import { makeKeyboardLink } from './leaflet-keyboard.ts';

type LatLng = [number, number];
type Category = 'shopping' | 'health' | 'education' | 'transport';

interface MapBuilding {
  slug: string;
  code: string;
  href: string;
  name: string;
  footprint: LatLng[];
  /** 0–1: available share of the leasable area; null for a building with nothing to lease. */
  availableShare: number | null;
  details: string[];
}

interface MapPlace {
  id: string;
  category: Category;
  kind: 'point' | 'line';
  name: string;
  coordinates: LatLng[];
  distance: string;
}

export interface CampusMapProps {
  title: string;
  /** Names the campus when zoomed out too far for building names. */
  campusName: string;
  campusOutline: LatLng[];
  buildings: MapBuilding[];
  places: MapPlace[];
  base: { note: string; features: MapBaseFeature[] };
  tiles: { provider: 'none' | 'tianditu' | 'amap' | 'osm'; key?: string };
  text: {
    campus: string;
    layers: string;
    legendAvailability: string;
    high: string;
    low: string;
    none: string;
    tilesUnavailable: string;
    showSurroundings: string;
    showCampus: string;
    categories: Record<Category, string>;
  };
  /** A building to give keyboard focus once drawn (the visitor had it focused on the server's picture). */
  focusSlug?: string | undefined;
}

const CATEGORY_COLOR: Record<Category, string> = {
  shopping: '#c2410c',
  health: '#be123c',
  education: '#7c3aed',
  transport: '#0369a1',
};
const TILE_ERRORS_BEFORE_GIVING_UP = 4;
const ZOOM_SNAP = 0.1;

function tileLayer(tiles: CampusMapProps['tiles']): L.TileLayer | undefined {
  switch (tiles.provider) {
    case 'osm':
      return L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 19,
        attribution: '© OpenStreetMap contributors',
      });
    case 'amap':
      return L.tileLayer(
        'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
        { subdomains: '1234', maxZoom: 18, attribution: '© 高德地图 AutoNavi' },
      );
    case 'tianditu':
      return L.tileLayer(
        `https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tiles.key ?? '')}`,
        { subdomains: '01234567', maxZoom: 18, attribution: '© 天地图 Tianditu' },
      );
    default:
      return undefined;
  }
}

/** A small Leaflet control holding one element. */
function elementControl(position: L.ControlPosition, element: HTMLElement): L.Control {
  const control = new L.Control({ position });
  control.onAdd = () => {
    L.DomEvent.disableClickPropagation(element);
    L.DomEvent.disableScrollPropagation(element);
    return element;
  };
  return control;
}

export default function CampusMap({
  title,
  campusName,
  campusOutline,
  buildings,
  places,
  base,
  tiles,
  text,
  focusSlug,
}: CampusMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [isTileFailure, setIsTileFailure] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    // AMap tiles are drawn in GCJ-02; shift our WGS-84 data onto them. Other providers use WGS-84.
    const project = (p: LatLng): LatLng => {
      if (tiles.provider !== 'amap') return p;
      const [lng, lat] = gcoord.transform([p[1], p[0]], gcoord.WGS84, gcoord.GCJ02);
      return [lat, lng];
    };
    const map = L.map(container.current, {
      attributionControl: tiles.provider !== 'none',
      zoomSnap: ZOOM_SNAP,
      maxZoom: 20,
    });
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const buildingBounds = L.latLngBounds(buildings.flatMap((b) => b.footprint.map(project)));
    // The campus view also takes in the metro station the buildings connect to, where the screen allows.
    const station = base.features.find((f) => f.kind === 'metro-station' && f.id === 'huaxiang-dongqiao-station');
    const campusBounds = station ? buildingBounds.pad(0.02).extend(project(station.coordinates[0]!)) : buildingBounds;
    const everything = L.latLngBounds([...campusOutline, ...places.flatMap((p) => p.coordinates)].map(project));
    let isSurroundings = false;

    /** Room the controls take along each edge: on a wide map at the sides, on a narrow one at top and bottom. */
    const controlPadding = () => {
      const size = map.getSize();
      const corner = (v: 'top' | 'bottom', h: 'left' | 'right') => {
        const element = map.getContainer().querySelector(`.leaflet-${v}.leaflet-${h}`);
        const r = element?.getBoundingClientRect();
        return { width: r?.width ?? 0, height: r?.height ?? 0 };
      };
      const [tl, tr, bl, br] = [
        corner('top', 'left'),
        corner('top', 'right'),
        corner('bottom', 'left'),
        corner('bottom', 'right'),
      ];
      if (size.x >= 640)
        return {
          topLeft: L.point(Math.max(tl.width, bl.width) + 8, 16),
          bottomRight: L.point(Math.max(tr.width, br.width) + 8, 16),
        };
      return {
        topLeft: L.point(8, Math.max(tl.height, tr.height) + 8),
        bottomRight: L.point(8, Math.max(bl.height, br.height) + 8),
      };
    };
    /** Zoom and centre that put `bounds` in the middle of the room the controls leave. */
    const fitBetweenControls = (bounds: L.LatLngBounds, zoom?: number): [L.LatLng, number] => {
      const { topLeft, bottomRight } = controlPadding();
      const z = zoom ?? map.getBoundsZoom(bounds, false, topLeft.add(bottomRight));
      const middle = map.project(bounds.getSouthWest(), z).add(map.project(bounds.getNorthEast(), z)).divideBy(2);
      return [map.unproject(middle.add(bottomRight.subtract(topLeft).divideBy(2)), z), z];
    };
    /**
     * The campus view: the four buildings and the station they connect to, or, where that would make a
     * building smaller than a comfortable tap target, the buildings alone, zoomed in until the smallest is one.
     */
    const campusView = (): [L.LatLng, number] => {
      const [, fitZoom] = fitBetweenControls(campusBounds);
      const smallest = Math.min(
        ...buildings.map((b) => {
          const corners = b.footprint.map((p) => map.project(project(p), fitZoom));
          const xs = corners.map((c) => c.x);
          const ys = corners.map((c) => c.y);
          return Math.min(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
        }),
      );
      const zoom = zoomForMinTarget(fitZoom, smallest, MIN_TARGET_PX + 2, ZOOM_SNAP);
      return fitBetweenControls(zoom > fitZoom ? buildingBounds : campusBounds, zoom);
    };
    const showView = (animate: boolean) => {
      map.invalidateSize();
      if (isSurroundings) map.setView(...fitBetweenControls(everything), { animate });
      else map.setView(...campusView(), { animate });
    };
    // Set the view first: Leaflet only creates a layer's SVG element once the map has a view.
    showView(false);

    const tiled = tileLayer(tiles);
    if (tiled) {
      let errors = 0;
      let loaded = 0;
      tiled.on('tileload', () => (loaded += 1));
      tiled.on('tileerror', () => {
        errors += 1;
        if (loaded === 0 && errors >= TILE_ERRORS_BEFORE_GIVING_UP && map.hasLayer(tiled)) {
          map.removeLayer(tiled);
          setIsTileFailure(true);
        }
      });
      tiled.addTo(map);
    } else {
      addBaseLayer(
        map,
        base.features.map((f) => ({ ...f, coordinates: f.coordinates.map(project) })),
      );
    }

    L.polygon(campusOutline.map(project), {
      color: '#b08a3e',
      weight: 2,
      dashArray: '6 4',
      fillColor: '#f6efe0',
      fillOpacity: tiled ? 0.25 : 0.7,
      interactive: false,
    }).addTo(map);

    // Zoomed out, the buildings are too small to name one by one: one label names the campus instead.
    const READABLE_PX = 24;
    const areBuildingsReadable = () => {
      const zoom = map.getZoom();
      return buildings.every((b) => {
        const corners = b.footprint.map((p) => map.project(project(p), zoom));
        const ys = corners.map((c) => c.y);
        return Math.max(...ys) - Math.min(...ys) >= READABLE_PX;
      });
    };
    const labels: MapLabel[] = [
      {
        id: 'campus',
        texts: [campusName],
        className: 'map-label-building',
        target: { area: campusOutline.map(project) },
        isActive: () => !areBuildingsReadable(),
      },
    ];
    const markerBoxes: Array<{ id: string; at: LatLng }> = [];
    for (const building of buildings) {
      const polygon = L.polygon(building.footprint.map(project), {
        color: '#0b1628',
        weight: 1.5,
        fillColor: availabilityColor(building.availableShare),
        fillOpacity: 0.95,
      }).addTo(map);
      polygon.getElement()?.setAttribute('data-building', building.slug);
      const content = document.createElement('div');
      const name = document.createElement('strong');
      name.textContent = building.name;
      content.append(
        name,
        ...building.details.map((line) => Object.assign(document.createElement('div'), { textContent: line })),
      );
      polygon.bindTooltip(content, { sticky: true, direction: 'top' });
      const open = () => (window.location.href = building.href);
      polygon.on('click', open);
      makeKeyboardLink(polygon, [building.name, ...building.details].join(' · '), open);
      if (building.slug === focusSlug) (polygon.getElement() as SVGElement | undefined)?.focus();
      labels.push({
        id: `building-${building.slug}`,
        texts: [building.name, building.code],
        className: 'map-label-building',
        target: { area: building.footprint.map(project) },
        isActive: areBuildingsReadable,
      });
    }

    const overlays: Record<string, L.LayerGroup> = {};
    const placeLabels: MapLabel[] = [];
    for (const category of Object.keys(CATEGORY_COLOR) as Category[]) {
      const group = L.layerGroup();
      for (const place of places.filter((p) => p.category === category)) {
        // Roads are part of our base drawing; draw them as places only over tiles.
        if (place.kind === 'line' && !tiled) continue;
        const color = CATEGORY_COLOR[category];
        const layer =
          place.kind === 'line'
            ? L.polyline(place.coordinates.map(project), { color, weight: 6, opacity: 0.55 })
            : L.circleMarker(project(place.coordinates[0]!), {
                radius: 7,
                color: '#fff',
                weight: 2,
                fillColor: color,
                fillOpacity: 1,
              });
        layer.bindTooltip(`${place.name} · ${place.distance}`, { direction: 'top' });
        layer.addTo(group);
        const target =
          place.kind === 'line' ? { line: place.coordinates.map(project) } : { point: project(place.coordinates[0]!) };
        if (place.kind === 'point') markerBoxes.push({ id: `place-${place.id}`, at: project(place.coordinates[0]!) });
        placeLabels.push({
          id: `place-${place.id}`,
          texts: [place.name],
          className: 'map-label-place',
          target,
          isActive: () => map.hasLayer(group),
        });
      }
      group.addTo(map);
      overlays[`<span class="map-swatch map-swatch-${category}"></span>${text.categories[category]}`] = group;
    }

    // Labels in order of importance: buildings, the nearest places, then the base drawing's names.
    const baseLabels: MapLabel[] = tiled
      ? []
      : base.features
          .filter((f) => f.name)
          .map((f) => ({
            id: `base-${f.id}`,
            texts: [f.name!],
            className: `map-label-base map-label-${f.kind}`,
            target: f.shape === 'line' ? { line: f.coordinates.map(project) } : { point: project(f.coordinates[0]!) },
          }));
    const stationNearby = placeLabels.filter((l) => l.id.endsWith('-station'));
    labels.push(
      ...stationNearby,
      ...baseLabels.filter((l) => l.className.includes('ring-road') || l.className.includes('metro-line')),
      ...placeLabels.filter((l) => !stationNearby.includes(l)),
    );
    labels.push(...baseLabels.filter((l) => !labels.includes(l)));
    // A nearby place and a base station may be the same station: keep the nearby place's label only.
    const deduped = labels.filter(
      (l) =>
        !(
          l.id.startsWith('base-') &&
          l.id.endsWith('-station') &&
          stationNearby.some((s) => s.id === `place-${l.id.slice(5)}`)
        ),
    );

    const surroundings = document.createElement('button');
    surroundings.type = 'button';
    surroundings.className = 'map-button';
    surroundings.textContent = text.showSurroundings;
    surroundings.addEventListener('click', () => {
      isSurroundings = !isSurroundings;
      surroundings.textContent = isSurroundings ? text.showCampus : text.showSurroundings;
      showView(!reducedMotion);
    });
    elementControl('topright', surroundings).addTo(map);
    L.control
      .layers(undefined, overlays, { collapsed: container.current.clientWidth < 640, position: 'topright' })
      .addTo(map);

    const legend = L.DomUtil.create('div', 'map-legend');
    const heading = document.createElement('strong');
    heading.textContent = text.legendAvailability;
    legend.append(heading);
    for (const [tone, label] of [
      ['high', text.high],
      ['low', text.low],
      ['none', text.none],
    ] as const) {
      const row = document.createElement('div');
      const swatch = document.createElement('span');
      swatch.className = `map-swatch map-swatch-${tone}`;
      row.append(swatch, label);
      legend.append(row);
    }
    elementControl('bottomleft', legend).addTo(map);
    const note = L.DomUtil.create('p', 'map-note');
    note.textContent = base.note;
    elementControl(container.current.clientWidth < 640 ? 'bottomleft' : 'bottomright', note).addTo(map);

    showView(false);
    const host = container.current;
    const relayout = addLabelLayer(map, deduped, () => {
      const origin = host.getBoundingClientRect();
      const controls = [...host.querySelectorAll('.leaflet-control')].map((element) => {
        const r = element.getBoundingClientRect();
        return {
          box: { x: r.left - origin.left - 2, y: r.top - origin.top - 2, width: r.width + 4, height: r.height + 4 },
        };
      });
      const buildingBoxes = buildings.map((b) => {
        const xy = b.footprint.map((p) => map.latLngToContainerPoint(project(p)));
        const xs = xy.map((p) => p.x);
        const ys = xy.map((p) => p.y);
        return {
          ownerId: `building-${b.slug}`,
          box: {
            x: Math.min(...xs),
            y: Math.min(...ys),
            width: Math.max(...xs) - Math.min(...xs),
            height: Math.max(...ys) - Math.min(...ys),
          },
        };
      });
      const markers = markerBoxes.map(({ id, at }) => {
        const p = map.latLngToContainerPoint(at);
        return { ownerId: id, box: { x: p.x - 9, y: p.y - 9, width: 18, height: 18 } };
      });
      return [...controls, ...buildingBoxes, ...markers];
    });

    const observer = new ResizeObserver(() => {
      showView(false);
      relayout();
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      map.remove();
    };
  }, []);

  return (
    <div className="relative">
      <div
        ref={container}
        role="region"
        aria-label={title}
        className="campus-map h-[36rem] w-full md:h-[40rem] md:rounded-2xl lg:h-[44rem]"
      />
      {isTileFailure && (
        <p
          role="status"
          className="absolute inset-x-3 bottom-3 z-[1000] rounded-lg bg-white/95 px-3 py-2 text-sm text-ink-700 shadow"
        >
          {text.tilesUnavailable}
        </p>
      )}
    </div>
  );
}
