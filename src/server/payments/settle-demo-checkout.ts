/**
 * The demo checkout's two buttons (only without Stripe keys): pay runs the real fulfilment (the deposit's state
 * machine, the lead moves to Reserved, notices), cancel releases the hold, exactly as Stripe's events would.
 */
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { markPaid, releaseHold } from './deposit-transitions.ts';
import { findDemoDeposit, type DemoCheckoutDeps } from './find-demo-deposit.ts';

export interface SettleDemoDeps extends DemoCheckoutDeps {
  notifyChannels: readonly string[];
  outbox: { kick(): void };
}

export async function settleDemoCheckout(
  deps: SettleDemoDeps,
  input: { depositId: string; token: string; action: 'pay' | 'cancel' },
  now: Date = new Date(),
): Promise<Outcome<{ outcome: 'paid' | 'cancelled'; checkoutSessionId: string }>> {
  const deposit = await findDemoDeposit(deps, input.depositId, input.token);
  if (deposit === 'forbidden') return refused('invalid_link');
  if (deposit === 'not_found' || !deposit.checkoutSessionId) return refused('not_found');
  if (input.action === 'pay') {
    await deps.db.transaction((tx) =>
      markPaid(
        tx,
        deposit.id,
        { amountTotal: deposit.amountFen, currency: deposit.currency },
        deps.notifyChannels,
        now,
      ),
    );
    deps.outbox.kick();
    return { ok: true, outcome: 'paid', checkoutSessionId: deposit.checkoutSessionId };
  }
  await deps.db.transaction((tx) => releaseHold(tx, deposit.id, 'cancelled', now));
  return { ok: true, outcome: 'cancelled', checkoutSessionId: deposit.checkoutSessionId };
}
