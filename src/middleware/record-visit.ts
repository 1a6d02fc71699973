/**
 * Records where a visit came from: the Host it arrived under (a PUBLIC_SITE_URL that does not match is logged,
 * server/check-site-url.ts), the attribution cookies of a page a visitor lands on (server/http/
 * attribution-cookies.ts, shared with the response cache), and a visit through an embed's link as that embed's
 * click.
 */
import type { APIContext } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { defineMiddleware } from 'astro:middleware';
import { noteRequestHost } from '../server/check-site-url.ts';
import { recordEmbedEvent } from '../server/embeds/manage-embeds.ts';
import { attributionCookies } from '../server/http/attribution-cookies.ts';
import { log } from '../server/log.ts';
import { passOf } from './request-pass.ts';

/** A visit that came through a widget's link counts as a click for that embed. */
async function recordEmbedClick(context: APIContext): Promise<void> {
  const embedId = context.url.searchParams.get('embed');
  if (!embedId || context.request.method !== 'GET' || !passOf(context).target.isLandingPage) return;
  await recordEmbedEvent(context.locals.runtime.db, embedId, 'click', context.url.searchParams.get('embed_host')).catch(
    (error: Error) => log.warn('embed.click_not_recorded', {}, error),
  );
}

export const recordVisit = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  noteRequestHost(PUBLIC_SITE_URL, url.host);
  const headers = { cookie: request.headers.get('cookie'), referer: request.headers.get('referer') };
  for (const { name, value, options } of attributionCookies(request.method, url, passOf(context).target, headers))
    context.cookies.set(name, value, options);
  await recordEmbedClick(context);
  return next();
});
