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
  /** What the response cache may keep of a GET here (CACHEABLE_ROUTES; the query can still rule it out), or null. */
  cacheAs: CacheKind | null;
}

const CONSOLE = /^\/(api\/)?console(\/|$)/;
/** Read by programs, not visitors: no attribution there. */
const FILE = /\.(xml|txt|json|js|png)$/;

type CacheKind = 'page' | 'api' | 'image' | 'syndication';

/**
 * The only paths whose answer the response cache may keep, with what kind of answer each is. Opt-in: a path not
 * listed here is rendered for every request, so a new page (a personal link such as a tour or proposal token)
 * can never be shown to the next visitor by mistake. List a route only when its answer depends on nothing but its
 * URL, the Beijing day and unit states (a photo: the build alone). Matched on the path without its language
 * prefix; pages also with a trailing slash, which Astro serves alike.
 */
const CACHEABLE_ROUTES: ReadonlyArray<readonly [RegExp, CacheKind]> = [
  // The public catalogue pages: home, map, buildings and floor plans, unit search and unit pages, compare.
  [/^\/$/, 'page'],
  [/^\/(map|amenities|contact|privacy|compare)\/?$/, 'page'],
  [/^\/buildings(\/[^/]+(\/floors\/[^/]+)?)?\/?$/, 'page'],
  [/^\/units(\/[^/]+)?\/?$/, 'page'],
  // The public read API.
  [/^\/api\/v1\/(units(\/[^/]+)?|buildings|openapi\.json)$/, 'api'],
  // The widgets (which count their views in memory, embeds/count-embed-views.ts) and the feed: no attribution.
  [/^\/embed\/(listings|units\/[^/]+)$/, 'syndication'],
  [/^\/feeds\/units\.xml$/, 'syndication'],
  // Photos resized by Astro's image endpoint.
  [/^\/_image$/, 'image'],
];

/** What the response cache may keep of a GET on `path` (without its language prefix), or null. */
function cacheKindOf(path: string): CacheKind | null {
  return CACHEABLE_ROUTES.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

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
    cacheAs: cacheKindOf(path),
  };
}
