/**
 * Attribution: where a visitor came from. A touch records the campaign (UTM parameters), an outside referrer,
 * the landing page and, for visits through an embedded listing, the embed. The first touch of a browser is kept
 * (90 days) and the last campaign touch is updated, in two first-party cookies, so both reach the lead even
 * when the form is posted without JavaScript.
 */
import { touchSchema, type Touch } from '../../lib/touch.ts';

export const FIRST_TOUCH_COOKIE = 'aic_ft';
export const LAST_TOUCH_COOKIE = 'aic_lt';
const TOUCH_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

function clip(value: string | null | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/** The campaign and outside-referrer part of a page view, or undefined for an ordinary internal visit. */
function campaignTouch(url: URL, referer: string | null, now: Date): Touch | undefined {
  const utm: NonNullable<Touch['utm']> = {};
  for (const key of UTM_KEYS) {
    const value = clip(url.searchParams.get(`utm_${key}`), key === 'campaign' ? 150 : 100);
    if (value) utm[key] = value;
  }
  const embedId = clip(url.searchParams.get('embed'), 64);
  let referrer: string | undefined;
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.host !== url.host) referrer = `${from.origin}${from.pathname}`.slice(0, 300);
    } catch {
      // A malformed Referer header is ignored.
    }
  }
  const hasUtm = Object.keys(utm).length > 0;
  if (!hasUtm && !referrer && !embedId) return undefined;
  return {
    ...(hasUtm ? { utm } : {}),
    ...(referrer ? { referrer } : {}),
    landingPage: landingPageOf(url),
    ...(embedId
      ? {
          embed: {
            id: embedId,
            ...(clip(url.searchParams.get('embed_host'), 200)
              ? { host: clip(url.searchParams.get('embed_host'), 200)! }
              : {}),
          },
        }
      : {}),
    at: now.toISOString(),
  };
}

/** A plain visit with nothing to attribute: only where it landed. */
function directTouch(url: URL, now: Date): Touch {
  return { landingPage: landingPageOf(url), at: now.toISOString() };
}

/**
 * The attribution cookies a page view sets, as [name, value]: the first touch when the browser has none yet,
 * and the last touch when this visit came from a campaign, another site or an embed.
 */
export function touchCookies(
  url: URL,
  referer: string | null,
  hasFirstTouch: boolean,
  now: Date,
): Array<[string, string]> {
  const touch = campaignTouch(url, referer, now);
  const cookies: Array<[string, string]> = [];
  if (!hasFirstTouch) cookies.push([FIRST_TOUCH_COOKIE, encodeTouch(touch ?? directTouch(url, now))]);
  if (touch) cookies.push([LAST_TOUCH_COOKIE, encodeTouch(touch)]);
  return cookies;
}

/** Options of both attribution cookies (first-party, 90 days, not readable by scripts). */
export function touchCookieOptions(url: URL) {
  return {
    path: '/',
    maxAge: TOUCH_MAX_AGE_SECONDS,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: url.protocol === 'https:',
  };
}

function landingPageOf(url: URL): string {
  return `${url.pathname}${url.search}`.slice(0, 300);
}

/** Cookie value of a touch (base64url JSON). */
function encodeTouch(touch: Touch): string {
  return Buffer.from(JSON.stringify(touch)).toString('base64url');
}

/** A touch from a cookie or a request body, validated; anything malformed is ignored. */
export function decodeTouch(value: string | undefined): Touch | undefined {
  if (!value || value.length > 2000) return undefined;
  try {
    return parseTouch(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Validates a touch object (e.g. sent by an integration in a JSON body). */
export function parseTouch(value: unknown): Touch | undefined {
  const result = touchSchema.safeParse(value);
  return result.success ? result.data : undefined;
}
