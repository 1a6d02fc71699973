import type { APIRoute } from 'astro';
import { formatMessage } from '../../../../i18n/format-message.ts';
import { messages } from '../../../../i18n/messages.ts';
import { preflight, publicJson } from '../../../../server/api/public-json.ts';
import { runUnitSearch } from '../../../../server/inventory/run-unit-search.ts';
import { toUnitSummary } from '../../../../server/inventory/summarize-unit.ts';

/** Units matching the search parameters of /units, as JSON; 400 with field-level messages for bad parameters. */
export const GET: APIRoute = async ({ url, locals, request }) => {
  const { catalog, db } = locals.runtime;
  const { errors, result } = await runUnitSearch(db, catalog, url.searchParams);
  if (errors.length > 0) {
    const zh = messages('zh').search;
    const en = messages('en').search;
    return publicJson(
      request,
      {
        errors: errors.map((e) => ({
          field: e.field,
          code: e.code,
          message: {
            zh: formatMessage(zh.errors[e.code], { label: zh.fields[e.field] }),
            en: formatMessage(en.errors[e.code], { label: en.fields[e.field] }),
          },
        })),
      },
      400,
    );
  }
  return publicJson(request, {
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    pageSize: result.pageSize,
    units: result.units.map((u) => toUnitSummary(u, catalog)),
  });
};

export const OPTIONS: APIRoute = () => preflight();
