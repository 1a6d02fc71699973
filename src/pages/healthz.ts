import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { listPaymentWarnings } from '../server/payments/list-payment-warnings.ts';

/** Liveness and readiness: answers 200 when the database answers a query; `warnings` name what an operator should fix. */
export const GET: APIRoute = async ({ locals }) => {
  try {
    await locals.runtime.db.execute(sql`select 1`);
    const warnings = await listPaymentWarnings(locals.runtime.db, locals.runtime.payments.gateway.mode);
    return Response.json({ status: 'ok', warnings }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return Response.json({ status: 'unavailable', reason: 'database' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
