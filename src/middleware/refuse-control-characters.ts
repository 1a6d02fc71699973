/**
 * Astro hands pages decoded route parameters: a line break or NUL there would reach Location headers and SQL
 * (a 500). No page of the portal has such a name, so such a path is not found.
 */
import { defineMiddleware } from 'astro:middleware';

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

export const refuseControlCharacters = defineMiddleware((context, next) =>
  hasControlCharacter(new URL(context.request.url).pathname) ? notFound() : next(),
);
