/**
 * The request being served, for code that logs: its id travels with the async work of the request, so every
 * log line written while serving it carries `requestId` without passing it around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The caller's `X-Request-Id` when it looks like one (a load balancer's), else a new one. */
export function requestIdFrom(given: string | string[] | null | undefined): string {
  return typeof given === 'string' && /^[\w.:-]{8,64}$/.test(given) ? given : randomUUID();
}
