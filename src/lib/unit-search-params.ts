/**
 * Constants and URL helpers of the unit search, without zod, so the browser island can use them cheaply. The
 * schema (unit-search-query.ts) builds on these; nothing here depends on it.
 */

export const FIT_OUTS = ['bare', 'standard', 'furnished'] as const;
export const SORTS = ['rent-asc', 'rent-desc', 'area-asc', 'area-desc', 'floor-asc', 'floor-desc'] as const;
export const STATUS_FILTERS = ['available', 'all'] as const;
export const PAGE_SIZE = 24;

/** "2027-03" → "2027-03-31" (an "available by" month is its last day); anything else as it is. */
export function endOfMonth<T>(value: T): T | string {
  const month = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value) : null;
  if (!month) return value;
  const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
  return `${value as string}-${String(last).padStart(2, '0')}`;
}

type Sort = (typeof SORTS)[number];
type StatusFilter = (typeof STATUS_FILTERS)[number];
/** The search's filters, in the order a URL lists them (sort and page are not filters). */
export const FILTER_FIELDS = [
  'building',
  'minFloor',
  'maxFloor',
  'minArea',
  'maxArea',
  'minRent',
  'maxRent',
  'fitOut',
  'availableBy',
  'minLoad',
  'minCeiling',
  'minPower',
  'status',
] as const;

export type SearchErrorCode =
  'not_a_number' | 'too_small' | 'too_large' | 'not_a_date' | 'invalid_option' | 'reversed_range' | 'not_a_level';

/** The default query: available units, cheapest first, first page. */
export const DEFAULT_QUERY = { status: 'available', sort: 'rent-asc', page: 1 } as const satisfies {
  status: StatusFilter;
  sort: Sort;
  page: number;
};
