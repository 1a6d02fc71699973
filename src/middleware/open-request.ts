/**
 * Opens the request: its id (the caller's X-Request-Id when it looks like one, else a new one) in the request
 * context that every log line carries, the pass (request-pass.ts) with the classified path, the access log line
 * once it is answered, and the failure log when anything below throws.
 */
import { defineMiddleware } from 'astro:middleware';
import { classifyPath } from '../server/http/classify-path.ts';
import { logRequest } from '../server/http/log-request.ts';
import { requestContext, requestIdFrom } from '../server/http/request-context.ts';
import { isHttpsRequest } from '../server/http/stamp-response.ts';
import { log, RequestFailedError } from '../server/log.ts';
import { beginPass } from './request-pass.ts';

export const openRequest = defineMiddleware((context, next) => {
  const { method, headers } = context.request;
  const target = classifyPath(context.url.pathname);
  const isHttps = isHttpsRequest(context.url.protocol === 'https:', headers.get('x-forwarded-proto'));
  const open = requestContext.getStore();
  if (open) {
    beginPass(context, { isFirst: false, requestId: open.requestId, target, isHttps });
    return next();
  }
  const requestId = requestIdFrom(headers.get('x-request-id'));
  beginPass(context, { isFirst: true, requestId, target, isHttps });
  return requestContext.run({ requestId }, async () => {
    const startedAt = performance.now();
    let response: Response;
    try {
      response = await next();
    } catch (error) {
      log.error('request.failed', { method, path: target.pathname }, error);
      // Astro logs what it catches with its message (a database error's quotes the values a person typed): it
      // gets a plain error instead; the cause was logged above, without its message.
      throw new RequestFailedError(requestId);
    }
    logRequest({ method, target, status: response.status, startedAt });
    return response;
  });
});
