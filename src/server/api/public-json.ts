/**
 * Answers of the public read API (/api/v1/…): JSON that any site may read (CORS open), with a strong ETag of
 * the body so clients and caches revalidate cheaply and get a 304 when nothing changed.
 */
import { createHash } from 'node:crypto';
import { errorBody, statusOf, type Refusal } from '../errors/error-catalogue.ts';

export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag',
} as const;

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare equal, as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

export function publicJson(request: Request, body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const headers = new Headers({
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'public, no-cache',
    vary: 'Origin',
  });
  if (status !== 200) {
    headers.set('cache-control', 'no-store');
    return new Response(text, { status, headers });
  }
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  headers.set('etag', etag);
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { status, headers });
}

/** The CORS preflight answer of every public API route. */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': 'If-None-Match, Accept-Language',
      'access-control-max-age': '86400',
    },
  });
}

/** A refusal of the API in the one error shape (errors/error-catalogue.ts), open to any origin like its answers. */
export function publicError(request: Request, refusal: Refusal): Response {
  return publicJson(request, errorBody(refusal), statusOf(refusal.code));
}
