import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { CORS_HEADERS } from '../server/api/public-json.ts';
import { oembed } from '../server/syndication/oembed.ts';

/** oEmbed endpoint: /oembed?url=<unit or listing page>[&maxwidth=…&maxheight=…]. */
export const GET: APIRoute = ({ url, locals }) => {
  const outcome = oembed(locals.runtime.catalog, url.searchParams, PUBLIC_SITE_URL, url.origin);
  const headers = { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8' };
  if (!outcome.ok)
    return new Response(
      JSON.stringify({ error: { code: outcome.code, message: { zh: outcome.zh, en: outcome.en } } }),
      { status: outcome.status, headers },
    );
  return new Response(JSON.stringify(outcome.body), {
    headers: { ...headers, 'cache-control': 'public, max-age=3600' },
  });
};
