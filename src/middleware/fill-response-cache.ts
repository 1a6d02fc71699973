/**
 * Files a cacheable answer in the response cache (server/response-cache/), from where scripts/serve.mjs answers
 * the next requests for it before Astro runs, as long as the inventory has not changed.
 */
import { defineMiddleware } from 'astro:middleware';
import { readInventoryVersion } from '../server/inventory/inventory-version.ts';
import { rememberResponse, responseCacheSlot } from '../server/response-cache/response-cache.ts';
import { passOf } from './request-pass.ts';

export const fillResponseCache = defineMiddleware(async (context, next) => {
  const slot = responseCacheSlot(context.request.method, context.url, passOf(context).target);
  if (!slot) return next();
  const { db } = context.locals.runtime;
  // The version read before rendering: a change made while the page renders leaves it filed under the old one.
  const version = await readInventoryVersion(db);
  const response = await next();
  return version ? rememberResponse(db, slot, version, response) : response;
});
