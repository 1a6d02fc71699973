import type { APIRoute } from 'astro';
import { PUBLIC_SITE_URL } from 'astro:env/server';
import { errorResponse } from '../../server/errors/answer-outcome.ts';
import { agentFeed } from '../../server/tours/tour-calendars.ts';

/** An agent's private tour calendar, to subscribe to; 404 once revoked or replaced. */
export const GET: APIRoute = async ({ params, locals }) => {
  const ics = await agentFeed({ ...locals.runtime, siteUrl: PUBLIC_SITE_URL }, params.secret ?? '');
  if (!ics) return errorResponse({ code: 'not_found' });
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, no-cache',
      'referrer-policy': 'same-origin',
      'x-robots-tag': 'noindex',
    },
  });
};
