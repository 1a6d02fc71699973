import type { APIRoute } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { describeRefusal } from '../../server/leads/describe-refusal.ts';
import { readLeadSubmission } from '../../server/leads/read-lead-submission.ts';
import { REFUSAL_STATUS } from '../../server/leads/lead-submission.ts';
import { submitLead } from '../../server/leads/submit-lead.ts';

/** Lead intake for the LeadForm island, partner forms and integrations: JSON or form body. */
export const POST: APIRoute = async (context) => {
  const { request, locals } = context;
  const read = await readLeadSubmission(context);
  if (read instanceof Response) return read;
  const { submission } = read;
  const { runtime } = locals;
  const result = await submitLead(
    { db: runtime.db, catalog: runtime.catalog, channels: runtime.notifyChannels, onStored: runtime.outbox.kick },
    submission,
  );
  if (!result.ok) {
    const status = REFUSAL_STATUS[result.reason];
    return Response.json(describeRefusal(result.reason, result.errors, result.retryAfterSeconds), {
      status,
      headers: result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : {},
    });
  }
  const isFormPost = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  if (isFormPost && (request.headers.get('accept') ?? '').includes('text/html')) {
    return context.redirect(`${localePath(submission.lang, '/contact/thanks')}?ref=${result.reference}`, 303);
  }
  // The same answer whether or not the person already has a lead (submit-lead.ts).
  return Response.json({ reference: result.reference }, { status: 201 });
};
