/** Starts the runtime (once per process: catalog, database, auth, payments) and hands it to every page. */
import { defineMiddleware } from 'astro:middleware';
import { explainFault } from '../server/explain-fault.ts';
import { log } from '../server/log.ts';
import { getRuntime, type Runtime } from '../server/runtime.ts';

async function runtimeOrExit(): Promise<Runtime> {
  try {
    return await getRuntime();
  } catch (error) {
    // Nothing can be served without the catalog and the database: say why once and stop, so a process
    // manager or the person at the terminal sees it at once instead of a server answering 500s.
    log.error('runtime.failed', {}, error);
    // Start-up failures come from settings, the catalog or the database, never from a request: the operator
    // needs the full explanation (with a code and what to do when the error has no message, e.g. a full disk).
    console.error(`\n✗ The portal cannot start.\n\n${explainFault(error)}\n`);
    process.exit(1);
  }
}

export const startRuntime = defineMiddleware(async (context, next) => {
  context.locals.runtime = await runtimeOrExit();
  return next();
});
