import type { APIRoute } from 'astro';
import { localePath } from '../../../../../i18n/lang.ts';
import { answerOutcome } from '../../../../../server/errors/answer-outcome.ts';
import { applyLeadChange } from '../../../../../server/leads/apply-lead-change.ts';
import { readForm, typedValues } from '../../../../../server/security/read-form.ts';

/** Lead changes from the lead page (apply-lead-change.ts): form posts go back to it, JSON callers get JSON. */
export const POST: APIRoute = async (context) => {
  const { params, locals } = context;
  const leadId = params.id ?? '';
  const read = await readForm(context.request);
  const outcome = read.ok
    ? await applyLeadChange(locals.runtime, locals.staff!, leadId, params.action ?? '', read.fields)
    : read;
  const lang = read.ok && read.fields.lang === 'en' ? 'en' : 'zh';
  // Only a lead id goes into the page's path.
  const page = /^[0-9a-f-]{36}$/.test(leadId) ? `/console/leads/${leadId}` : '/console/pipeline';
  // A refused form shows what was typed again, named by its action so only that form on the page takes it.
  const values = read.ok ? { ...typedValues(read.fields), form: params.action ?? '' } : undefined;
  return answerOutcome(context, outcome, {
    json: () => Response.json({ ok: true }),
    form: { lang, page, values, next: () => localePath(lang, page) },
  });
};
