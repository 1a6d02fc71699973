import type { APIRoute } from 'astro';
import { localePath } from '../../../i18n/lang.ts';
import { checkAlertToken } from '../../../server/alerts/alert-link.ts';
import { changeSubscription } from '../../../server/alerts/manage-subscriptions.ts';

/**
 * One-click unsubscribe (RFC 8058): mail programs POST `List-Unsubscribe=One-Click` to the address in an alert's
 * `List-Unsubscribe` header, from their own servers (no Origin: scripts/lib/one-click-unsubscribe.mjs lets that
 * through Astro's origin check for this path only). The signed token says which subscription; nothing else
 * changes. A GET (a person following the link, or a scanner) only leads to the manage page, which asks.
 */
export const POST: APIRoute = async ({ url, locals }) => {
  const check = await checkAlertToken(locals.runtime.db, url.searchParams.get('token') ?? '');
  if (check.status !== 'ok') return new Response('This link is not valid. 这个链接无效。', { status: 403 });
  const done = await changeSubscription(locals.runtime.db, check.id, 'unsubscribe');
  return new Response(done.ok ? 'Unsubscribed. 已退订。' : 'This alert has been deleted. 这个提醒已删除。', {
    status: done.ok ? 200 : 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
};

export const GET: APIRoute = ({ url, redirect }) =>
  redirect(
    `${localePath('zh', `/alerts/${encodeURIComponent(url.searchParams.get('token') ?? '')}`)}?unsubscribe=1`,
    303,
  );
