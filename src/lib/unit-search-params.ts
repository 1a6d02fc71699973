/**
 * Constants and URL helpers of the unit search, without zod, so the browser island can use them cheaply. The
 * schema (unit-search-query.ts) builds on these; nothing here depends on it.
 */

export const FIT_OUTS = ['bare', 'standard', 'furnished'] as const;
export const SORTS = ['rent-asc', 'rent-desc', 'area-asc', 'area-desc', 'floor-asc', 'floor-desc'] as const;
export const STATUS_FILTERS = ['available', 'all'] as const;
export const PAGE_SIZE = 24;

export type Sort = (typeof SORTS)[number];
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type SearchErrorCode =
  'not_a_number' | 'too_small' | 'too_large' | 'not_a_date' | 'invalid_option' | 'reversed_range' | 'not_a_level';

/** The default query: available units, cheapest first, first page. */
export const DEFAULT_QUERY = { status: 'available', sort: 'rent-asc', page: 1 } as const satisfies {
  status: StatusFilter;
  sort: Sort;
  page: number;
};

/** The URL parameters of a query, leaving out defaults so shared links stay short. */
export function toUnitSearchParams(query: Readonly<Record<string, unknown>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'status' && value === DEFAULT_QUERY.status) continue;
    if (key === 'sort' && value === DEFAULT_QUERY.sort) continue;
    if (key === 'page' && value === 1) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.set(key, String(value));
  }
  return params;
}
