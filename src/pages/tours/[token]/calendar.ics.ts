import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { errorResponse } from '../../../server/errors/answer-outcome.ts';
import { tenantCalendar } from '../../../server/tours/tour-calendars.ts';

/** The tenant's booked tours as a calendar file, from their tour link. */
export const GET: APIRoute = async ({ params, locals }) => {
  const calendar = await tenantCalendar(
    { ...locals.runtime, siteUrl: PUBLIC_SITE_URL },
    params.token ?? '',
    locals.lang,
  );
  if (calendar.status !== 'ok')
    return errorResponse({ code: calendar.status === 'expired' ? 'link_expired' : 'invalid_link' });
  return new Response(calendar.ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${calendar.filename}"`,
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin',
    },
  });
};
