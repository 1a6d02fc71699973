/**
 * Runs before every page and endpoint: starts the runtime (once), and serves English pages under /en/ from
 * the same page files as Chinese by rewriting /en/… to /… with `locals.lang = 'en'`.
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { splitLangFromPath } from './i18n/lang.ts';
import { FIRST_TOUCH_COOKIE, touchCookieOptions, touchCookies } from './server/leads/attribution.ts';
import { getRuntime, type Runtime } from './server/runtime.ts';
import { isAllowed, isConsolePath, isPublicConsolePath } from './server/auth/console-access.ts';
import { localePath } from './i18n/lang.ts';
import { log, RequestFailedError } from './server/log.ts';
import { explainFault } from './server/explain-fault.ts';
import { noteRequestHost } from './server/check-site-url.ts';
import { recordEmbedEvent } from './server/embeds/manage-embeds.ts';
import { tileImageSources } from './server/map-tiles.ts';
import { offeredPhotoUrls } from './server/catalog/photos.ts';
import { readInventoryVersion } from './server/inventory/inventory-version.ts';
import { rememberResponse, responseCacheKey } from './server/response-cache/response-cache.ts';
// Puts the cache's request handler where scripts/serve.mjs finds it.
import './server/response-cache/serve-cached.ts';
import { requestContext, requestIdFrom } from './server/request-context.ts';
import { refuseOversizeBody } from './server/security/request-body-limit.ts';
import { refuseNulCharacters } from './server/security/refuse-nul-characters.ts';
import { PUBLIC_SITE_URL, TRUST_PROXY } from 'astro:env/server';

async function runtimeOrExit(): Promise<Runtime> {
  try {
    return await getRuntime();
  } catch (error) {
    // Nothing can be served without the catalog and the database: say why once and stop, so a process
    // manager or the person at the terminal sees it at once instead of a server answering 500s.
    log.error('runtime.failed', {}, error);
    // Start-up failures come from settings, the catalog or the database, never from a request: the operator
    // needs the full explanation (with a code and what to do when the error has no message, e.g. a full disk).
    console.error(`\n✗ The portal cannot start.\n\n${explainFault(error)}\n`);
    process.exit(1);
  }
}

/** Remembers where a visitor came from (first visit, latest campaign visit) for the leads they may send. */
function recordTouch(context: APIContext): void {
  const { request, url, cookies } = context;
  if (
    request.method !== 'GET' ||
    url.pathname.startsWith('/api/') ||
    url.pathname === '/_image' ||
    /^(\/en)?\/embed\//.test(url.pathname) ||
    /\.(xml|txt|json|js|png)$/.test(url.pathname) ||
    url.pathname === '/healthz' ||
    /^(\/en)?\/console(\/|$)/.test(url.pathname)
  )
    return;
  const options = touchCookieOptions(url);
  for (const [name, value] of touchCookies(
    url,
    request.headers.get('referer'),
    cookies.has(FIRST_TOUCH_COOKIE),
    new Date(),
  ))
    cookies.set(name, value, options);
}

/**
 * Headers every response carries. Only the embed routes may be framed, by the sites their embed allows (the
 * page sets that); every other response refuses to be framed, which keeps the console and forms safe from
 * clickjacking. HSTS only over HTTPS (directly, or behind a trusted proxy that says so).
 */
function applySecurityHeaders(
  response: Response,
  path: string,
  isHttps: boolean,
  requestId: string,
  frameAncestors: string | undefined,
): Response {
  const isEmbed = path.startsWith('/embed/');
  try {
    const h = response.headers;
    // Astro sends the page's policy (scripts and styles by hash) as a header; add what it cannot know: which
    // sites may frame the page, and the map-tile host for images.
    const pagePolicy = h.get('content-security-policy')?.trim().replace(/;$/, '');
    const framing = `frame-ancestors ${isEmbed ? (frameAncestors ?? '*') : "'none'"}`;
    const images = `img-src ${["'self'", 'data:', 'blob:', ...tileImageSources()].join(' ')}`;
    h.set('content-security-policy', pagePolicy ? `${pagePolicy}; ${images}; ${framing}` : framing);
    if (!isEmbed) h.set('x-frame-options', 'DENY');
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'strict-origin-when-cross-origin');
    h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('x-request-id', requestId);
    if (isHttps) h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return response;
  } catch {
    // Immutable headers (a redirect made by Response.redirect): copy the response.
    return applySecurityHeaders(new Response(response.body, response), path, isHttps, requestId, frameAncestors);
  }
}

