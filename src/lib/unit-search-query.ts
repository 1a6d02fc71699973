/**
 * The unit search query: one zod schema for the URL of /units, the JSON API and the search island.
 * Every parameter is optional; empty values (an untouched form field) count as absent, unknown parameters
 * (utm_source, …) are ignored. Problems come back as codes per field, which the UI words in zh or en.
 */
import { z } from 'astro/zod';
import {
  endOfMonth,
  FILTER_FIELDS,
  FIT_OUTS,
  SORTS,
  STATUS_FILTERS,
  type SearchErrorCode,
} from './unit-search-params.ts';

const number = (min: number, max: number) =>
  z.coerce
    .number({ error: 'not_a_number' })
    .refine((n) => Number.isFinite(n), 'not_a_number')
    .refine((n) => n >= min, 'too_small')
    .refine((n) => n <= max, 'too_large');

const level = z.coerce
  .number({ error: 'not_a_number' })
  .refine((n) => Number.isInteger(n) && n !== 0 && n >= -5 && n <= 60, 'not_a_level');

/** Rent bound as an exact decimal string, e.g. "6" or "5.5". */
const rent = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, 'not_a_number')
  .refine((s) => Number(s) <= 1000, 'too_large');

const unitSearchQuery = z
  .object({
    building: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'invalid_option')
      .optional(),
    minFloor: level.optional(),
    maxFloor: level.optional(),
    minArea: number(0, 100_000).optional(),
    maxArea: number(0, 100_000).optional(),
    minRent: rent.optional(),
    maxRent: rent.optional(),
    fitOut: z
      .array(z.enum(FIT_OUTS, { error: 'invalid_option' }))
      .max(FIT_OUTS.length)
      .optional(),
    // A day, or a month ("2027-03": by the end of March).
    availableBy: z.preprocess(endOfMonth, z.iso.date({ error: 'not_a_date' })).optional(),
    minLoad: number(0, 100).optional(),
    minCeiling: number(0, 30).optional(),
    minPower: number(0, 100_000).optional(),
    status: z.enum(STATUS_FILTERS, { error: 'invalid_option' }).default('available'),
    sort: z.enum(SORTS, { error: 'invalid_option' }).default('rent-asc'),
    page: z.coerce
      .number({ error: 'not_a_number' })
      .int('not_a_number')
      .min(1, 'too_small')
      .max(10_000, 'too_large')
      .default(1),
  })
  .superRefine((q, ctx) => {
    const reversed = (min: unknown, max: unknown, path: string) => {
      if (min !== undefined && max !== undefined && Number(min) > Number(max))
        ctx.addIssue({ code: 'custom', message: 'reversed_range', path: [path] });
    };
    reversed(q.minFloor, q.maxFloor, 'maxFloor');
    reversed(q.minArea, q.maxArea, 'maxArea');
    reversed(q.minRent, q.maxRent, 'maxRent');
  });

export type UnitSearchQuery = z.output<typeof unitSearchQuery>;
type SearchField = keyof UnitSearchQuery;
export interface SearchError {
  field: SearchField;
  code: SearchErrorCode;
}

const LIST_FIELDS = new Set(['fitOut']);
const FIELDS = new Set<string>([...FILTER_FIELDS, 'sort', 'page']);
const MAX_VALUE_LENGTH = 64;

/** Parses URL search parameters into a query, or lists what is wrong with them (field and code). */
export function parseUnitSearchParams(
  params: URLSearchParams,
): { ok: true; query: UnitSearchQuery } | { ok: false; errors: SearchError[] } {
  const raw: Record<string, string | string[]> = {};
  const errors: SearchError[] = [];
  for (const [key, value] of params) {
    if (!FIELDS.has(key)) continue;
    const trimmed = value.trim();
    if (trimmed === '') continue;
    if (trimmed.length > MAX_VALUE_LENGTH) {
      errors.push({ field: key as SearchField, code: 'invalid_option' });
      continue;
    }
    if (LIST_FIELDS.has(key))
      raw[key] = [...((raw[key] as string[] | undefined) ?? []), ...trimmed.split(',').filter(Boolean)];
    else raw[key] = trimmed;
  }
  const result = unitSearchQuery.safeParse(raw);
  if (result.success && errors.length === 0) return { ok: true, query: result.data };
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? 'page') as SearchField;
    const code =
      (
        [
          'not_a_number',
          'too_small',
          'too_large',
          'not_a_date',
          'invalid_option',
          'reversed_range',
          'not_a_level',
        ] as const
      ).find((c) => c === issue.message) ?? 'invalid_option';
    if (!errors.some((e) => e.field === field)) errors.push({ field, code });
  }
  return { ok: false, errors };
}
