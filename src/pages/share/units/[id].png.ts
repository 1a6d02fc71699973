/** A unit's share card; 404 for an id the catalog does not have. */
import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { parseShareCardRef, shareCardResponse } from '../../../server/share-cards/share-card-response.ts';

export const GET: APIRoute = ({ request, params, locals }) =>
  shareCardResponse(request, locals.runtime.db, locals.runtime.catalog, parseShareCardRef('unit', params.id), locals.lang, PUBLIC_SITE_URL);
