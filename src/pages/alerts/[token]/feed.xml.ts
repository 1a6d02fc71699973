import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { checkAlertToken } from '../../../server/alerts/alert-link.ts';
import { alertFeed } from '../../../server/alerts/alert-feed.ts';

/** A saved search's private Atom feed (alerts/alert-feed.ts): not cached, not indexed; 404 for a dead link. */
export const GET: APIRoute = async ({ params, locals, url }) => {
  const headers = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' };
  const check = await checkAlertToken(locals.runtime.db, params.token ?? '');
  const feed =
    check.status === 'ok'
      ? await alertFeed(locals.runtime, check.id, new URL(url.pathname, PUBLIC_SITE_URL).href, PUBLIC_SITE_URL)
      : undefined;
  if (!feed)
    return new Response('This feed does not exist or has been stopped. 这个订阅源不存在或已停止。', {
      status: 404,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  return new Response(feed, { headers: { ...headers, 'content-type': 'application/atom+xml; charset=utf-8' } });
};