/**
 * Astro's image endpoint labels AVIF files `image/heif` (sharp's name for the container; withastro/astro#7493);
 * browsers, proxies and CDNs expect `image/avif`.
 */
function labelAvif(response: Response, url: URL): Response {
  if (
    url.pathname !== '/_image' ||
    url.searchParams.get('f') !== 'avif' ||
    response.headers.get('content-type') !== 'image/heif'
  )
    return response;
  const headers = new Headers(response.headers);
  headers.set('content-type', 'image/avif');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A visit that came through a widget's link counts as a click for that embed. */
async function recordEmbedClick(context: APIContext, path: string): Promise<void> {
  const embedId = context.url.searchParams.get('embed');
  if (
    !embedId ||
    context.request.method !== 'GET' ||
    path.startsWith('/embed/') ||
    path.startsWith('/api/') ||
    isConsolePath(path)
  )
    return;
  await recordEmbedEvent(context.locals.runtime.db, embedId, 'click', context.url.searchParams.get('embed_host')).catch(
    (error: Error) => log.warn('embed.click_not_recorded', {}, error),
  );
}

export const onRequest = defineMiddleware(async (context, next) => {
  const { path } = splitLangFromPath(context.url.pathname);
  // The rewrite of /en/… runs the middleware again for the same request: one id, one access log line.
  const outer = requestContext.getStore();
  if (outer) return handle(context, next);
  const requestId = requestIdFrom(context.request.headers.get('x-request-id'));
  return requestContext.run({ requestId }, async () => {
    const started = performance.now();
    const isHttps =
      context.url.protocol === 'https:' ||
      (TRUST_PROXY === true && context.request.headers.get('x-forwarded-proto') === 'https');
    let response: Response;
    try {
      // A cacheable answer is filed under the inventory version read before rendering it (response-cache/).
      const cacheKey = responseCacheKey(context.request.method, context.url);
      const db = cacheKey ? (await runtimeOrExit()).db : undefined;
      const version = db ? await readInventoryVersion(db) : undefined;
      const handled = await refuseOversizeBody(context.request, path, () =>
        refuseNulCharacters(context.request, path, () => handle(context, next)),
      );
      response = applySecurityHeaders(
        labelAvif(handled, context.url),
        path,
        isHttps,
        requestId,
        context.locals.frameAncestors,
      );
      if (cacheKey && db && version) response = await rememberResponse(db, cacheKey, version, response);
    } catch (error) {
      log.error('request.failed', { method: context.request.method, path: context.url.pathname }, error);
      // Astro logs what it catches with its message (a database error's quotes the values a person typed): it
      // gets a plain error instead; the cause was logged above, without its message.
      throw new RequestFailedError(requestId);
    }
    // Path without the query: queries can carry personal data (and are not needed to find a slow route).
    if (path !== '/healthz')
      log.info('request', {
        method: context.request.method,
        path: context.url.pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
    return response;
  });
});

/**
 * A state-changing request from a browser must come from our own pages: Astro checks form posts, this also
 * covers JSON and every other method. Requests without an Origin (servers, Stripe's webhooks, curl) pass on to
 * their own checks (signatures, sessions, form tokens).
 */
function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') === 'cross-site';
  return origin !== url.origin && origin !== new URL(PUBLIC_SITE_URL).origin;
}

/**
 * True when a request path decodes to a C0 control character or DEL. Decoded as often as Astro decodes it
 * (until nothing changes), from the raw request URL: context.url silently drops tabs and line breaks.
 */
function hasControlCharacter(rawPath: string): boolean {
  let path = rawPath;
  for (let round = 0; round < 10; round++) {
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    if (/[\u0000-\u001f\u007f]/.test(path)) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return false; // Astro refuses invalid percent-encoding itself.
    }
    if (decoded === path) return false;
    path = decoded;
  }
  return false;
}

function notFound(): Response {
  return new Response('页面不存在 · Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

async function handle(context: APIContext, next: MiddlewareNext): Promise<Response> {
  if (context.locals.lang === undefined && isCrossSiteWrite(context.request, context.url)) {
    return Response.json(
      {
        error: {
          code: 'cross_site',
          message: { zh: '不接受来自其他网站的提交', en: 'Submissions from other sites are not accepted' },
        },
      },
      { status: 403 },
    );
  }
  // The image endpoint resizes only the photos the pages offer, at the sizes they offer (catalog/photos.ts).
  if (
    context.url.pathname === '/_image' &&
    !(await offeredPhotoUrls()).has(`${context.url.pathname}${context.url.search}`)
  ) {
    return new Response('图片不存在 · No such image', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  // Astro hands pages decoded route parameters: a line break or NUL there would reach Location headers and
  // SQL (a 500). No page of the portal has such a name.
  if (context.locals.lang === undefined && hasControlCharacter(new URL(context.request.url).pathname))
    return notFound();
  context.locals.runtime = await runtimeOrExit();
  if (context.locals.lang === undefined) {
    noteRequestHost(PUBLIC_SITE_URL, context.url.host);
    recordTouch(context);
    await recordEmbedClick(context, splitLangFromPath(context.url.pathname).path);
  }
  const { lang, path } = splitLangFromPath(context.url.pathname);
  const isFirstPass = context.locals.lang === undefined;
  context.locals.lang ??= lang;
  context.locals.pathWithoutLang ??= path;
  // The rewrite target comes from the request's own (still percent-encoded) path: context.url.pathname is
  // already decoded, and Astro decodes a rewrite target again ("/en/%25" would become "/%", a 500).
  const target = new URL(
    `${splitLangFromPath(new URL(context.request.url).pathname).path}${context.url.search}`,
    context.url,
  );

  // The console: a valid staff session, and a role allowed on this path, before anything else runs.
  if (isFirstPass && isConsolePath(path) && !isPublicConsolePath(path)) {
    const isApi = path.startsWith('/api/');
    const session = await context.locals.runtime.auth.api
      .getSession({ headers: context.request.headers })
      .catch(() => null);
    if (!session || session.user.banned) {
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
    const role = session.user.role ?? '';
    if (!isAllowed(path, context.request.method, role)) {
      return isApi
        ? Response.json(
            {
              error: { code: 'forbidden', message: { zh: '您的角色无权执行此操作', en: 'Your role may not do this' } },
            },
            { status: 403 },
          )
        : new Response(lang === 'zh' ? '您的角色无权访问此页面。' : 'Your role may not open this page.', {
            status: 403,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          });
    }
    context.locals.staff = {
      id: session.user.id,
      email: session.user.email,
      name: session.user.name,
      role: role as 'admin' | 'agent' | 'marketing',
    };
  }

  // A form posted without JavaScript: run its action here, then render the page as a plain GET. (The React
  // renderer would otherwise try to read the already consumed form body again and fail.)
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (isFirstPass && action?.calledFrom === 'form') {
    const result = await action.handler();
    const redirectTo = (result.data as { redirectTo?: unknown } | undefined)?.redirectTo;
    if (typeof redirectTo === 'string') return context.redirect(redirectTo, 303);
    setActionResult(action.name, serializeActionResult(result));
    const headers = new Headers(context.request.headers);
    headers.delete('content-type');
    headers.delete('content-length');
    return next(new Request(target, { method: 'GET', headers }));
  }
  return isFirstPass && lang === 'en' ? next(target) : next();
}
