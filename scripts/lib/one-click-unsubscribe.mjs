/**
 * One-click unsubscribe (RFC 8058): a mail provider POSTs `List-Unsubscribe=One-Click` (a form body) to the
 * address in an alert's `List-Unsubscribe` header from its own servers, with no Origin header. Astro refuses every
 * form post without a same-origin Origin (its CSRF check), so for that one path, and only when no Origin was
 * sent, the request is given this server's own origin. The endpoint is authorised by the signed token in its URL
 * and can do nothing but unsubscribe that one saved search (src/pages/api/alerts/unsubscribe.ts).
 */
const PATH = '/api/alerts/unsubscribe';

/** @param {import('node:http').IncomingMessage} req */
export function admitOneClickUnsubscribe(req) {
  if (req.method !== 'POST' || req.headers.origin !== undefined) return;
  if ((req.url ?? '').split('?')[0] !== PATH) return;
  const protocol = /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted ? 'https' : 'http';
  req.headers.origin = `${protocol}://${req.headers.host}`;
}
