/**
 * Every request body has a size limit, enforced before any page, endpoint or action reads it: a declared
 * Content-Length above the limit gets 413 at once, and a body sent without one (chunked) is counted while it
 * streams by scripts/lib/limit-request-body.mjs, which stops reading at the limit and says so through the
 * server hooks (http/server-hooks.ts).
 * Either way the 413 says `Connection: close`, and the server closes the socket instead of reading the rest.
 */
import type { PathInfo } from '../http/classify-path.ts';
import { serverHooks } from '../http/server-hooks.ts';
import { refusalResponse } from '../errors/answer-outcome.ts';

/** What a person types into any of our forms, or a JSON call of the console, is a few kilobytes. */
const REQUEST_BODY_LIMIT_BYTES = 64 * 1024;

/** Stripe's events are small; a megabyte is far more than any of them. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** The body limit of a path. */
function bodyLimitFor(target: PathInfo): number {
  return target.isStripeWebhook ? WEBHOOK_BODY_LIMIT_BYTES : REQUEST_BODY_LIMIT_BYTES;
}

/** 413 in both languages: JSON on API paths, text elsewhere; the connection is closed after it. */
function bodyTooLargeResponse(target: PathInfo, limitBytes: number): Response {
  const size = `${Math.round(limitBytes / 1024)} KB`;
  return refusalResponse({ code: 'too_large', params: { size } }, target.path, { connection: 'close' });
}

/**
 * Runs `handle` unless the request's body is over its route's limit: 413 for a declared length above it, and
 * 413 instead of whatever the handler answered when the streamed body went past it (the handler saw its
 * body end in an error, so it stored nothing).
 */
export async function refuseOversizeBody(
  request: Request,
  target: PathInfo,
  handle: () => Promise<Response>,
): Promise<Response> {
  const limitBytes = bodyLimitFor(target);
  const count = serverHooks().currentBodyCount?.();
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (!Number.isFinite(declared) || declared > limitBytes) {
    // Tells the server to close this connection gently after the 413 (see limit-request-body.mjs).
    if (count) count.isTooLarge = true;
    return bodyTooLargeResponse(target, limitBytes);
  }
  if (count) count.limitBytes = limitBytes;
  let response: Response;
  try {
    response = await handle();
  } catch (error) {
    // A handler that did not expect its body to fail: still the client's fault, not a 500.
    if (count?.isTooLarge) return bodyTooLargeResponse(target, limitBytes);
    throw error;
  }
  if (!count?.isTooLarge) return response;
  await response.body?.cancel().catch(() => undefined);
  return bodyTooLargeResponse(target, limitBytes);
}
