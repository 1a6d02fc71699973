import type { APIRoute } from 'astro';
import { localePath } from '../../../../i18n/lang.ts';
import { answerOutcome } from '../../../../server/errors/answer-outcome.ts';
import { applyInventoryChange, inventoryPageOf } from '../../../../server/inventory/apply-inventory-change.ts';
import { readForm } from '../../../../server/security/read-form.ts';

/** Inventory changes (apply-inventory-change.ts): a form post goes back to the inventory page, JSON gets JSON. */
export const POST: APIRoute = async (context) => {
  const { params, locals } = context;
  const read = await readForm(context.request);
  const unitId = (params.unitId ?? '').toLowerCase();
  const outcome = read.ok ? await applyInventoryChange(locals.runtime, locals.staff!, unitId, read.fields) : read;
  const lang = read.ok && read.fields.lang === 'en' ? 'en' : 'zh';
  const page = inventoryPageOf(locals.runtime.catalog, unitId);
  return answerOutcome(context, outcome, {
    json: () => Response.json({ ok: true }),
    form: { lang, page, next: () => `${localePath(lang, page)}#${unitId}` },
  });
};
