import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';

/** Liveness and readiness: answers 200 when the database answers a query. */
export const GET: APIRoute = async ({ locals }) => {
  try {
    await locals.runtime.db.execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return Response.json({ status: 'unavailable', reason: 'database' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
