import type { APIRoute } from 'astro';
import { checkDatabaseWrites } from '../server/db/check-database-writes.ts';
import { log } from '../server/log.ts';
import { listPaymentWarnings } from '../server/payments/list-payment-warnings.ts';

/**
 * Liveness and readiness: 200 when the database answers and can write to its disk, 503 with the reason
 * otherwise (a full disk fails every submission while reads still work). `warnings` name what an operator
 * should fix while the portal still serves (codes only: no secrets, no personal data).
 */
export const GET: APIRoute = async ({ locals }) => {
  const headers = { 'cache-control': 'no-store' };
  const database = await checkDatabaseWrites(locals.runtime.db);
  if (!database.ok) {
    log.error('healthz.database_cannot_write', {}, database.error);
    return Response.json(
      { status: 'unavailable', checks: { database: { status: 'fail', reason: database.reason } } },
      { status: 503, headers },
    );
  }
  const warnings = await listPaymentWarnings(locals.runtime.db, locals.runtime.payments.gateway.mode);
  return Response.json({ status: 'ok', checks: { database: { status: 'ok' } }, warnings }, { headers });
};
