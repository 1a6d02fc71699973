/** The park's share card; in English at /en/share/… through the middleware's rewrite. */
import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { parseShareCardPath, shareCardResponse } from '../../server/share-cards/share-card-response.ts';

export const GET: APIRoute = ({ request, locals }) =>
  shareCardResponse(
    request,
    locals.runtime.db,
    locals.runtime.catalog,
    parseShareCardPath(locals.pathWithoutLang),
    locals.lang,
    PUBLIC_SITE_URL,
  );
