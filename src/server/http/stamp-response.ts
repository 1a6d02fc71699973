/**
 * What every response carries, whoever made it: the request pipeline (src/middleware/stamp-response.ts) stamps
 * what Astro answers, and the response cache (response-cache/serve-cached.ts) stamps the kept copy it sends, with
 * the same function, so the two cannot drift apart.
 *
 * Only the embed routes may be framed, by the sites their embed allows (the page names them in
 * `locals.frameAncestors`); every other response refuses to be framed, which keeps the console and the forms
 * safe from clickjacking. HSTS only over HTTPS (directly, or behind a trusted proxy that says so).
 */
import { TRUST_PROXY } from 'astro:env/server';
import { tileImageSources } from '../map-tiles.ts';

export interface ResponseStamp {
  requestId: string;
  isHttps: boolean;
  /** Under /embed/ (http/classify-path.ts). */
  isEmbed: boolean;
  /** The CSP frame-ancestors sources an embed page allows; any site when it names none. */
  frameAncestors?: string | undefined;
}

const HSTS = 'max-age=31536000; includeSubDomains';

/** Whether the client reached us over HTTPS: directly, or through a trusted proxy that says so. */
export function isHttpsRequest(
  isDirectlyHttps: boolean,
  forwardedProto: string | string[] | null | undefined,
): boolean {
  return isDirectlyHttps || (TRUST_PROXY === true && forwardedProto === 'https');
}

/**
 * The headers to set on a response, given the Content-Security-Policy it came with: Astro sends a page's policy
 * (scripts and styles by hash) as a header, and this adds what Astro cannot know: the map-tile host for images
 * and which sites may frame the page.
 */
export function stampHeaders(
  ownPolicy: string | null | undefined,
  stamp: ResponseStamp,
  /** A page that carries a secret in its URL (a tour link) sends no Referer to other sites: `same-origin`. */
  ownReferrerPolicy?: string | null,
): Record<string, string> {
  const policy = ownPolicy?.trim().replace(/;$/, '');
  const framing = `frame-ancestors ${stamp.isEmbed ? (stamp.frameAncestors ?? '*') : "'none'"}`;
  const images = `img-src ${["'self'", 'data:', 'blob:', ...tileImageSources()].join(' ')}`;
  const headers: Record<string, string> = {
    'content-security-policy': policy ? `${policy}; ${images}; ${framing}` : framing,
    'x-content-type-options': 'nosniff',
    'referrer-policy': ownReferrerPolicy === 'same-origin' ? 'same-origin' : 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    'x-request-id': stamp.requestId,
  };
  if (!stamp.isEmbed) headers['x-frame-options'] = 'DENY';
  if (stamp.isHttps) headers['strict-transport-security'] = HSTS;
  return headers;
}

/** Sets the stamped headers on a response (on a copy when its headers are immutable, as a redirect's are). */
export function stampResponse(response: Response, stamp: ResponseStamp): Response {
  const headers = stampHeaders(
    response.headers.get('content-security-policy'),
    stamp,
    response.headers.get('referrer-policy'),
  );
  let stamped = response;
  try {
    for (const [name, value] of Object.entries(headers)) stamped.headers.set(name, value);
  } catch {
    stamped = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) stamped.headers.set(name, value);
  }
  return stamped;
}
