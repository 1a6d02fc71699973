import type { APIRoute } from 'astro';
import { eq } from 'drizzle-orm';
import { localePath } from '../../../../../i18n/lang.ts';
import { messages } from '../../../../../i18n/messages.ts';
import { recordAudit } from '../../../../../server/audit/record-audit.ts';
import { deposits } from '../../../../../server/db/schema.ts';
import { isRefundReason, refundReservation } from '../../../../../server/payments/refund-reservation.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../../server/security/read-fields.ts';

/**
 * Refunds a reservation deposit (admins and leasing agents; see console-access.ts). Needs a reason staff chose
 * (REFUND_REASONS) and confirm=yes; without either nothing is refunded.
 */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string') return Response.json({ error: { code: fields } }, { status: 400 });
  const depositId = params.id ?? '';
  if (!/^[0-9a-f-]{36}$/.test(depositId)) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  const { runtime } = locals;
  const [before] = await runtime.db
    .select({ status: deposits.status, leadId: deposits.leadId })
    .from(deposits)
    .where(eq(deposits.id, depositId));
  if (!before) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  const isForm = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  const leadPage = (query: Record<string, string>) =>
    redirect(
      `${localePath(lang, `/console/leads/${before.leadId}`)}?${new URLSearchParams({ ...query, deposit: depositId })}`,
      303,
    );
  // A form shows the refusal on the lead page (303); an API caller gets 400 with the message in both languages.
  const refuse = (code: 'refund_reason' | 'refund_confirm') =>
    isForm
      ? leadPage({ error: code })
      : Response.json(
          {
            error: {
              code,
              message: {
                zh: messages('zh').console.lead.refundErrors[code],
                en: messages('en').console.lead.refundErrors[code],
              },
            },
          },
          { status: 400 },
        );
  const reason = fields.reason;
  if (!isRefundReason(reason)) return refuse('refund_reason');
  if (fields.confirm !== 'yes') return refuse('refund_confirm');
  const result = await refundReservation(
    { db: runtime.db, gateway: runtime.payments.gateway, channels: runtime.notifyChannels },
    depositId,
    { reason, actor: locals.staff!.email },
  );
  if (result.outcome === 'requested')
    await recordAudit(
      runtime.db,
      locals.staff!,
      'deposit.refund',
      'deposit',
      depositId,
      { status: before.status },
      { status: result.status ?? null, reason },
    );
  runtime.outbox.kick();
  if (result.outcome === 'not_refundable') {
    return isForm
      ? leadPage({ error: 'not_refundable' })
      : Response.json({ error: { code: 'not_refundable' } }, { status: 409 });
  }
  return isForm
    ? leadPage({ refund: result.outcome === 'already' ? 'already' : (result.status ?? 'refund_pending') })
    : Response.json(result);
};
