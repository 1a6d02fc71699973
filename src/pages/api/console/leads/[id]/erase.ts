import type { APIRoute } from 'astro';
import { localePath } from '../../../../../i18n/lang.ts';
import { answerOutcome } from '../../../../../server/errors/answer-outcome.ts';
import { requestLeadErasure } from '../../../../../server/leads/request-lead-erasure.ts';
import { readForm } from '../../../../../server/security/read-form.ts';

/** PIPL erasure (administrators; request-lead-erasure.ts): `confirm` = the erase word of the form's language. */
export const POST: APIRoute = async (context) => {
  const { params, locals } = context;
  const leadId = params.id ?? '';
  const read = await readForm(context.request);
  const lang = read.ok && read.fields.lang === 'en' ? 'en' : 'zh';
  const outcome = read.ok
    ? await requestLeadErasure(locals.runtime, locals.staff!, leadId, { confirm: read.fields.confirm, lang })
    : read;
  const page = /^[0-9a-f-]{36}$/.test(leadId) ? `/console/leads/${leadId}` : '/console/pipeline';
  return answerOutcome(context, outcome, {
    json: () => Response.json({ ok: true }),
    form: { lang, page, next: () => localePath(lang, page) },
  });
};
