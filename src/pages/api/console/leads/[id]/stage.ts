import type { APIRoute } from 'astro';
import { moveLead } from '../../../../../server/pipeline/move-lead.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../../server/security/read-fields.ts';

const STATUS = { not_found: 404, invalid_stage: 400, not_allowed: 409, reason_required: 400 } as const;
const MESSAGES = {
  not_found: { zh: '找不到这条线索', en: 'No such lead' },
  invalid_stage: { zh: '没有这个阶段', en: 'No such stage' },
  not_allowed: { zh: '不能从当前阶段移到这个阶段', en: 'The lead cannot move from its stage to that one' },
  reason_required: { zh: '标记流失时请选择原因', en: 'Choose a reason when marking a lead lost' },
} as const;

/** Moves a lead on the pipeline (JSON or form: `to`, and `reason` for Lost). */
export const POST: APIRoute = async ({ params, request, locals }) => {
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string') return Response.json({ error: { code: fields } }, { status: fields === 'unsupported_media_type' ? 415 : 400 });
  const result = await moveLead(locals.runtime.db, locals.staff!, params.id ?? '', String(fields.to ?? ''), typeof fields.reason === 'string' ? fields.reason : undefined);
  if (!result.ok) return Response.json({ error: { code: result.code, message: MESSAGES[result.code] } }, { status: STATUS[result.code] });
  return Response.json({ stage: result.stage });
};
