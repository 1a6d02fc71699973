/** The park's share card (zh here, en at /en/share/park.png through the middleware's rewrite). */
import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { shareCardResponse } from '../../server/share-cards/share-card-response.ts';

export const GET: APIRoute = ({ request, locals }) => shareCardResponse(request, locals.runtime.db, locals.runtime.catalog, { kind: 'park' }, locals.lang, PUBLIC_SITE_URL);
