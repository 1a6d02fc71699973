/**
 * Which pass through the pipeline this is. Astro can run the pipeline more than once for one request: a page's
 * `Astro.rewrite()` runs it again inside the first run (same locals), and a bodiless 404 or 500 is rendered
 * through it again as the error page. The first pass is the run that opened the request (open-request.ts: no
 * request context was open yet); only it refuses, records, stamps, caches and logs — index.ts wraps those stages
 * in `firstPassOnly`. (The /en/… rewrite itself, `next(url)` in serve-english.ts, renders the other route
 * without running the pipeline again.)
 */
import type { APIContext, MiddlewareHandler } from 'astro';
import type { PathInfo } from '../server/http/classify-path.ts';

export interface RequestPass {
  isFirst: boolean;
  requestId: string;
  /** The requested path as it came in, before any rewrite. */
  target: PathInfo;
  isHttps: boolean;
}

// Astro hands every stage of one pass the same context object, and a new one to each pass.
const passes = new WeakMap<APIContext, RequestPass>();

export function beginPass(context: APIContext, pass: RequestPass): void {
  passes.set(context, pass);
}

/** This pass, as open-request.ts (the first stage) began it. */
export function passOf(context: APIContext): RequestPass {
  const pass = passes.get(context);
  if (!pass) throw new Error('The request pipeline must begin with openRequest (src/middleware/index.ts)');
  return pass;
}

/** A stage that runs on the first pass only; later passes go straight on. */
export function firstPassOnly(stage: MiddlewareHandler): MiddlewareHandler {
  return (context, next) => (passOf(context).isFirst ? stage(context, next) : next());
}
