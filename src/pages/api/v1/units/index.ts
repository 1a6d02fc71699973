import type { APIRoute } from 'astro';
import { searchUnitsJson } from '../../../../server/api/public-api.ts';
import { preflight, publicError, publicJson } from '../../../../server/api/public-json.ts';

/** Units matching the search parameters of /units, as JSON; 400 with field-level messages for bad parameters. */
export const GET: APIRoute = async ({ url, locals, request }) => {
  const found = await searchUnitsJson(locals.runtime, url.searchParams);
  if (!found.ok) return publicError(request, found.refusal);
  const { ok: _ok, ...body } = found;
  return publicJson(request, body);
};

export const OPTIONS: APIRoute = () => preflight();
