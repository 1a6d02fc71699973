/**
 * Every request body has its route's size limit before any page, endpoint or action reads it: 413 otherwise
 * (server/security/request-body-limit.ts; scripts/lib/limit-request-body.mjs counts what streams in).
 */
import { defineMiddleware } from 'astro:middleware';
import { refuseOversizeBody } from '../server/security/request-body-limit.ts';
import { passOf } from './request-pass.ts';

export const limitBodySize = defineMiddleware((context, next) =>
  refuseOversizeBody(context.request, passOf(context).target, () => next()),
);
