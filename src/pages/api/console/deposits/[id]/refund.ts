import type { APIRoute } from 'astro';
import { eq } from 'drizzle-orm';
import { localePath } from '../../../../../i18n/lang.ts';
import { recordAudit } from '../../../../../server/audit/record-audit.ts';
import { deposits } from '../../../../../server/db/schema.ts';
import { refundReservation } from '../../../../../server/payments/refund-reservation.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../../server/security/read-fields.ts';

/** Refunds a reservation deposit (admins and leasing agents; see console-access.ts). */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string') return Response.json({ error: { code: fields } }, { status: 400 });
  const depositId = params.id ?? '';
  if (!/^[0-9a-f-]{36}$/.test(depositId)) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  const { runtime } = locals;
  const [before] = await runtime.db.select({ status: deposits.status, leadId: deposits.leadId }).from(deposits).where(eq(deposits.id, depositId));
  if (!before) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  const reason = typeof fields.reason === 'string' && fields.reason.trim() ? fields.reason.trim().slice(0, 200) : 'requested_by_customer';
  const result = await refundReservation({ db: runtime.db, gateway: runtime.payments.gateway, channels: runtime.notifyChannels }, depositId, { reason, actor: locals.staff!.email });
  if (result.outcome === 'requested') await recordAudit(runtime.db, locals.staff!, 'deposit.refund', 'deposit', depositId, { status: before.status }, { status: result.status ?? null, reason });
  runtime.outbox.kick();
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  const isForm = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  if (result.outcome === 'not_refundable') {
    return isForm ? redirect(`${localePath(lang, `/console/leads/${before.leadId}`)}?error=not_refundable`, 303) : Response.json({ error: { code: 'not_refundable' } }, { status: 409 });
  }
  return isForm ? redirect(localePath(lang, `/console/leads/${before.leadId}`), 303) : Response.json(result);
};
