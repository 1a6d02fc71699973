/**
 * A form posted without JavaScript: its action runs here, then the page renders as a plain GET showing the
 * outcome (or the browser is sent where the action says, e.g. on to Checkout). The React renderer would
 * otherwise try to read the already consumed form body again and fail.
 */
import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { pageUrl } from './serve-english.ts';

export const runFormAction = defineMiddleware(async (context, next) => {
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (action?.calledFrom !== 'form') return next();
  const result = await action.handler();
  const redirectTo = (result.data as { redirectTo?: unknown } | undefined)?.redirectTo;
  if (typeof redirectTo === 'string') return context.redirect(redirectTo, 303);
  setActionResult(action.name, serializeActionResult(result));
  const headers = new Headers(context.request.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  // The page itself, without its language prefix: serve-english.ts then has nothing left to rewrite.
  return next(new Request(pageUrl(context), { method: 'GET', headers }));
});
