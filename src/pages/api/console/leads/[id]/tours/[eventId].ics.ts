import type { APIRoute } from 'astro';
import { and, eq } from 'drizzle-orm';
import { tourInvite } from '../../../../../../lib/ics.ts';
import { leadEvents, leads } from '../../../../../../server/db/schema.ts';

/** The calendar invitation (.ics) for a scheduled tour. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { db, catalog } = locals.runtime;
  const leadId = params.id ?? '';
  const eventId = params.eventId ?? '';
  if (!/^[0-9a-f-]{36}$/.test(leadId) || !/^[0-9a-f-]{36}$/.test(eventId))
    return new Response('Not found', { status: 404 });
  const [row] = await db
    .select({
      data: leadEvents.data,
      company: leads.companyName,
      reference: leads.reference,
      contact: leads.contactName,
    })
    .from(leadEvents)
    .innerJoin(leads, eq(leads.id, leadEvents.leadId))
    .where(and(eq(leadEvents.id, eventId), eq(leadEvents.leadId, leadId), eq(leadEvents.kind, 'tour_scheduled')));
  if (!row) return new Response('Not found', { status: 404 });
  const data = row.data as { startsAt: string; minutes: number; unitIds: string[] };
  const units = data.unitIds
    .map((id) => catalog.unitById.get(id))
    .filter((u) => u !== undefined)
    .map((u) => `${catalog.buildingById.get(u.building)!.name.zh} ${u.number}`);
  const body = tourInvite({
    uid: `${eventId}@tours.fengtai-aerospace`,
    start: new Date(data.startsAt),
    minutes: data.minutes,
    summary: `带看：${row.company}${units.length ? `（${units.join('、')}）` : ''}`,
    location: `${catalog.park.name.zh} ${catalog.park.address.zh}`,
    description: `${row.reference} · ${row.contact}`,
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="tour-${row.reference}.ics"`,
    },
  });
};
