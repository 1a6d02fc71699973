import type { APIRoute } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { answerOutcome } from '../../server/errors/answer-outcome.ts';
import { tourDeps } from '../../server/runtime.ts';
import { slotKey } from '../../server/tours/tour-slots.ts';
import { receiveTourRequest } from '../../server/tours/receive-tour-request.ts';

/**
 * Books, moves or cancels a tour, or names colleagues, with the tenant's tour link token (`token`; `action` is
 * `book` by default). JSON gets 201 (booked) or 200 with the tour; the tour page's form posts go back to it (303).
 */
export const POST: APIRoute = async (context) => {
  const deps = tourDeps(context.locals.runtime);
  const { outcome, token, lang } = await receiveTourRequest(context, deps);
  const page = localePath(lang, `/tours/${token}`);
  return answerOutcome(context, outcome, {
    json: ({ tour, action }) =>
      Response.json(
        {
          reference: tour.reference,
          status: tour.status,
          start: slotKey(tour.startsAt),
          end: slotKey(tour.endsAt),
          unitIds: tour.unitIds,
          manageUrl: new URL(page, context.url).href,
        },
        { status: action === 'book' ? 201 : 200 },
      ),
    // A refused link has no page of its own to go back to: the tour page shows the refusal for any token.
    form: { lang, page, next: ({ action }) => `${page}?done=${action}` },
  });
};
