import type { APIRoute } from 'astro';
import { listBuildingsJson } from '../../../server/api/public-api.ts';
import { preflight, publicJson } from '../../../server/api/public-json.ts';

/** The park's buildings with their facts and live availability. */
export const GET: APIRoute = async ({ locals, request }) =>
  publicJson(request, await listBuildingsJson(locals.runtime));

export const OPTIONS: APIRoute = () => preflight();
