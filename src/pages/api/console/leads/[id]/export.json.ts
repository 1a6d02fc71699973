import type { APIRoute } from 'astro';
import { errorResponse } from '../../../../../server/errors/answer-outcome.ts';
import { exportPersonData } from '../../../../../server/leads/export-person-data.ts';

/** PIPL access request: everything held about the person behind a lead, as a JSON download (audited). */
export const GET: APIRoute = async ({ params, locals }) => {
  const exported = await exportPersonData(locals.runtime, locals.staff!, params.id ?? '');
  if (!exported) return errorResponse({ code: 'not_found' });
  return new Response(exported.json, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exported.filename}"`,
      'cache-control': 'no-store',
    },
  });
};
