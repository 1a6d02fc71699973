/**
 * Astro's image endpoint labels AVIF files `image/heif` (sharp's name for the container; withastro/astro#7493);
 * browsers, proxies and CDNs expect `image/avif`.
 */
import { defineMiddleware } from 'astro:middleware';
import { passOf } from './request-pass.ts';

export const relabelAvif = defineMiddleware(async (context, next) => {
  const asksForAvif = passOf(context).target.isImageEndpoint && context.url.searchParams.get('f') === 'avif';
  const response = await next();
  if (!asksForAvif || response.headers.get('content-type') !== 'image/heif') return response;
  const headers = new Headers(response.headers);
  headers.set('content-type', 'image/avif');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
});
