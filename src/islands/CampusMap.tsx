/**
 * The campus map: building footprints coloured by available space (click or Enter opens the building), the
 * campus outline and the nearby places in toggleable layers with a legend. Vector layers only, so it is
 * complete offline; a configured tile provider adds a base map, and a provider that fails is dropped with a
 * notice while the vectors stay. Data is WGS-84; for AMap (GCJ-02) it is converted for display only.
 */
import { useEffect, useRef, useState } from 'react';
import gcoord from 'gcoord';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { makeKeyboardLink } from './leaflet-keyboard.ts';

type LatLng = [number, number];
type Category = 'shopping' | 'health' | 'education' | 'transport';

export interface MapBuilding {
  slug: string;
  href: string;
  name: string;
  footprint: LatLng[];
  /** 0–1: available share of the leasable area; null for a building with nothing to lease. */
  availableShare: number | null;
  details: string[];
}

export interface MapPlace {
  id: string;
  category: Category;
  kind: 'point' | 'line';
  name: string;
  coordinates: LatLng[];
  distance: string;
}

interface Props {
  title: string;
  /** Shown over the campus while zoomed out too far for building names. */
  campusName: string;
  campusOutline: LatLng[];
  buildings: MapBuilding[];
  places: MapPlace[];
  tiles: { provider: 'none' | 'tianditu' | 'amap' | 'osm'; key?: string };
  text: { campus: string; layers: string; legendAvailability: string; high: string; low: string; none: string; tilesUnavailable: string; categories: Record<Category, string> };
  /** The small map on the home page: campus and its immediate surroundings, no scroll-zoom. */
  isCompact?: boolean;
}

const CATEGORY_COLOR: Record<Category, string> = { shopping: '#c2410c', health: '#be123c', education: '#7c3aed', transport: '#0369a1' };
const TILE_ERRORS_BEFORE_GIVING_UP = 4;

/** Fill colour for a building by its available share (the legend's three tones). */
export function availabilityColor(share: number | null): string {
  if (share === null || share === 0) return '#94a3b8';
  return share < 0.4 ? '#a7dcc3' : '#1f9d6b';
}

function tileLayer(tiles: Props['tiles']): L.TileLayer | undefined {
  switch (tiles.provider) {
    case 'osm':
      return L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: '© OpenStreetMap contributors' });
    case 'amap':
      return L.tileLayer('https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}', { subdomains: '1234', maxZoom: 18, attribution: '© 高德地图 AutoNavi' });
    case 'tianditu':
      return L.tileLayer(`https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tiles.key ?? '')}`, { subdomains: '01234567', maxZoom: 18, attribution: '© 天地图 Tianditu' });
    default:
      return undefined;
  }
}

