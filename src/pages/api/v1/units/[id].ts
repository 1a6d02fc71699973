import type { APIRoute } from 'astro';
import { getUnitJson } from '../../../../server/api/public-api.ts';
import { preflight, publicError, publicJson } from '../../../../server/api/public-json.ts';

/** One unit with its live state, or 404. */
export const GET: APIRoute = async ({ params, locals, request }) => {
  const found = await getUnitJson(locals.runtime, params.id ?? '');
  return found.ok ? publicJson(request, found.unit) : publicError(request, found.refusal);
};

export const OPTIONS: APIRoute = () => preflight();
