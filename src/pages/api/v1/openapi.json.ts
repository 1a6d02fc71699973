import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { openApiDocument } from '../../../server/api/openapi.ts';
import { preflight, publicJson } from '../../../server/api/public-json.ts';

/** The OpenAPI 3.1 document of the public API. */
export const GET: APIRoute = ({ request }) => publicJson(request, openApiDocument(PUBLIC_SITE_URL));
export const OPTIONS: APIRoute = () => preflight();
