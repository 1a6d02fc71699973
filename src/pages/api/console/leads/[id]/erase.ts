import type { APIRoute } from 'astro';
import { localePath } from '../../../../../i18n/lang.ts';
import { messages } from '../../../../../i18n/messages.ts';
import { eraseLeadData } from '../../../../../server/leads/lead-privacy.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../../server/security/read-fields.ts';

/** PIPL erasure (administrators): blanks the person's data, keeps deposits' accounting facts. Needs confirm = the erase word of the form's language (删除 / erase). */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string') return Response.json({ error: { code: fields } }, { status: 400 });
  const leadId = params.id ?? '';
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  // The word staff were asked to type is the one of their language: the Chinese page asks for 删除.
  if (typeof fields.confirm !== 'string' || fields.confirm.trim() !== messages(lang).console.lead.eraseWord)
    return redirect(`${localePath(lang, `/console/leads/${leadId}`)}?error=confirm`, 303);
  if (!(await eraseLeadData(locals.runtime.db, locals.staff!, leadId)))
    return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  return redirect(localePath(lang, `/console/leads/${leadId}`), 303);
};
