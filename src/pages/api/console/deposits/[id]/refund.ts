import type { APIRoute } from 'astro';
import { localePath } from '../../../../../i18n/lang.ts';
import { answerOutcome } from '../../../../../server/errors/answer-outcome.ts';
import { requestDepositRefund } from '../../../../../server/payments/request-deposit-refund.ts';
import { readForm } from '../../../../../server/security/read-form.ts';

/** Refunds a reservation deposit (request-deposit-refund.ts): `reason` and `confirm=yes`; shown on the lead page. */
export const POST: APIRoute = async (context) => {
  const { params, locals } = context;
  const depositId = params.id ?? '';
  const read = await readForm(context.request);
  const { leadId, outcome } = read.ok
    ? await requestDepositRefund(locals.runtime, locals.staff!, depositId, read.fields)
    : { leadId: undefined, outcome: read };
  const lang = read.ok && read.fields.lang === 'en' ? 'en' : 'zh';
  const page = leadId ? `/console/leads/${leadId}` : '/console/pipeline';
  return answerOutcome(context, outcome, {
    json: ({ outcome, status }) => Response.json({ outcome, status }),
    form: {
      lang,
      page,
      // What became of the refund, shown on the lead page next to the deposit.
      next: ({ outcome, status }) =>
        `${localePath(lang, page)}?${new URLSearchParams({ refund: outcome === 'already' ? 'already' : (status ?? 'refund_pending'), deposit: depositId })}`,
    },
  });
};
