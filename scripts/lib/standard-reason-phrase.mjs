// @ts-check
/**
 * Every answer leaves with the reason phrase of its status code (`404 Not Found`, `429 Too Many Requests`).
 * Astro copies a Response's statusText into the status line, and a page that sets `Astro.response.status = 404`
 * keeps the default statusText 'OK' (hence `404 OK`); the response cache and `new Response(…, { status })`
 * answers have other sources. Fixing it where the head is written covers all of them at once.
 */
import { STATUS_CODES } from 'node:http';

/**
 * Makes `res` write the standard reason phrase for whatever status it sends, whoever sets it.
 * @param {import('node:http').ServerResponse} res
 */
export function useStandardReasonPhrase(res) {
  const writeHead = res.writeHead;
  /** @type {(this: import('node:http').ServerResponse, status: number, ...rest: unknown[]) => import('node:http').ServerResponse} */
  function writeHeadWithReason(status, ...rest) {
    const phrase = STATUS_CODES[status];
    if (phrase) {
      this.statusMessage = phrase;
      // A reason given as writeHead's second argument would win over statusMessage: drop it.
      if (typeof rest[0] === 'string') rest.shift();
    }
    return /** @type {Function} */ (writeHead).call(this, status, ...rest);
  }
  res.writeHead = /** @type {typeof res.writeHead} */ (/** @type {unknown} */ (writeHeadWithReason));
}
