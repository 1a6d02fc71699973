/**
 * A floor plan drawn with Leaflet in plan coordinates (L.CRS.Simple, metres): outline, core, lifts, stairs and
 * units coloured by live status. Hover or keyboard focus shows area and price; click or Enter opens the unit.
 * The server renders an SVG plan in its place until this loads (and for visitors without JavaScript).
 */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
// Loaded with this chunk, when the live plan is asked for (FloorPlanLive), not with the page.
import 'leaflet/dist/leaflet.css';
import { FEATURE_FILL, HIGHLIGHT, STATUS_STROKE } from '../lib/plan-colours.ts';
import { chooseScaleBar, planBoxAspect, simplePixelsPerMetre, type ScaleBar } from '../lib/plan-scale.ts';
import { makeKeyboardLink } from './leaflet-keyboard.ts';
import PlanToolbar, { type PlanToolLabels } from './PlanToolbar.tsx';

type Ring = Array<[number, number]>;

interface PlanUnit {
  id: string;
  number: string;
  outline: Ring;
  status: 'available' | 'held' | 'reserved' | 'leased' | 'unavailable';
  href: string;
  /** Already formatted for the reader: area, rent, status. */
  details: string[];
}

export interface FloorPlanProps {
  title: string;
  outline: Ring;
  features: Array<{ kind: string; outline: Ring; label?: string }>;
  amenities: Array<{ name: string; outline: Ring }>;
  units: PlanUnit[];
  highlightId?: string;
  tools: PlanToolLabels;
  /** A unit to give keyboard focus once drawn (the visitor had it focused on the server's drawing). */
  focusId?: string | undefined;
}

/** The longest a scale bar may be drawn, in screen pixels. */
const SCALE_BAR_MAX_PX = 110;
/** Below this many pixels per metre the core's labels (lifts, WC) collide, so they show only when zoomed in. */
const FEATURE_LABEL_MIN_PX_PER_METRE = 8;
const FIT_PADDING: L.PointExpression = [8, 8];

// Plans have x east and y north; Leaflet's simple CRS takes [lat, lng] = [y, x].
const toLatLngs = (ring: Ring): L.LatLngExpression[] => ring.map(([x, y]) => [y, x]);

function tooltipContent(unit: PlanUnit): HTMLElement {
  const box = document.createElement('div');
  const heading = document.createElement('strong');
  heading.textContent = unit.number;
  box.append(heading);
  for (const line of unit.details) {
    const row = document.createElement('div');
    row.textContent = line;
    box.append(row);
  }
  return box;
}

