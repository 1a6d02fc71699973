import type { APIRoute } from 'astro';
import { answerOutcome } from '../../../server/errors/answer-outcome.ts';
import { receiveReservation } from '../../../server/payments/receive-reservation.ts';

/**
 * Starts a reservation: the inquiry fields plus `unitId`. Answers with the Checkout URL and `nextUrl`, the portal's
 * checkout step (unit, amount, the hold's countdown, then on to Checkout); a browser's form post gets 303 to that step.
 */
export const POST: APIRoute = async (context) => {
  const { outcome, lang, unitId } = await receiveReservation(context);
  return answerOutcome(context, outcome, {
    json: (r) =>
      Response.json(
        {
          checkoutUrl: r.checkoutUrl,
          nextUrl: r.stepUrl,
          reference: r.reference,
          depositId: r.depositId,
          amountFen: r.amountFen,
        },
        { status: 201 },
      ),
    form: { lang, page: `/reserve/${unitId}`, next: (r) => r.stepUrl },
  });
};
