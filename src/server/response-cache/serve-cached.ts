/**
 * Answers a request from the response cache (response-cache.ts) before Astro runs, when the cache holds the
 * current answer. scripts/serve.mjs gives every request here first, through the server hooks
 * (http/server-hooks.ts); anything not answered here goes on to Astro, unchanged.
 *
 * What differs between visitors is made for each response with the same functions the request pipeline uses:
 * the headers every response gets (http/stamp-response.ts: request id, security headers, HSTS over HTTPS), the
 * attribution cookies (http/attribution-cookies.ts) and the access log line (http/log-request.ts). Besides,
 * the inquiry form's signed token (issued now, in place of the one the cached copy was rendered with), a 304
 * for a matching If-None-Match (API), and the content encoding the client takes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { stringifySetCookie } from 'cookie';
import { etagMatches } from '../api/public-json.ts';
import { attributionCookies } from '../http/attribution-cookies.ts';
import { classifyPath } from '../http/classify-path.ts';
import { logRequest } from '../http/log-request.ts';
import { requestContext, requestIdFrom } from '../http/request-context.ts';
import { isHttpsRequest, stampHeaders } from '../http/stamp-response.ts';
import { countWidgetView } from '../embeds/count-embed-views.ts';
import { readInventoryVersion } from '../inventory/inventory-version.ts';
import { log } from '../log.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { FORM_TOKEN_SECRET, issueFormToken } from '../security/form-token.ts';
import { chooseEncoding, compress, MIN_COMPRESSED_BYTES } from './encoding.ts';
import { cachedFrom, cachedResponse, responseCacheSlot, type CachedResponse } from './response-cache.ts';

function requestUrl(req: IncomingMessage, isTls: boolean): URL | null {
  try {
    return new URL(req.url ?? '/', `${isTls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  } catch {
    return null;
  }
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
  const startedAt = performance.now();
  const db = cachedFrom();
  if (req.method !== 'GET' || !db) return next();
  const isTls = (req.socket as TLSSocket).encrypted === true;
  const url = requestUrl(req, isTls);
  const target = url && classifyPath(url.pathname);
  const slot = url && target && responseCacheSlot('GET', url, target);
  const entry = slot ? cachedResponse(slot.key) : undefined;
  if (!url || !target || !entry) return next();
  try {
    if (entry.version !== null && (await readInventoryVersion(db)) !== entry.version) return next();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const stamp = {
      requestId,
      isHttps: isHttpsRequest(isTls, req.headers['x-forwarded-proto']),
      isEmbed: target.isEmbed,
    };
    const headers: Record<string, string | string[]> = {
      ...entry.headers,
      ...stampHeaders(entry.headers['content-security-policy'], stamp),
    };
    if (entry.compressible)
      headers.vary = entry.headers.vary ? `${entry.headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    const cookies = attributionCookies('GET', url, target, {
      cookie: req.headers.cookie,
      referer: req.headers.referer,
    });
    if (cookies.length > 0)
      headers['set-cookie'] = cookies.map(({ name, value, options }) =>
        stringifySetCookie({ ...options, name, value }),
      );
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
    requestContext.run({ requestId }, () => logRequest({ method: 'GET', target, status, startedAt, cached: true }));
  } catch (error) {
    log.warn('cache.not_served', {}, error);
    if (!res.headersSent) next();
  }
}
