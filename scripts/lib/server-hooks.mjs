// @ts-check
/**
 * The server script's side of the hooks between scripts/serve.mjs and the built app: one object on
 * `globalThis`, described (and filled by the app) in src/server/http/server-hooks.ts.
 */

/** @typedef {import('../../src/server/http/server-hooks.ts').ServerHooks} ServerHooks */
/** @typedef {import('../../src/server/http/server-hooks.ts').BodyCount} BodyCount */

/** The same key in src/server/http/server-hooks.ts. */
const SERVER_HOOKS = Symbol.for('aerospace-portal.serverHooks');

/**
 * The one hooks object of this process, created by whichever side asks first.
 * @returns {ServerHooks}
 */
export function serverHooks() {
  const holder = /** @type {{ [SERVER_HOOKS]?: ServerHooks }} */ (globalThis);
  return (holder[SERVER_HOOKS] ??= {});
}
