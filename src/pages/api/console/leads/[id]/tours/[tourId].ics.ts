import type { APIRoute } from 'astro';
import { errorResponse } from '../../../../../../server/errors/answer-outcome.ts';
import { makeTourInvite } from '../../../../../../server/leads/make-tour-invite.ts';

/** A lead's tour as a calendar file. */
export const GET: APIRoute = async ({ params, locals }) => {
  const invite = await makeTourInvite(locals.runtime, params.id ?? '', params.tourId ?? '');
  if (!invite) return errorResponse({ code: 'not_found' });
  return new Response(invite.ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${invite.filename}"`,
    },
  });
};
