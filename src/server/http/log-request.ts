/**
 * The access log: one `request` line per answered request, written by the request pipeline
 * (src/middleware/open-request.ts) and by the response cache (response-cache/serve-cached.ts) alike, within the
 * request's context so that it carries the request id.
 */
import { log } from '../log.ts';
import type { PathInfo } from './classify-path.ts';

export interface AnsweredRequest {
  method: string;
  target: PathInfo;
  status: number;
  /** performance.now() when the request came in. */
  startedAt: number;
  /** Answered from the response cache, before Astro ran. */
  cached?: boolean;
}

/**
 * Logs an answered request. The path goes without its query (queries can carry personal data, and are not
 * needed to find a slow route); health checks are left out (a load balancer polls them every few seconds).
 */
export function logRequest({ method, target, status, startedAt, cached }: AnsweredRequest): void {
  if (target.isHealthCheck) return;
  log.info('request', {
    method,
    path: target.pathname,
    status,
    ms: Math.round(performance.now() - startedAt),
    ...(cached ? { cached: true } : {}),
  });
}
