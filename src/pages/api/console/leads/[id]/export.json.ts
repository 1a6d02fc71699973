import type { APIRoute } from 'astro';
import { recordAudit } from '../../../../../server/audit/record-audit.ts';
import { exportLeadData } from '../../../../../server/leads/lead-privacy.ts';

/** PIPL access request: everything held about the person behind a lead, as a JSON download. */
export const GET: APIRoute = async ({ params, locals }) => {
  const leadId = params.id ?? '';
  const data = /^[0-9a-f-]{36}$/.test(leadId) ? await exportLeadData(locals.runtime.db, leadId) : undefined;
  if (!data) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  await recordAudit(locals.runtime.db, locals.staff!, 'lead.export', 'lead', leadId, null, null);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${data.lead.reference}.json"`,
      'cache-control': 'no-store',
    },
  });
};
