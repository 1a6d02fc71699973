import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { sitemap } from '../server/syndication/sitemap.ts';

export const GET: APIRoute = ({ locals }) =>
  new Response(sitemap(locals.runtime.catalog, PUBLIC_SITE_URL), {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
