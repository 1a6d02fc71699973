/**
 * The deposit a demo checkout link stands for (only without Stripe keys): the link carries the deposit id and a
 * token signed with the portal's own secret, so nobody can pay or cancel a deposit that is not theirs.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits, type DepositRow } from '../db/schema.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { isDemoCheckoutToken } from './demo-gateway.ts';

export interface DemoCheckoutDeps {
  db: Database;
  payments: { gateway: { mode: 'stripe' | 'demo' } };
}

/** The deposit, 'not_found' (no demo mode, no such deposit) or 'forbidden' (the token does not match). */
export async function findDemoDeposit(
  deps: DemoCheckoutDeps,
  depositId: string,
  token: string,
): Promise<DepositRow | 'not_found' | 'forbidden'> {
  if (deps.payments.gateway.mode !== 'demo') return 'not_found';
  if (!/^[0-9a-f-]{36}$/.test(depositId)) return 'forbidden';
  if (!isDemoCheckoutToken(await getAppSecret(deps.db, 'demo-checkout'), depositId, token)) return 'forbidden';
  const [deposit] = await deps.db.select().from(deposits).where(eq(deposits.id, depositId));
  return deposit ?? 'not_found';
}
