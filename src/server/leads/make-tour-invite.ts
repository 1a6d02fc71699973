/**
 * The calendar invitation (.ics) for a tour scheduled on a lead: the park's address, the units to show, and the
 * lead's reference and contact, so the event says who is coming without opening the console.
 */
import { and, eq } from 'drizzle-orm';
import { tourInvite } from '../../lib/ics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { leadEvents, leads } from '../db/schema.ts';

const UUID = /^[0-9a-f-]{36}$/;

/** The invitation and its file name, or undefined when the lead has no such scheduled tour. */
export async function makeTourInvite(
  deps: { db: Database; catalog: Catalog },
  leadId: string,
  eventId: string,
): Promise<{ ics: string; filename: string } | undefined> {
  if (!UUID.test(leadId) || !UUID.test(eventId)) return undefined;
  const { db, catalog } = deps;
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
  if (!row) return undefined;
  const data = row.data as { startsAt: string; minutes: number; unitIds: string[] };
  const units = data.unitIds
    .map((id) => catalog.unitById.get(id))
    .filter((u) => u !== undefined)
    .map((u) => `${catalog.buildingById.get(u.building)!.name.zh} ${u.number}`);
  const ics = tourInvite({
    uid: `${eventId}@tours.fengtai-aerospace`,
    start: new Date(data.startsAt),
    minutes: data.minutes,
    summary: `带看：${row.company}${units.length ? `（${units.join('、')}）` : ''}`,
    location: `${catalog.park.name.zh} ${catalog.park.address.zh}`,
    description: `${row.reference} · ${row.contact}`,
  });
  return { ics, filename: `tour-${row.reference}.ics` };
}
