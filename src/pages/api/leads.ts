import type { APIRoute } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { describeRefusal, type RefusalReason } from '../../server/leads/describe-refusal.ts';
import { leadRequestFrom } from '../../server/leads/lead-request.ts';
import { REFUSAL_STATUS, submitLead } from '../../server/leads/submit-lead.ts';
import { BodyTooLargeError } from '../../server/security/read-body.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../server/security/read-fields.ts';

const refusal = (reason: RefusalReason, status: number, retryAfter?: number) =>
  Response.json(describeRefusal(reason, [], retryAfter), { status, headers: retryAfter ? { 'retry-after': String(retryAfter) } : {} });

/** Lead intake for the LeadForm island, partner forms and integrations: JSON or form body. */
export const POST: APIRoute = async (context) => {
  const { request, locals } = context;
  let fields: Record<string, unknown> | RefusalReason;
  try {
    fields = await readFields(request, FORM_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refusal('too_large', 413);
    throw error;
  }
  if (typeof fields === 'string') return refusal(fields, fields === 'unsupported_media_type' ? 415 : 400);

  const { runtime } = locals;
  const leadRequest = leadRequestFrom({ request, cookies: context.cookies, clientAddress: safeClientAddress(context), lang: locals.lang }, fields, 'api');
  const result = await submitLead({ db: runtime.db, catalog: runtime.catalog, channels: runtime.notifyChannels, onStored: runtime.outbox.kick }, leadRequest);
  if (!result.ok) {
    const status = REFUSAL_STATUS[result.reason];
    return Response.json(describeRefusal(result.reason, result.errors, result.retryAfterSeconds), {
      status,
      headers: result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : {},
    });
  }
  const isFormPost = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  if (isFormPost && (request.headers.get('accept') ?? '').includes('text/html')) {
    return context.redirect(`${localePath(leadRequest.lang, '/contact/thanks')}?ref=${result.reference}`, 303);
  }
  return Response.json({ reference: result.reference, isNewLead: result.isNewLead }, { status: result.isNewLead ? 201 : 200 });
};

function safeClientAddress(context: Parameters<APIRoute>[0]): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}
