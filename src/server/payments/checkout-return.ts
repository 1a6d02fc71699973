/**
 * The pages Stripe (or the demo) sends the tenant back to. Success confirms from the database, fulfilling
 * through the same idempotent code if the webhook has not arrived yet; cancel releases the hold at once and ends
 * the session, unless the payment went through after all.
 */
import { eq } from 'drizzle-orm';
import { deposits, leads, type DepositRow } from '../db/schema.ts';
import { releaseHold } from './deposit-transitions.ts';
import { HOLD_MARGIN_SECONDS } from './payment-gateway.ts';
import { applyCheckoutSnapshot, reconcileCheckout, type PaymentDeps } from './reconcile-deposit.ts';

/** Stripe's session ids, or the demo's (`demo_cs_` + its 43-character checkout token). */
const SESSION_ID = /^(cs_[A-Za-z0-9_]{1,200}|demo_cs_[A-Za-z0-9_-]{43})$/;

export interface ReturnedDeposit {
  deposit: DepositRow;
  reference: string;
}

/** The deposit behind a checkout session id as it stands, without asking the provider (the checkout step's view). */
export async function findCheckout(
  deps: Pick<PaymentDeps, 'db'>,
  sessionId: string | null,
): Promise<ReturnedDeposit | undefined> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
  return load(deps, sessionId);
}

/**
 * Where a tenant on the checkout step stands: `open` (held, time left: go on to pay), `ended` (the hold lapsed or
 * was released), `paid` (reserved already; the success page has the receipt) or `closed` (refunds and the like).
 */
export function checkoutStepState(deposit: DepositRow, now: Date): 'open' | 'ended' | 'paid' | 'closed' {
  if (deposit.status === 'held')
    return holdEndsAt(deposit).getTime() > now.getTime() && deposit.checkoutUrl ? 'open' : 'ended';
  if (deposit.status === 'released') return 'ended';
  if (deposit.status === 'reserved') return 'paid';
  return 'closed';
}

/**
 * The end of the hold as promised to the tenant: 30 minutes. The stored expiry adds HOLD_MARGIN_SECONDS for the
 * request itself; showing it would count down from 31:00 under a note that says 30 minutes.
 */
export function holdEndsAt(deposit: Pick<DepositRow, 'expiresAt'>): Date {
  return new Date(deposit.expiresAt.getTime() - HOLD_MARGIN_SECONDS * 1000);
}

async function load(deps: Pick<PaymentDeps, 'db'>, sessionId: string): Promise<ReturnedDeposit | undefined> {
  const [row] = await deps.db
    .select({ deposit: deposits, reference: leads.reference })
    .from(deposits)
    .innerJoin(leads, eq(leads.id, deposits.leadId))
    .where(eq(deposits.checkoutSessionId, sessionId));
  return row;
}

/**
 * The deposit behind a success redirect, reconciled with the provider first if it still looks unpaid.
 * @internal (exported for its tests; pages call returnFromCheckout)
 */
export async function confirmCheckoutReturn(
  deps: PaymentDeps,
  sessionId: string | null,
): Promise<ReturnedDeposit | undefined> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
  const found = await load(deps, sessionId);
  if (!found) return undefined;
  if (found.deposit.status === 'held' || found.deposit.status === 'released') {
    await reconcileCheckout(deps, sessionId);
    return load(deps, sessionId);
  }
  return found;
}

/**
 * The return from Checkout to one of its pages: `success` confirms the deposit, `cancelled` releases its hold.
 * Either may queue notices (a payment that went through meanwhile), so the outbox is woken afterwards.
 */
export async function returnFromCheckout(
  deps: PaymentDeps & { onStored?: () => void },
  sessionId: string | null,
  page: 'success' | 'cancelled',
): Promise<ReturnedDeposit | undefined> {
  const returned = await (page === 'success' ? confirmCheckoutReturn : cancelCheckoutReturn)(deps, sessionId);
  deps.onStored?.();
  return returned;
}

/**
 * Cancels the hold behind a cancel redirect; a session that was paid meanwhile is fulfilled instead.
 * @internal (exported for its tests; pages call returnFromCheckout)
 */
export async function cancelCheckoutReturn(
  deps: PaymentDeps,
  sessionId: string | null,
): Promise<ReturnedDeposit | undefined> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
  const found = await load(deps, sessionId);
  if (!found || found.deposit.status !== 'held') return found;
  const snapshot = await deps.gateway.retrieveCheckout(sessionId);
  if (snapshot.paymentStatus === 'paid') {
    await deps.db.transaction((tx) => applyCheckoutSnapshot(tx, snapshot, deps.channels, new Date()));
  } else {
    await deps.db.transaction((tx) => releaseHold(tx, found.deposit.id, 'cancelled', new Date()));
    await deps.gateway.expireCheckout(sessionId).catch(() => {});
  }
  return load(deps, sessionId);
}
