import type { APIRoute } from 'astro';
import { localePath } from '../../../i18n/lang.ts';
import { answerOutcome } from '../../../server/errors/answer-outcome.ts';
import { settleDemoCheckout } from '../../../server/payments/settle-demo-checkout.ts';
import { readForm, textField } from '../../../server/security/read-form.ts';

/** The demo checkout's buttons (only without Stripe keys; settle-demo-checkout.ts): pay, or cancel the hold. */
export const POST: APIRoute = async (context) => {
  const { runtime } = context.locals;
  const read = await readForm(context.request);
  const fields = read.ok ? read.fields : {};
  const depositId = textField(fields, 'depositId');
  const token = textField(fields, 'token');
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  const outcome = read.ok
    ? await settleDemoCheckout(runtime, { depositId, token, action: fields.action === 'pay' ? 'pay' : 'cancel' })
    : read;
  return answerOutcome(context, outcome, {
    json: ({ outcome }) => Response.json({ outcome }),
    form: {
      lang,
      page: `/reserve/demo/${/^[0-9a-f-]{36}$/.test(depositId) ? depositId : 'invalid'}?${new URLSearchParams({ token })}`,
      next: ({ outcome, checkoutSessionId }) =>
        `${localePath(lang, outcome === 'paid' ? '/reserve/success' : '/reserve/cancelled')}?session_id=${checkoutSessionId}`,
    },
  });
};
