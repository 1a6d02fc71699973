import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';

/**
 * Crawlers: public pages yes; the console, the API, checkout, the framed widgets and personal links (tours,
 * proposals, alerts: they also answer `X-Robots-Tag: noindex`) no.
 */
export const GET: APIRoute = () =>
  new Response(
    [
      'User-agent: *',
      'Disallow: /console',
      'Disallow: /en/console',
      'Disallow: /api/',
      'Disallow: /reserve/',
      'Disallow: /en/reserve/',
      'Disallow: /embed/',
      'Disallow: /en/embed/',
      'Disallow: /tours/',
      'Disallow: /en/tours/',
      'Disallow: /proposals/',
      'Disallow: /en/proposals/',
      'Disallow: /alerts/',
      'Disallow: /en/alerts/',
      'Allow: /',
      '',
      `Sitemap: ${new URL('/sitemap.xml', PUBLIC_SITE_URL).href}`,
      '',
    ].join('\n'),
    { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } },
  );
