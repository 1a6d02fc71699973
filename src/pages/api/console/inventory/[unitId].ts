import type { APIRoute } from 'astro';
import { localePath } from '../../../../i18n/lang.ts';
import { leaseUnit, releaseUnitHold, updateUnit, type ManageResult } from '../../../../server/inventory/manage-unit.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../server/security/read-fields.ts';

/** Inventory changes: `action` = update (price, status), lease (tenant, term) or release (a hold). */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string')
    return Response.json({ error: { code: fields } }, { status: fields === 'unsupported_media_type' ? 415 : 400 });
  const { db, catalog } = locals.runtime;
  const unitId = (params.unitId ?? '').toLowerCase();
  // Only a unit of the catalog: the id goes into the redirect below.
  if (!catalog.unitById.has(unitId)) return Response.json({ error: { ok: false, code: 'not_found' } }, { status: 404 });
  const actor = locals.staff!;
  let result: ManageResult;
  if (fields.action === 'update')
    result = await updateUnit(db, catalog, actor, unitId, {
      listRentPerSqmDay: fields.listRentPerSqmDay,
      status: fields.status,
    });
  else if (fields.action === 'lease')
    result = await leaseUnit(db, catalog, actor, unitId, {
      tenant: fields.tenant,
      startsOn: fields.startsOn,
      endsOn: fields.endsOn,
    });
  else if (fields.action === 'release') result = await releaseUnitHold(db, catalog, actor, unitId);
  else result = { ok: false, code: 'invalid', field: 'action' };
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  const isForm = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  const building = catalog.unitById.get(unitId)?.building ?? '';
  const back = `${localePath(lang, '/console/inventory')}?building=${building}`;
  if (!result.ok) {
    const status = result.code === 'not_found' ? 404 : result.code === 'conflict' ? 409 : 400;
    return isForm && result.code !== 'not_found'
      ? redirect(`${back}&error=${result.code}:${unitId}`, 303)
      : Response.json({ error: result }, { status });
  }
  return isForm ? redirect(`${back}#${unitId}`, 303) : Response.json({ ok: true });
};
