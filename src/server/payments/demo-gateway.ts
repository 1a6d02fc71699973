/**
 * The demo gateway, used only when no Stripe keys are configured: "Checkout" is a local page that says no money
 * moves, and its pay button runs the same fulfilment code a Stripe payment does.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits } from '../db/schema.ts';
import type { PaymentGateway } from './payment-gateway.ts';

export const DEMO_SESSION_PREFIX = 'demo_cs_';

/** Signs a demo checkout link so only the person who started the hold can pay or cancel it. */
export function demoCheckoutToken(secret: string, depositId: string): string {
  return createHmac('sha256', secret).update(`demo-checkout.${depositId}`).digest('base64url');
}

export function isDemoCheckoutToken(secret: string, depositId: string, token: string): boolean {
  const expected = Buffer.from(demoCheckoutToken(secret, depositId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function demoGateway(db: Database, secret: string): PaymentGateway {
  return {
    mode: 'demo',
    async createCheckout(request) {
      const sessionId = `${DEMO_SESSION_PREFIX}${request.depositId}`;
      const path = `${request.lang === 'en' ? '/en' : ''}/reserve/demo/${request.depositId}?token=${demoCheckoutToken(secret, request.depositId)}`;
      // A path on this same portal: it works whatever PUBLIC_SITE_URL says, as a newcomer's first try should.
      return { sessionId, url: path };
    },
    async retrieveCheckout(sessionId) {
      const [deposit] = await db.select().from(deposits).where(eq(deposits.checkoutSessionId, sessionId));
      if (!deposit) throw new Error(`No demo session ${sessionId}`);
      const isPaid = deposit.paidAt !== null;
      const isOpen = !isPaid && deposit.status === 'held' && deposit.expiresAt.getTime() > Date.now();
      return {
        sessionId,
        status: isPaid ? 'complete' : isOpen ? 'open' : 'expired',
        paymentStatus: isPaid ? 'paid' : 'unpaid',
        paymentIntentId: deposit.paymentIntentId ?? undefined,
        amountTotal: deposit.amountFen,
        currency: deposit.currency,
      };
    },
    async expireCheckout() {},
    async refund(paymentIntentId, depositId) {
      return { refundId: `demo_re_${depositId}`, status: 'succeeded', paymentIntentId };
    },
    async retrieveRefund(refundId) {
      return { refundId, status: 'succeeded' };
    },
  };
}
