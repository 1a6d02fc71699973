/**
 * What scripts/serve.mjs and the built app give each other. The server script runs the build (dist/) and cannot
 * import its modules, and the app cannot import the script: they meet in this one object on `globalThis`.
 *
 * The app fills its part once, when its request pipeline loads (src/middleware/index.ts); until then, or
 * without the script (`astro dev`, `astro preview`), each side goes on without the other's part. The script's
 * side is scripts/lib/server-hooks.mjs, which reads the same object and is typed by this interface.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request body's byte count, kept by the server script as it streams in (see `currentBodyCount`). */
export interface BodyCount {
  /** The limit for this request's route, set by the app's body limit before any handler reads the body. */
  limitBytes: number;
  /** Set when the body went past the limit (or declared a length above it): the connection closes after the 413. */
  isTooLarge: boolean;
}

export interface ServerHooks {
  /**
   * From the app: answers a request from the response cache when it holds the current answer, or calls `next`
   * (which hands it to Astro) — response-cache/serve-cached.ts.
   */
  serveCached?: (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>;
  /** From the app: closes the runtime (outbox worker, sweep, database) on shutdown, if it started — runtime.ts. */
  closeRuntime?: () => Promise<void>;
  /**
   * From the server script: the body count of the request being served, which the script keeps as the body
   * streams in (scripts/lib/limit-request-body.mjs) and the app's body limit reads and sets
   * (security/request-body-limit.ts).
   */
  currentBodyCount?: () => BodyCount | undefined;
}

/** The same key in scripts/lib/server-hooks.mjs. */
const SERVER_HOOKS = Symbol.for('aerospace-portal.serverHooks');

/** The one hooks object of this process, created by whichever side asks first. */
export function serverHooks(): ServerHooks {
  const holder = globalThis as { [SERVER_HOOKS]?: ServerHooks };
  return (holder[SERVER_HOOKS] ??= {});
}

/** The app's part, given once: what the server script calls into. */
export function registerAppHooks(hooks: Required<Pick<ServerHooks, 'serveCached' | 'closeRuntime'>>): void {
  Object.assign(serverHooks(), hooks);
}
