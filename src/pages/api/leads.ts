import type { APIRoute } from 'astro';
import { localePath } from '../../i18n/lang.ts';
import { answerOutcome } from '../../server/errors/answer-outcome.ts';
import { receiveLead } from '../../server/leads/receive-lead.ts';

/** Lead intake for the LeadForm island, partner forms and integrations: JSON or form body. */
export const POST: APIRoute = async (context) => {
  const { outcome, lang } = await receiveLead(context);
  // The same answer whether or not the person already has a lead (submit-lead.ts).
  return answerOutcome(context, outcome, {
    json: ({ reference, acknowledgement }) => {
      const { tourToken: _token, tourPath, ...rest } = acknowledgement;
      const tourUrl = new URL(tourPath, context.url).href;
      return Response.json({ reference, acknowledgement: { ...rest, tourUrl } }, { status: 201 });
    },
    form: {
      lang,
      page: '/contact',
      next: ({ reference, acknowledgement }) =>
        `${localePath(lang, '/contact')}?ref=${reference}&ack=${acknowledgement.tourToken}#inquiry`,
    },
  });
};
