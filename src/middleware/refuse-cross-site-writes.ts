/**
 * A state-changing request from a browser must come from our own pages: Astro checks form posts, this also
 * covers JSON and every other method. Requests without an Origin (servers, Stripe's webhooks, curl) pass on to
 * their own checks (signatures, sessions, form tokens).
 */
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { defineMiddleware } from 'astro:middleware';

function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') === 'cross-site';
  return origin !== url.origin && origin !== new URL(PUBLIC_SITE_URL).origin;
}

function crossSiteRefusal(): Response {
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

export const refuseCrossSiteWrites = defineMiddleware((context, next) =>
  isCrossSiteWrite(context.request, context.url) ? crossSiteRefusal() : next(),
);
