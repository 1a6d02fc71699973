/**
 * A saved search (issue 17): the unit search's filters as one canonical query string, so the same search saved
 * twice is the same text (one subscription), and the horizons a tenant may choose for leases coming to an end.
 * Status, sort and page are not part of a saved search: it watches units that are or become available.
 */
import { parseUnitSearchParams, type SearchError, type UnitSearchQuery } from './unit-search-query.ts';
import { FILTER_FIELDS } from './unit-search-params.ts';

/** How far ahead a lease ending counts, in days; 0 is "available now only". */
export const ALERT_HORIZONS = [0, 90, 180, 365] as const;

export type SavedSearch =
  | { ok: true; query: string; parsed: UnitSearchQuery }
  | { ok: false; errors: SearchError[] }
  /** No filter at all: every unit would match. */
  | { ok: false; tooBroad: true };

/**
 * The canonical form of a search's filters (in FILTER_FIELDS order, list values sorted), or why not. Given the
 * park's building slugs, a building it does not have is refused (what is saved must be able to match).
 */
export function savedSearchOf(params: URLSearchParams, buildings?: { has(slug: string): boolean }): SavedSearch {
  const parsed = parseUnitSearchParams(params);
  if (!parsed.ok) return parsed;
  if (buildings && parsed.query.building !== undefined && !buildings.has(parsed.query.building))
    return { ok: false, errors: [{ field: 'building', code: 'invalid_option' }] };
  const canonical = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    if (field === 'status') continue;
    const value = parsed.query[field];
    if (value === undefined) continue;
    canonical.set(field, Array.isArray(value) ? [...value].sort().join(',') : String(value));
  }
  const query = canonical.toString();
  if (query === '') return { ok: false, tooBroad: true };
  return { ok: true, query, parsed: parsed.query };
}

/**
 * The alert sign-up's query for space like a unit that comes free on `freeOn` (a unit page's "coming free" note):
 * its building (slug), its area ±20 % in whole m², and the shortest horizon that reaches that day — never "now
 * only", which would not count the unit while it is still leased (a lease over but not yet marked free).
 */
export function alertLikeUnit(unit: { building: string; grossArea: number }, freeOn: string, today: string): string {
  const days = Math.max(1, Math.round((Date.parse(freeOn) - Date.parse(today)) / 86_400_000));
  const horizon = ALERT_HORIZONS.find((h) => h >= days) ?? ALERT_HORIZONS[ALERT_HORIZONS.length - 1];
  return new URLSearchParams({
    building: unit.building,
    minArea: String(Math.floor(unit.grossArea * 0.8)),
    maxArea: String(Math.ceil(unit.grossArea * 1.2)),
    horizonDays: String(horizon),
  }).toString();
}
