/**
 * Stamps whatever the stages below answer, refusals included, with the headers every response gets
 * (server/http/stamp-response.ts, which the response cache uses for its answers too).
 */
import { defineMiddleware } from 'astro:middleware';
import { stampResponse } from '../server/http/stamp-response.ts';
import { passOf } from './request-pass.ts';

export const stampEveryResponse = defineMiddleware(async (context, next) => {
  const { requestId, isHttps, target } = passOf(context);
  const response = await next();
  // An embed page names the sites that may frame it while it renders.
  const { frameAncestors } = context.locals;
  return stampResponse(response, { requestId, isHttps, isEmbed: target.isEmbed, frameAncestors });
});
