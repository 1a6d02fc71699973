/**
 * Answers a request from the response cache (response-cache.ts) before Astro runs, when the cache holds the
 * current answer. scripts/serve.mjs gives every request here first, through a global hook (it runs the built
 * bundle and cannot import this module); anything not answered here goes on to Astro, unchanged.
 *
 * What differs between visitors is made for each response, the way the middleware makes it: the request id,
 * HSTS (over HTTPS only), the attribution cookies, the inquiry form's signed token (issued now, in place of the
 * one the cached copy was rendered with), a 304 for a matching If-None-Match (API), the content encoding the
 * client takes, and the access log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { TRUST_PROXY } from 'astro:env/server';
import { parseCookie, stringifySetCookie } from 'cookie';
import { etagMatches } from '../api/public-json.ts';
import { countWidgetView } from '../embeds/count-embed-views.ts';
import { readInventoryVersion } from '../inventory/inventory-version.ts';
import { FIRST_TOUCH_COOKIE, touchCookieOptions, touchCookies } from '../leads/attribution.ts';
import { FORM_TOKEN_SECRET } from '../leads/submit-lead.ts';
import { log } from '../log.ts';
import { requestContext, requestIdFrom } from '../request-context.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { issueFormToken } from '../security/form-token.ts';
import { chooseEncoding, compress, MIN_COMPRESSED_BYTES } from './encoding.ts';
import { cachedFrom, cachedResponse, responseCacheKey, type CachedResponse } from './response-cache.ts';

function requestUrl(req: IncomingMessage, isTls: boolean): URL | null {
  try {
    return new URL(req.url ?? '/', `${isTls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  } catch {
    return null;
  }
}

/** The attribution cookies for a page view, serialised as Astro's cookies.set would. */
function setCookies(req: IncomingMessage, url: URL): string[] {
  const hasFirstTouch = parseCookie(req.headers.cookie ?? '')[FIRST_TOUCH_COOKIE] !== undefined;
  return touchCookies(url, req.headers.referer ?? null, hasFirstTouch, new Date()).map(([name, value]) =>
    stringifySetCookie({ ...touchCookieOptions(url), name, value }),
  );
}

/** The body to send: kept pieces with a new form token between them (uncompressed), or one compressed buffer. */
async function bodyFor(
  entry: CachedResponse,
  acceptEncoding: string | string[] | undefined,
): Promise<{ chunks: Buffer[]; encoding: string | null }> {
  const token =
    entry.pieces.length > 1
      ? Buffer.from(issueFormToken(await getAppSecret(cachedFrom()!, FORM_TOKEN_SECRET)))
      : undefined;
  const chunks = token ? entry.pieces.flatMap((piece, i) => (i === 0 ? [piece] : [token, piece])) : entry.pieces;
  const encoding = entry.compressible && entry.bytes >= MIN_COMPRESSED_BYTES ? chooseEncoding(acceptEncoding) : null;
  if (!encoding) return { chunks, encoding: null };
  const kept = entry.encoded[encoding];
  return { chunks: [kept ?? (await compress(Buffer.concat(chunks), encoding, false))], encoding };
}

/** Answers `req` from the cache when it holds the current answer; otherwise (or on any failure) calls `next`. */
export async function serveCached(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
  const started = performance.now();
  const db = cachedFrom();
  if (req.method !== 'GET' || !db) return next();
  const isTls = (req.socket as TLSSocket).encrypted === true;
  const url = requestUrl(req, isTls);
  const key = url && responseCacheKey('GET', url);
  const entry = key ? cachedResponse(key) : undefined;
  if (!url || !entry) return next();
  try {
    if (entry.version !== null && (await readInventoryVersion(db)) !== entry.version) return next();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const headers: Record<string, string | string[]> = { ...entry.headers, 'x-request-id': requestId };
    if (entry.compressible)
      headers.vary = entry.headers.vary ? `${entry.headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    if (isTls || (TRUST_PROXY === true && req.headers['x-forwarded-proto'] === 'https'))
      headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
    if (entry.kind === 'page') {
      const cookies = setCookies(req, url);
      if (cookies.length > 0) headers['set-cookie'] = cookies;
    }
    if (entry.kind === 'syndication') countWidgetView(db, url);
    let status = entry.status;
    if (entry.etag !== null && etagMatches(req.headers['if-none-match'], entry.etag)) {
      status = 304;
      res.writeHead(status, headers);
      res.end();
    } else {
      const { chunks, encoding } = await bodyFor(entry, req.headers['accept-encoding']);
      if (encoding) headers['content-encoding'] = encoding;
      headers['content-length'] = String(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      res.writeHead(status, headers);
      // One vectored write of the pieces (end() uncorks), without copying the page.
      res.cork();
      chunks.forEach((chunk, i) => (i < chunks.length - 1 ? res.write(chunk) : res.end(chunk)));
    }
    requestContext.run({ requestId }, () =>
      log.info('request', {
        method: 'GET',
        path: url.pathname,
        status,
        ms: Math.round(performance.now() - started),
        cached: true,
      }),
    );
  } catch (error) {
    log.warn('cache.not_served', {}, error);
    if (!res.headersSent) next();
  }
}

/** Where scripts/serve.mjs finds `serveCached`. */
export const SERVE_CACHED_HOOK = Symbol.for('aerospace-portal.serveCached');
(globalThis as Record<symbol, unknown>)[SERVE_CACHED_HOOK] = serveCached;
