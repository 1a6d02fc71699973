import type { APIRoute } from 'astro';
import { errorResponse } from '../../../../server/errors/answer-outcome.ts';
import { exportCsv, isExportFile } from '../../../../server/exports/export-csv.ts';

/** leads.csv and inventory.csv for Excel (see export-csv.ts); every export is audited. */
export const GET: APIRoute = async ({ params, locals }) => {
  if (!isExportFile(params.file)) return errorResponse({ code: 'not_found' });
  const { csv, filename } = await exportCsv(locals.runtime, locals.staff!, params.file);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
};
