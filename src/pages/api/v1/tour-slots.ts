import type { APIRoute } from 'astro';
import { preflight, publicError, publicJson } from '../../../server/api/public-json.ts';
import { tourSlotsJson } from '../../../server/tours/tour-slots-json.ts';

/** Free tour times for units (`units=r1-0501,r1-0502`) or a building (`building=`), from a day (`from=`), in Beijing time. */
export const GET: APIRoute = async ({ url, locals, request }) => {
  const found = await tourSlotsJson(locals.runtime, url.searchParams);
  if (!found.ok) return publicError(request, found.refusal);
  const { ok: _ok, ...body } = found;
  return publicJson(request, body);
};

export const OPTIONS: APIRoute = () => preflight();
