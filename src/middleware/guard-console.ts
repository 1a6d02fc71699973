/**
 * The console: a valid staff session, and a role allowed on this path (server/auth/console-access.ts), before
 * anything else of the console runs. The sign-in pages are open to all.
 */
import type { APIContext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { localePath, type Lang } from '../i18n/lang.ts';
import { isAllowed } from '../server/auth/console-access.ts';
import { passOf } from './request-pass.ts';

function signInRequired(context: APIContext, isApi: boolean, lang: Lang): Response {
  if (isApi)
    return Response.json(
      { error: { code: 'unauthenticated', message: { zh: '请先登录', en: 'Please sign in' } } },
      { status: 401 },
    );
  return context.redirect(
    `${localePath(lang, '/console/login')}?next=${encodeURIComponent(`${context.url.pathname}${context.url.search}`)}`,
    303,
  );
}

function roleRefused(isApi: boolean, lang: Lang): Response {
  return isApi
    ? Response.json(
        { error: { code: 'forbidden', message: { zh: '您的角色无权执行此操作', en: 'Your role may not do this' } } },
        { status: 403 },
      )
    : new Response(lang === 'zh' ? '您的角色无权访问此页面。' : 'Your role may not open this page.', {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
}

export const guardConsole = defineMiddleware(async (context, next) => {
  const { console: area, isApi, lang, path } = passOf(context).target;
  if (area !== 'staff') return next();
  const session = await context.locals.runtime.auth.api
    .getSession({ headers: context.request.headers })
    .catch(() => null);
  if (!session || session.user.banned) return signInRequired(context, isApi, lang);
  const role = session.user.role ?? '';
  if (!isAllowed(path, context.request.method, role)) return roleRefused(isApi, lang);
  context.locals.staff = {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: role as 'admin' | 'agent' | 'marketing',
  };
  return next();
});
