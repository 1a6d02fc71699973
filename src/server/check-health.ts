/**
 * Liveness and readiness for GET /healthz: 200 when the database answers and can write to its disk, 503 with
 * the reason otherwise (a full disk fails every submission while reads still work). `warnings` name what an
 * operator should fix while the portal still serves (codes only: no secrets, no personal data).
 */
import { checkDatabaseWrites } from './db/check-database-writes.ts';
import type { Database } from './db/open-database.ts';
import { log } from './log.ts';
import { listPaymentWarnings } from './payments/list-payment-warnings.ts';

export interface HealthDeps {
  db: Database;
  payments: { gateway: { mode: 'stripe' | 'demo' } };
}

export interface Health {
  status: 200 | 503;
  body: {
    status: 'ok' | 'unavailable';
    checks: { database: { status: 'ok' | 'fail'; reason?: string } };
    warnings?: string[];
  };
}

export async function checkHealth(deps: HealthDeps): Promise<Health> {
  const database = await checkDatabaseWrites(deps.db);
  if (!database.ok) {
    log.error('healthz.database_cannot_write', {}, database.error);
    return {
      status: 503,
      body: { status: 'unavailable', checks: { database: { status: 'fail', reason: database.reason } } },
    };
  }
  const warnings = await listPaymentWarnings(deps.db, deps.payments.gateway.mode);
  return { status: 200, body: { status: 'ok', checks: { database: { status: 'ok' } }, warnings } };
}