export default function CampusMap({ title, campusName, campusOutline, buildings, places, tiles, text, isCompact = false }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [isTileFailure, setIsTileFailure] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    // AMap tiles are drawn in GCJ-02; shift our WGS-84 data onto them. Other providers use WGS-84.
    const project = (p: LatLng): L.LatLngExpression => {
      if (tiles.provider !== 'amap') return p;
      const [lng, lat] = gcoord.transform([p[1], p[0]], gcoord.WGS84, gcoord.GCJ02);
      return [lat, lng];
    };
    const map = L.map(container.current, { attributionControl: tiles.provider !== 'none', scrollWheelZoom: !isCompact, zoomSnap: 0.25 });
    // Set the view first: Leaflet only creates a layer's SVG element once the map has a view.
    const focus = L.latLngBounds(campusOutline.map(project));
    const everything = L.latLngBounds([...campusOutline, ...places.flatMap((p) => p.coordinates)].map(project));
    const fit = () => {
      map.invalidateSize();
      if (isCompact) map.fitBounds(focus.pad(0.9));
      else map.fitBounds(everything, { padding: [24, 24] });
    };
    fit();

    const base = tileLayer(tiles);
    if (base) {
      let errors = 0;
      let loaded = 0;
      base.on('tileload', () => (loaded += 1));
      base.on('tileerror', () => {
        errors += 1;
        if (loaded === 0 && errors >= TILE_ERRORS_BEFORE_GIVING_UP && map.hasLayer(base)) {
          map.removeLayer(base);
          setIsTileFailure(true);
        }
      });
      base.addTo(map);
    }

    L.polygon(campusOutline.map(project), { color: '#c19a4f', weight: 2, dashArray: '6 4', fillColor: '#f6efe0', fillOpacity: base ? 0.25 : 0.6, interactive: false })
      .bindTooltip(text.campus, { permanent: false })
      .addTo(map);

    // Building names only once the campus is big enough to hold them; before that, one campus label.
    const buildingLabels: L.Tooltip[] = [];
    const campusLabel = L.tooltip({ permanent: true, direction: 'top', className: 'map-label', interactive: false })
      .setLatLng(L.latLngBounds(campusOutline.map(project)).getCenter())
      .setContent(campusName);
    for (const building of buildings) {
      const polygon = L.polygon(building.footprint.map(project), {
        color: '#0b1628',
        weight: 1.5,
        fillColor: availabilityColor(building.availableShare),
        fillOpacity: 0.95,
      }).addTo(map);
      const content = document.createElement('div');
      const name = document.createElement('strong');
      name.textContent = building.name;
      content.append(name, ...building.details.map((line) => Object.assign(document.createElement('div'), { textContent: line })));
      polygon.bindTooltip(content, { sticky: true, direction: 'top' });
      buildingLabels.push(
        L.tooltip({ permanent: true, direction: 'top', offset: [0, -6], className: 'map-label', interactive: false })
          .setLatLng(L.latLng(polygon.getBounds().getNorth(), polygon.getBounds().getCenter().lng))
          .setContent(building.name),
      );
      const open = () => (window.location.href = building.href);
      polygon.on('click', open);
      makeKeyboardLink(polygon, [building.name, ...building.details].join(' · '), open);
    }

    const overlays: Record<string, L.LayerGroup> = {};
    for (const category of Object.keys(CATEGORY_COLOR) as Category[]) {
      const group = L.layerGroup();
      for (const place of places.filter((p) => p.category === category)) {
        const color = CATEGORY_COLOR[category];
        const layer =
          place.kind === 'line'
            ? L.polyline(place.coordinates.map(project), { color, weight: 6, opacity: 0.55 })
            : L.circleMarker(project(place.coordinates[0]!), { radius: 7, color: '#fff', weight: 2, fillColor: color, fillOpacity: 1 });
        layer.bindTooltip(`${place.name} · ${place.distance}`, { direction: 'top' });
        if (!isCompact) {
          // Points are labelled beside the marker; a road at its middle vertex.
          L.tooltip({ permanent: true, direction: 'right', offset: [8, 0], className: 'map-label map-label-place', interactive: false })
            .setLatLng(project(place.coordinates[Math.floor(place.coordinates.length / 2)]!))
            .setContent(place.name)
            .addTo(group);
        }
        layer.addTo(group);
      }
      group.addTo(map);
      overlays[`<span class="map-swatch map-swatch-${category}"></span>${text.categories[category]}`] = group;
    }
    L.control.layers(undefined, overlays, { collapsed: isCompact, position: 'topright' }).addTo(map);

    const legend = new L.Control({ position: 'bottomleft' });
    legend.onAdd = () => {
      const box = L.DomUtil.create('div', 'map-legend');
      const heading = document.createElement('strong');
      heading.textContent = text.legendAvailability;
      box.append(heading);
      for (const [tone, label] of [['high', text.high], ['low', text.low], ['none', text.none]] as const) {
        const row = document.createElement('div');
        const swatch = document.createElement('span');
        swatch.className = `map-swatch map-swatch-${tone}`;
        row.append(swatch, label);
        box.append(row);
      }
      return box;
    };
    legend.addTo(map);

    const DETAIL_ZOOM = 16.5;
    const updateLabels = () => {
      const isDetailed = map.getZoom() >= DETAIL_ZOOM;
      for (const label of buildingLabels) (isDetailed ? label.addTo(map) : label.remove());
      if (isDetailed) campusLabel.remove();
      else campusLabel.addTo(map);
    };
    map.on('zoomend', updateLabels);

    updateLabels();
    const observer = new ResizeObserver(fit);
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      map.remove();
    };
  }, []);

  return (
    <div className="relative">
      <div ref={container} role="region" aria-label={title} className={`campus-map w-full rounded-2xl ${isCompact ? 'h-80' : 'h-[34rem] md:h-[40rem]'}`} />
      {isTileFailure && (
        <p role="status" className="absolute inset-x-3 bottom-3 z-[1000] rounded-lg bg-white/95 px-3 py-2 text-sm text-ink-700 shadow">
          {text.tilesUnavailable}
        </p>
      )}
    </div>
  );
}
