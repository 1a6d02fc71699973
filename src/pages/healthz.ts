import type { APIRoute } from 'astro';
import { checkHealth } from '../server/check-health.ts';

/** Liveness and readiness (see check-health.ts): 200, or 503 with the reason. */
export const GET: APIRoute = async ({ locals }) => {
  const health = await checkHealth(locals.runtime);
  return Response.json(health.body, { status: health.status, headers: { 'cache-control': 'no-store' } });
};
