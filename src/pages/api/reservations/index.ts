import type { APIRoute } from 'astro';
import { describeRefusal, type RefusalReason } from '../../../server/leads/describe-refusal.ts';
import { leadRequestFrom } from '../../../server/leads/lead-request.ts';
import { reserveDeps } from '../../../server/payments/reserve-request.ts';
import { RESERVE_STATUS, reserveUnit } from '../../../server/payments/reserve-unit.ts';
import { BodyTooLargeError } from '../../../server/security/read-body.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../server/security/read-fields.ts';

/** Starts a reservation: the inquiry fields plus `unitId`. Answers with the Checkout URL, or 303 to it for forms. */
export const POST: APIRoute = async (context) => {
  const { request, locals } = context;
  let fields: Record<string, unknown> | RefusalReason;
  try {
    fields = await readFields(request, FORM_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return Response.json(describeRefusal('too_large'), { status: 413 });
    throw error;
  }
  if (typeof fields === 'string') return Response.json(describeRefusal(fields), { status: fields === 'unsupported_media_type' ? 415 : 400 });
  const unitId = typeof fields.unitId === 'string' ? fields.unitId.trim().toLowerCase() : '';
  let clientAddress: string | undefined;
  try {
    clientAddress = context.clientAddress;
  } catch {
    clientAddress = undefined;
  }
  const leadRequest = leadRequestFrom({ request, cookies: context.cookies, clientAddress, lang: locals.lang }, fields, 'api');
  const result = await reserveUnit(reserveDeps(locals.runtime), unitId, leadRequest);
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : {};
    return Response.json(describeRefusal(result.reason, result.errors, result.retryAfterSeconds), { status: RESERVE_STATUS[result.reason], headers });
  }
  const isFormPost = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  if (isFormPost && (request.headers.get('accept') ?? '').includes('text/html')) return context.redirect(result.checkoutUrl, 303);
  return Response.json({ checkoutUrl: result.checkoutUrl, reference: result.reference, depositId: result.depositId, amountFen: result.amountFen }, { status: 201 });
};
