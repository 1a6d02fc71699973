import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { unitsFeed } from '../../server/syndication/units-feed.ts';

/** Atom feed of units that became available (/feeds/units.xml, English at /en/feeds/units.xml). */
export const GET: APIRoute = async ({ locals }) =>
  new Response(await unitsFeed(locals.runtime.db, locals.runtime.catalog, PUBLIC_SITE_URL, locals.lang), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
