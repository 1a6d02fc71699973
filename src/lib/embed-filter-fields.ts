/**
 * The embed editor's filter fields (the same as the unit search's) and the stored filter string they make:
 * staff choose a building, floors, area, rent, handover and technical minimums instead of typing
 * `minArea=300&minLoad=5`. Pure, so the page and its live preview build the same string.
 */
import { FILTER_FIELDS } from './unit-search-params.ts';

/** The filter string of the submitted fields, in a fixed order, leaving out empty ones and the default status. */
export function filtersFromFields(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_FIELDS) {
    const raw = fields[key];
    const values = (Array.isArray(raw) ? raw : [raw])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .map((v) => v.trim());
    if (values.length === 0 || (key === 'status' && values[0] === 'available')) continue;
    if (key === 'fitOut') params.set(key, values.join(','));
    else params.set(key, values[0]!);
  }
  return params.toString().replaceAll('%2C', ',');
}

/** Whether a submission carries the filter fields (the editor) rather than a ready filter string (older forms, scripts). */
export function hasFilterFields(fields: Record<string, unknown>): boolean {
  return FILTER_FIELDS.some((key) => key in fields);
}
