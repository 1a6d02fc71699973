/**
 * The request pipeline: every page and endpoint request goes through these stages, in this order, one file
 * each. Stages wrapped in `firstPassOnly` run once per request (request-pass.ts says when Astro runs the
 * pipeline again); the others run on every pass. A stage either answers (a refusal) or calls the next one; the
 * ones near the top also work on the answer on its way back out (stamp, cache, relabel, log).
 *
 * Cached answers skip all this: scripts/serve.mjs answers them from the response cache before Astro runs
 * (server/response-cache/serve-cached.ts), stamping, logging and setting cookies with the same functions.
 */
import { sequence } from 'astro:middleware';
import { registerAppHooks } from '../server/http/server-hooks.ts';
import { serveCached } from '../server/response-cache/serve-cached.ts';
import { closeRuntime } from '../server/runtime.ts';
import { chooseLanguage } from './choose-language.ts';
import { fillResponseCache } from './fill-response-cache.ts';
import { guardConsole } from './guard-console.ts';
import { guardImageEndpoint } from './guard-image-endpoint.ts';
import { limitBodySize } from './limit-body-size.ts';
import { openRequest } from './open-request.ts';
import { recordVisit } from './record-visit.ts';
import { refuseControlCharacters } from './refuse-control-characters.ts';
import { refuseCrossSiteWrites } from './refuse-cross-site-writes.ts';
import { refuseNulInBody } from './refuse-nul-in-body.ts';
import { relabelAvif } from './relabel-avif.ts';
import { firstPassOnly } from './request-pass.ts';
import { runFormAction } from './run-form-action.ts';
import { serveEnglish } from './serve-english.ts';
import { stampEveryResponse } from './stamp-every-response.ts';
import { startRuntime } from './start-runtime.ts';

// What scripts/serve.mjs calls into (server/http/server-hooks.ts), given once, when the app loads.
registerAppHooks({ serveCached, closeRuntime });

export const onRequest = sequence(
  // Request id and context, the pass, the access log line.
  openRequest,
  startRuntime,
  chooseLanguage,
  // On the way out: security headers on every answer (refusals included), the cache, the AVIF label.
  firstPassOnly(stampEveryResponse),
  firstPassOnly(fillResponseCache),
  firstPassOnly(relabelAvif),
  // Refusals, before any page, endpoint or action reads the request.
  firstPassOnly(limitBodySize),
  firstPassOnly(refuseNulInBody),
  firstPassOnly(refuseCrossSiteWrites),
  guardImageEndpoint,
  firstPassOnly(refuseControlCharacters),
  // The visit, the console's door, a form posted without JavaScript, and the language.
  firstPassOnly(recordVisit),
  firstPassOnly(guardConsole),
  firstPassOnly(runFormAction),
  serveEnglish,
);
