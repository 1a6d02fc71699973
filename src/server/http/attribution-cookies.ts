/**
 * Which attribution cookies (leads/attribution.ts) a request sets: a visitor's GET of a page they land on records
 * where they came from, for the leads they may send. Used by the request pipeline (src/middleware/record-visit.ts)
 * and by the response cache (response-cache/serve-cached.ts), which answers such pages before Astro runs.
 */
import { parseCookie } from 'cookie';
import { FIRST_TOUCH_COOKIE, touchCookieOptions, touchCookies } from '../leads/attribution.ts';
import type { PathInfo } from './classify-path.ts';

export interface AttributionCookie {
  name: string;
  value: string;
  options: ReturnType<typeof touchCookieOptions>;
}

/** The cookies to set for this request (none but for a GET of a landing page). */
export function attributionCookies(
  method: string,
  url: URL,
  target: PathInfo,
  headers: { cookie: string | null | undefined; referer: string | null | undefined },
): AttributionCookie[] {
  if (method !== 'GET' || !target.isLandingPage) return [];
  const hasFirstTouch = parseCookie(headers.cookie ?? '')[FIRST_TOUCH_COOKIE] !== undefined;
  const options = touchCookieOptions(url);
  return touchCookies(url, headers.referer ?? null, hasFirstTouch, new Date()).map(([name, value]) => ({
    name,
    value,
    options,
  }));
}
