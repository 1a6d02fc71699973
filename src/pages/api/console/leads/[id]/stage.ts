import type { APIRoute } from 'astro';
import { formatYuan } from '../../../../../lib/format.ts';
import { moveLead } from '../../../../../server/pipeline/move-lead.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../../server/security/read-fields.ts';

const STATUS = {
  not_found: 404,
  invalid_stage: 400,
  not_allowed: 409,
  reason_required: 400,
  reserved_by_deposit: 409,
  deposit_paid: 409,
} as const;
const MESSAGES = {
  not_found: { zh: '找不到这条线索', en: 'No such lead' },
  invalid_stage: { zh: '没有这个阶段', en: 'No such stage' },
  not_allowed: { zh: '不能从当前阶段移到这个阶段', en: 'The lead cannot move from its stage to that one' },
  reason_required: { zh: '标记流失时请选择原因', en: 'Choose a reason when marking a lead lost' },
  reserved_by_deposit: {
    zh: '“已锁定”只能由已支付的意向金进入，不能手动移入',
    en: 'A lead becomes Reserved only when its deposit is paid; it cannot be moved there by hand',
  },
} as const;

/** What to tell staff who move a lead with a paid deposit back: the amount, and that the deposit stays until refunded. */
function depositPaidMessage(amountFen: number) {
  const zh = formatYuan(BigInt(amountFen), 'zh');
  const en = formatYuan(BigInt(amountFen), 'en');
  return {
    zh: `这条线索已支付意向金 ${zh}。移出“已锁定”不会退款：如需退款，请在线索页办理；确认保留意向金并移动吗？`,
    en: `This lead has paid a deposit of ${en}. Moving it out of Reserved does not refund it: refund it on the lead page if needed. Keep the deposit and move the lead?`,
  };
}

/** Moves a lead on the pipeline (JSON or form: `to`, `reason` for Lost, `keepDeposit` to move a lead with a paid deposit back). */
export const POST: APIRoute = async ({ params, request, locals }) => {
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string')
    return Response.json({ error: { code: fields } }, { status: fields === 'unsupported_media_type' ? 415 : 400 });
  const result = await moveLead(locals.runtime.db, locals.staff!, params.id ?? '', String(fields.to ?? ''), {
    reason: typeof fields.reason === 'string' ? fields.reason : undefined,
    keepDeposit: fields.keepDeposit === true || fields.keepDeposit === 'true',
  });
  if (!result.ok) {
    const message =
      result.code === 'deposit_paid' ? depositPaidMessage(result.deposit!.amountFen) : MESSAGES[result.code];
    return Response.json(
      { error: { code: result.code, message, ...(result.deposit ? { deposit: result.deposit } : {}) } },
      { status: STATUS[result.code] },
    );
  }
  return Response.json({ stage: result.stage, from: result.from });
};
