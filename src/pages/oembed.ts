import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { CORS_HEADERS } from '../server/api/public-json.ts';
import { errorResponse } from '../server/errors/answer-outcome.ts';
import { oembed } from '../server/syndication/oembed.ts';

/** oEmbed endpoint: /oembed?url=<unit or listing page>[&maxwidth=…&maxheight=…]. */
export const GET: APIRoute = ({ url, locals }) => {
  const outcome = oembed(locals.runtime.catalog, url.searchParams, PUBLIC_SITE_URL, url.origin);
  if (!outcome.ok) return errorResponse(outcome.refusal, CORS_HEADERS);
  return new Response(JSON.stringify(outcome.body), {
    headers: {
      ...CORS_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    },
  });
};
