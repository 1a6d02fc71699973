import type { APIRoute } from 'astro';
import { describeRefusal } from '../../../server/leads/describe-refusal.ts';
import { readLeadSubmission } from '../../../server/leads/read-lead-submission.ts';
import { reserveDeps } from '../../../server/runtime.ts';
import { RESERVE_STATUS, reserveUnit } from '../../../server/payments/reserve-unit.ts';

/**
 * Starts a reservation: the inquiry fields plus `unitId`. Answers with the Checkout URL and `nextUrl`, the portal's
 * checkout step (unit, amount, the hold's countdown, then on to Checkout); a browser's form post gets 303 to that step.
 */
export const POST: APIRoute = async (context) => {
  const { request, locals } = context;
  const read = await readLeadSubmission(context);
  if (read instanceof Response) return read;
  const { fields, submission } = read;
  const unitId = typeof fields.unitId === 'string' ? fields.unitId.trim().toLowerCase() : '';
  const result = await reserveUnit(reserveDeps(locals.runtime), unitId, submission);
  if (!result.ok) {
    const headers: Record<string, string> = result.retryAfterSeconds
      ? { 'retry-after': String(result.retryAfterSeconds) }
      : {};
    return Response.json(describeRefusal(result.reason, result.errors, result.retryAfterSeconds), {
      status: RESERVE_STATUS[result.reason],
      headers,
    });
  }
  const isFormPost = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  if (isFormPost && (request.headers.get('accept') ?? '').includes('text/html'))
    return context.redirect(result.stepUrl, 303);
  return Response.json(
    {
      checkoutUrl: result.checkoutUrl,
      nextUrl: result.stepUrl,
      reference: result.reference,
      depositId: result.depositId,
      amountFen: result.amountFen,
    },
    { status: 201 },
  );
};
