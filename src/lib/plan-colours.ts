/**
 * The colours of a floor plan, shared by every drawing of one: the server's SVG (FloorPlanSvg.astro), the live
 * Leaflet plan (FloorPlanMap.tsx) and the share cards (server/share-cards/card-drawings.ts). A unit is a light fill
 * of its status with the strong colour as outline; the unit a page is about is gold.
 */
type PlanStatus = 'available' | 'held' | 'reserved' | 'leased' | 'unavailable';

/** A unit's fill by status. */
export const STATUS_FILL: Record<PlanStatus, string> = {
  available: '#d4f0e3',
  held: '#f8e6bd',
  reserved: '#e5dcfb',
  leased: '#e3e8ee',
  unavailable: '#f1f3f6',
};

/** A unit's outline by status, and the status colour of legends. */
export const STATUS_STROKE: Record<PlanStatus, string> = {
  available: '#1f9d6b',
  held: '#d49a1f',
  reserved: '#7c5ce0',
  leased: '#8c9aab',
  unavailable: '#c4ccd6',
};

/** The fill of a building feature by kind (the core, lifts, stairs, lobby …); other kinds take `stair`'s grey. */
export const FEATURE_FILL: Record<string, string> = {
  core: '#b3c0d1',
  lift: '#8194ad',
  'freight-lift': '#58708f',
  toilet: '#b3c0d1',
  stair: '#d8dfe8',
  lobby: '#f3ead6',
  corridor: '#f5f7fa',
  courtyard: '#dcefe5',
  plant: '#d8dfe8',
};

/** The unit a page or card is about. */
export const HIGHLIGHT = { fill: '#e6d3a8', stroke: '#9c7a36' };
