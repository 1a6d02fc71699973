import type { APIRoute } from 'astro';
import { apiError, preflight, publicJson } from '../../../../server/api/public-json.ts';
import { toListings } from '../../../../server/inventory/availability.ts';
import { listUnitStates } from '../../../../server/inventory/list-unit-states.ts';
import { toUnitSummary } from '../../../../server/inventory/summarize-unit.ts';

/** One unit with its live state, or 404. */
export const GET: APIRoute = async ({ params, locals, request }) => {
  const { catalog, db } = locals.runtime;
  const id = params.id ?? '';
  const unit = /^[a-z0-9-]{1,40}$/.test(id) ? catalog.unitById.get(id) : undefined;
  if (!unit) return apiError(request, 404, 'not_found', '没有这个单元', 'There is no such unit');
  const [listing] = toListings([unit], await listUnitStates(db, [unit.id]));
  return publicJson(request, toUnitSummary(listing!, catalog));
};

export const OPTIONS: APIRoute = () => preflight();
