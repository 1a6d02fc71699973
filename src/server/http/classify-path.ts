/**
 * What a request path is, decided in one place for the request pipeline (src/middleware/) and the response
 * cache alike: its language, whether it is the API, the console, an embed, Astro's image endpoint, the health
 * check or the Stripe webhook, whether a visitor lands on it (attribution is recorded there), and what the
 * response cache may keep of it. Every rule matches the path without its language prefix, so `/en/…` is what
 * `/…` is.
 */
import { splitLangFromPath, type Lang } from '../../i18n/lang.ts';
import { isPublicConsolePath } from '../auth/console-access.ts';

export interface PathInfo {
  /** The path as requested (decoded), with its language prefix. */
  pathname: string;
  lang: Lang;
  /** The path without its language prefix: what routes, tables and the rules below match. */
  path: string;
  /** Under /api/: answers, and refusals, are JSON. */
  isApi: boolean;
  /** The staff console, pages and API: its sign-in pages are open to all, every other path needs staff. */
  console: 'staff' | 'sign-in' | null;
  /** Under /embed/: may be framed, by the sites its embed allows; nothing else may be. */
  isEmbed: boolean;
  /** Astro's image endpoint, which resizes only the photos the pages offer. */
  isImageEndpoint: boolean;
  /** Polled by load balancers: not in the access log. */
  isHealthCheck: boolean;
  /** Stripe's events: the one route with a larger body limit, and a raw body checked by signature. */
  isStripeWebhook: boolean;
  /** A page a visitor lands on and reads, where attribution (touches, embed clicks) is recorded. */
  isLandingPage: boolean;
  /** What the response cache may keep of a GET here (the query can still rule it out), or null. */
  cacheAs: 'page' | 'api' | 'image' | null;
}

const CONSOLE = /^\/(api\/)?console(\/|$)/;
/** Read by programs, not visitors: no attribution there. */
const FILE = /\.(xml|txt|json|js|png)$/;
/** The public read API's answers that depend only on the URL, the day and unit states. */
const CACHED_API = /^\/api\/v1\/(units(\/[^/]+)?|buildings|openapi\.json)$/;
/**
 * Pages rendered for every request: a reservation is personal; feeds, oEmbed, the sitemap, robots.txt, share
 * cards (which keep their own pictures, share-cards/render-share-card.ts) and flyers are read by programs or
 * printed, and are not worth the memory.
 */
const RENDERED_EACH_TIME = /^\/(reserve|feeds|oembed|sitemap\.xml|robots\.txt|share)(\/|$)|\/flyer$/;

/** Describes a request path (decoded, as `context.url.pathname` gives it). */
export function classifyPath(pathname: string): PathInfo {
  const { lang, path } = splitLangFromPath(pathname);
  const isApi = path.startsWith('/api/');
  const consoleArea = CONSOLE.test(path) ? (isPublicConsolePath(path) ? 'sign-in' : 'staff') : null;
  const isEmbed = path.startsWith('/embed/');
  const isImageEndpoint = path === '/_image';
  const isHealthCheck = path === '/healthz';
  const isLandingPage = !isApi && !consoleArea && !isEmbed && !isImageEndpoint && !isHealthCheck && !FILE.test(path);
  return {
    pathname,
    lang,
    path,
    isApi,
    console: consoleArea,
    isEmbed,
    isImageEndpoint,
    isHealthCheck,
    isStripeWebhook: path === '/api/webhooks/stripe',
    isLandingPage,
    cacheAs: isImageEndpoint
      ? 'image'
      : CACHED_API.test(path)
        ? 'api'
        : isLandingPage && !RENDERED_EACH_TIME.test(path)
          ? 'page'
          : null,
  };
}
