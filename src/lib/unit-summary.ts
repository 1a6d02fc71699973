/**
 * A unit as JSON for the browser and the public API: catalog facts, live state and computed rent totals. Built on
 * the server (server/inventory/summarize-unit.ts), read by the search islands and API clients.
 */
import type { PlanThumbnail } from './plan-thumbnail.ts';

export interface UnitSummary {
  id: string;
  building: { slug: string; code: string; name: { zh: string; en: string } };
  level: number;
  number: string;
  /** What people call the unit: building, floor and number (formatUnitName), in both languages. */
  name: { zh: string; en: string };
  kind: string;
  grossArea: number;
  usableArea: number | null;
  ceilingHeightM: number;
  floorLoadKnPerSqm: number;
  powerKva: number;
  fitOut: string;
  orientation: string[];
  freightLiftAccess: boolean;
  status: string;
  /** Null for a leased unit whose lease end is private or more than a year away. */
  availableFrom: string | null;
  listRentPerSqmDay: string;
  rentIncludesTax: boolean;
  rentIncludesPropertyFee: boolean;
  /** Whole-unit rent in fen (integers), computed exactly from the rate and the gross area. */
  rentPerMonthFen: number;
  rentPerYearFen: number;
  sample: boolean;
  /** SVG shapes of the unit in its floor's outline, for a plan thumbnail; null if the floor is not drawn. */
  plan: PlanThumbnail | null;
}