export default function FloorPlanMap({
  title,
  outline,
  features,
  amenities,
  units,
  highlightId,
  tools,
  focusId,
}: FloorPlanProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const [scale, setScale] = useState<ScaleBar | null>(null);
  const [zoom, setZoom] = useState({ canZoomIn: true, canZoomOut: true });
  const bounds = L.latLngBounds(toLatLngs(outline));
  // The map box takes the plan's own proportions (a little taller, for the fit's padding), so the plan fills
  // the width of a phone instead of leaving bands either side.
  const aspect = planBoxAspect(outline);

  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, {
      crs: L.CRS.Simple,
      attributionControl: false,
      // Our own buttons sit in a bar above the plan: Leaflet's float over the drawing and covered units.
      zoomControl: false,
      scrollWheelZoom: false,
      // Fit the plan exactly (no snapping to quarter zooms, which left a phone's plan a fifth smaller than its box).
      zoomSnap: 0,
      minZoom: -3,
      maxZoom: 4,
    });
    mapRef.current = map;
    const featureLabels: L.Polygon[] = [];
    const onZoom = () => {
      const current = map.getZoom();
      const isRoomy = simplePixelsPerMetre(current) >= FEATURE_LABEL_MIN_PX_PER_METRE;
      for (const layer of featureLabels) {
        if (isRoomy) layer.openTooltip();
        else layer.closeTooltip();
      }
      // The bar shares the toolbar's row with the zoom buttons: on a phone it gets what they leave, so the row
      // never wraps (a wrapped row would push the plan down when it loads, and differ from the server's stand-in).
      const room = Math.min(SCALE_BAR_MAX_PX, Math.max(40, map.getContainer().clientWidth - 280));
      setScale(chooseScaleBar(simplePixelsPerMetre(current), room));
      setZoom({ canZoomIn: current < map.getMaxZoom(), canZoomOut: current > map.getMinZoom() });
    };
    map.on('zoomend', onZoom);
    // Set the view first: Leaflet only creates a layer's SVG element once the map has a view.
    map.fitBounds(bounds, { padding: FIT_PADDING });
    onZoom();
    L.polygon(toLatLngs(outline), {
      color: '#13233d',
      weight: 2,
      fillColor: '#f5f7fa',
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    for (const amenity of amenities) {
      L.polygon(toLatLngs(amenity.outline), {
        color: '#c19a4f',
        weight: 1,
        fillColor: '#f6efe0',
        fillOpacity: 1,
        interactive: false,
      })
        .bindTooltip(amenity.name, { permanent: true, direction: 'center', className: 'plan-label plan-label-amenity' })
        .addTo(map);
    }
    for (const unit of units) {
      const isHighlight = unit.id === highlightId;
      const polygon = L.polygon(toLatLngs(unit.outline), {
        color: isHighlight ? HIGHLIGHT.stroke : STATUS_STROKE[unit.status],
        weight: isHighlight ? 3 : 1.5,
        fillColor: isHighlight ? HIGHLIGHT.fill : STATUS_STROKE[unit.status],
        fillOpacity: isHighlight ? 0.9 : 0.35,
      }).addTo(map);
      polygon.bindTooltip(tooltipContent(unit), { sticky: true, direction: 'top', className: 'plan-tooltip' });
      L.tooltip({ permanent: true, direction: 'center', className: 'plan-label', interactive: false })
        .setLatLng(polygon.getBounds().getCenter())
        .setContent(unit.number)
        .addTo(map);
      const open = () => (window.location.href = unit.href);
      polygon.on('click', open);
      polygon.on('mouseover', () => polygon.setStyle({ fillOpacity: 0.6 }));
      polygon.on('mouseout', () => polygon.setStyle({ fillOpacity: isHighlight ? 0.9 : 0.35 }));
      makeKeyboardLink(polygon, [unit.number, ...unit.details].join(' · '), open);
      if (unit.id === focusId) (polygon.getElement() as SVGElement | undefined)?.focus();
    }
    for (const feature of features) {
      if (feature.kind === 'core') continue;
      const layer = L.polygon(toLatLngs(feature.outline), {
        color: '#58708f',
        weight: 1,
        fillColor: FEATURE_FILL[feature.kind] ?? FEATURE_FILL.stair,
        fillOpacity: 1,
        interactive: false,
      }).addTo(map);
      if (feature.label && feature.kind !== 'stair') {
        layer.bindTooltip(feature.label, {
          permanent: true,
          direction: 'center',
          className: 'plan-label plan-label-feature',
        });
        featureLabels.push(layer);
      }
    }
    onZoom();
    map.setMaxBounds(bounds.pad(0.5));
    // Fit again whenever the box changes size (late styles, rotation, window resizes).
    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      map.fitBounds(bounds, { padding: FIT_PADDING });
    });
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      mapRef.current = null;
      map.remove();
    };
  }, []);

  return (
    <div>
      <PlanToolbar
        labels={tools}
        scale={scale}
        {...zoom}
        onZoomIn={() => mapRef.current?.zoomIn()}
        onZoomOut={() => mapRef.current?.zoomOut()}
        onFit={() => mapRef.current?.fitBounds(bounds, { padding: FIT_PADDING })}
      />
      <div
        ref={container}
        role="region"
        aria-label={`${title} · ${tools.map}`}
        className="floor-plan-map w-full rounded-xl bg-ink-50"
        style={{ aspectRatio: String(aspect) }}
      />
    </div>
  );
}
