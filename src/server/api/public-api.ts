/**
 * The public read API's answers (/api/v1/…), each built by one function the route calls: the buildings with
 * their availability, a unit search (the parameters of /units), one unit. Bad parameters and unknown units are
 * refusals of the catalogue, answered in the one error shape (public-json.ts).
 */
import { formatMessage } from '../../i18n/format-message.ts';
import { messages } from '../../i18n/messages.ts';
import type { SearchError } from '../../lib/unit-search-query.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { FieldProblem } from '../errors/error-catalogue.ts';
import { buildingAvailability, toListings } from '../inventory/availability.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';
import { runUnitSearch } from '../inventory/run-unit-search.ts';
import { toUnitSummary } from '../inventory/summarize-unit.ts';

type Deps = { db: Database; catalog: Catalog };

/** The park's buildings with their facts and live availability. */
export async function listBuildingsJson({ db, catalog }: Deps) {
  const states = await listUnitStates(db);
  return {
    buildings: catalog.buildings.map((b) => {
      const a = buildingAvailability(catalog, b.id, states);
      return {
        id: b.id,
        slug: b.slug,
        code: b.code,
        kind: b.kind,
        name: b.name,
        tagline: b.tagline,
        grossArea: b.grossArea,
        floorsAboveGround: b.floorsAboveGround,
        floorsBelowGround: b.floorsBelowGround,
        heightM: b.heightM,
        propertyFeePerSqmMonth: b.propertyFeePerSqmMonth,
        availability: {
          unitCount: a.unitCount,
          availableUnits: a.availableUnits,
          leasableArea: a.leasableArea,
          availableArea: a.availableArea,
          lowestRentPerSqmDay: a.lowestRent ?? null,
        },
        sample: b.sample,
      };
    }),
  };
}

/** A search parameter's problem in both languages, named by its label on the search page. */
function describeSearchError(e: SearchError): FieldProblem {
  const word = (lang: 'zh' | 'en') => {
    const m = messages(lang).search;
    return formatMessage(m.errors[e.code], { label: m.fields[e.field] });
  };
  return { field: e.field, code: e.code, message: { zh: word('zh'), en: word('en') } };
}

/** Units matching the search parameters of /units, or the parameters' problems. */
export async function searchUnitsJson({ db, catalog }: Deps, params: URLSearchParams) {
  const { errors, result } = await runUnitSearch(db, catalog, params);
  if (errors.length > 0) return refused('invalid', { errors: errors.map(describeSearchError) });
  return {
    ok: true as const,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    pageSize: result.pageSize,
    units: result.units.map((u) => toUnitSummary(u, catalog)),
  };
}

/** One unit with its live state, or `unknown_unit` (404). */
export async function getUnitJson(
  { db, catalog }: Deps,
  id: string,
): Promise<Outcome<{ unit: ReturnType<typeof toUnitSummary> }>> {
  const unit = /^[a-z0-9-]{1,40}$/.test(id) ? catalog.unitById.get(id) : undefined;
  if (!unit) return refused('unknown_unit');
  const [listing] = toListings([unit], await listUnitStates(db, [unit.id]));
  return { ok: true, unit: toUnitSummary(listing!, catalog) };
}
