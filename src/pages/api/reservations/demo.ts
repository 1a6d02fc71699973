import type { APIRoute } from 'astro';
import { eq } from 'drizzle-orm';
import { localePath } from '../../../i18n/lang.ts';
import { deposits } from '../../../server/db/schema.ts';
import { markPaid, releaseHold } from '../../../server/payments/deposit-transitions.ts';
import { isDemoCheckoutToken } from '../../../server/payments/demo-gateway.ts';
import { getAppSecret } from '../../../server/security/app-secret.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../server/security/read-fields.ts';

/** The demo checkout's buttons (only without Stripe keys): pay runs the real fulfilment; cancel releases the hold. */
export const POST: APIRoute = async (context) => {
  const { runtime } = context.locals;
  if (runtime.payments.gateway.mode !== 'demo') return new Response('Not found', { status: 404 });
  const fields = await readFields(context.request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string') return new Response('Bad request', { status: 400 });
  const depositId = typeof fields.depositId === 'string' ? fields.depositId : '';
  const token = typeof fields.token === 'string' ? fields.token : '';
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  if (
    !/^[0-9a-f-]{36}$/.test(depositId) ||
    !isDemoCheckoutToken(await getAppSecret(runtime.db, 'demo-checkout'), depositId, token)
  ) {
    return new Response('This demo payment link is not valid.', { status: 403 });
  }
  const [deposit] = await runtime.db.select().from(deposits).where(eq(deposits.id, depositId));
  if (!deposit || !deposit.checkoutSessionId) return new Response('Not found', { status: 404 });
  const now = new Date();
  if (fields.action === 'pay') {
    await runtime.db.transaction((tx) =>
      markPaid(
        tx,
        depositId,
        { amountTotal: deposit.amountFen, currency: deposit.currency },
        runtime.notifyChannels,
        now,
      ),
    );
    runtime.outbox.kick();
    return context.redirect(`${localePath(lang, '/reserve/success')}?session_id=${deposit.checkoutSessionId}`, 303);
  }
  await runtime.db.transaction((tx) => releaseHold(tx, depositId, 'cancelled', now));
  return context.redirect(`${localePath(lang, '/reserve/cancelled')}?session_id=${deposit.checkoutSessionId}`, 303);
};
