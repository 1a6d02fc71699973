/**
 * One entry point for every unit search (page, JSON API): parses the URL parameters, and answers with either
 * the results or the problems with the parameters plus the results of the default search.
 */
import type { SearchError, UnitSearchQuery } from '../../lib/unit-search-query.ts';
import { parseUnitSearchParams } from '../../lib/unit-search-query.ts';
import { DEFAULT_QUERY } from '../../lib/unit-search-params.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { searchUnits, type UnitSearchResult } from './search-units.ts';

export interface UnitSearchOutcome {
  query: UnitSearchQuery;
  errors: SearchError[];
  result: UnitSearchResult;
}

/** Searches with the given URL parameters; bad parameters fall back to the default search and are reported. */
export async function runUnitSearch(
  db: Database,
  catalog: Catalog,
  params: URLSearchParams,
): Promise<UnitSearchOutcome> {
  const parsed = parseUnitSearchParams(params);
  let errors: SearchError[] = parsed.ok ? [] : parsed.errors;
  let query: UnitSearchQuery = parsed.ok ? parsed.query : DEFAULT_QUERY;
  if (parsed.ok && query.building && !catalog.buildingBySlug.has(query.building)) {
    errors = [{ field: 'building', code: 'invalid_option' }];
    query = DEFAULT_QUERY;
  }
  return { query, errors, result: await searchUnits(db, catalog, query) };
}
