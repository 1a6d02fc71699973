import type { APIRoute } from 'astro';
import { checkDatabaseWrites } from '../server/db/check-database-writes.ts';
import { log } from '../server/log.ts';

/**
 * Liveness and readiness: 200 when the database answers and can write to its disk, 503 with the reason
 * otherwise (a full disk fails every submission while reads still work).
 */
export const GET: APIRoute = async ({ locals }) => {
  const database = await checkDatabaseWrites(locals.runtime.db);
  if (!database.ok) {
    log.error('healthz.database_cannot_write', { reason: database.reason });
    return Response.json({ status: 'unavailable', checks: { database: { status: 'fail', reason: database.reason } } }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
  return Response.json({ status: 'ok', checks: { database: { status: 'ok' } } }, { headers: { 'cache-control': 'no-store' } });
};
