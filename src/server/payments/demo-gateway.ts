/**
 * The demo gateway, used only when no Stripe keys are configured: "Checkout" is a local page that says no money
 * moves, and its pay button runs the same fulfilment code a Stripe payment does.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits } from '../db/schema.ts';
import type { PaymentGateway } from './payment-gateway.ts';

const DEMO_SESSION_PREFIX = 'demo_cs_';

/** Signs a demo checkout link so only the person who started the hold can pay or cancel it. */
function demoCheckoutToken(secret: string, depositId: string): string {
  return createHmac('sha256', secret).update(`demo-checkout.${depositId}`).digest('base64url');
}

/** Whether `token` is the demo checkout token of this deposit (compared in constant time). */
export function isDemoCheckoutToken(secret: string, depositId: string, token: string): boolean {
  const expected = Buffer.from(demoCheckoutToken(secret, depositId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The demo gateway on the portal's own database. Its session id is the checkout token itself, like Stripe's
 * unguessable session ids: the cancel page (`/reserve/cancelled?session_id=…`) releases a hold only for whoever
 * holds that proof, the same proof the pay button needs, and never for someone who merely knows the deposit id.
 */
export function demoGateway(db: Database, secret: string): PaymentGateway {
  return {
    mode: 'demo',
    async createCheckout(request) {
      const token = demoCheckoutToken(secret, request.depositId);
      const path = `${request.lang === 'en' ? '/en' : ''}/reserve/demo/${request.depositId}?token=${token}`;
      // A path on this same portal: it works whatever PUBLIC_SITE_URL says, as a newcomer's first try should.
      return { sessionId: `${DEMO_SESSION_PREFIX}${token}`, url: path, offeredMethods: request.paymentMethods };
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
    async refund({ paymentIntentId, depositId, attempt }) {
      return { refundId: `demo_re_${depositId}_${attempt}`, status: 'succeeded', paymentIntentId, attempt };
    },
    async retrieveRefund(refundId) {
      return { refundId, status: 'succeeded' };
    },
  };
}
