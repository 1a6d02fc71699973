/**
 * Constants of the unit search (fit-outs, sorts, the default query), without zod, so the browser island can use them
 * cheaply.
 */
import type { UnitSearchQuery } from './unit-search-query.ts';

export const FIT_OUTS = ['bare', 'standard', 'furnished'] as const;
export const SORTS = ['rent-asc', 'rent-desc', 'area-asc', 'area-desc', 'floor-asc', 'floor-desc'] as const;
export const STATUS_FILTERS = ['available', 'all'] as const;
export const PAGE_SIZE = 24;

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
export const DEFAULT_QUERY: UnitSearchQuery = { status: 'available', sort: 'rent-asc', page: 1 };
