/**
 * A lead's tour as a calendar file for the console (the lead page's "add to calendar"): the park's address, the
 * units to show, the tenant and the agent, in Beijing time (lib/ics.ts).
 */
import { and, eq } from 'drizzle-orm';
import { tourCalendar } from '../../lib/ics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { leads, tours } from '../db/schema.ts';
import { tourEvent } from '../notify/format-personal-notice.ts';

const UUID = /^[0-9a-f-]{36}$/;

/** The file and its name, or undefined when the lead has no such tour. */
export async function makeTourInvite(
  deps: { db: Database; catalog: Catalog },
  leadId: string,
  tourId: string,
): Promise<{ ics: string; filename: string } | undefined> {
  if (!UUID.test(leadId) || !UUID.test(tourId)) return undefined;
  const [row] = await deps.db
    .select({ tour: tours, lead: leads, agent: { name: staffUsers.name, email: staffUsers.email } })
    .from(tours)
    .innerJoin(leads, eq(leads.id, tours.leadId))
    .innerJoin(staffUsers, eq(staffUsers.id, tours.agentId))
    .where(and(eq(tours.id, tourId), eq(tours.leadId, leadId)));
  if (!row) return undefined;
  const event = tourEvent(row.tour, row.lead, { ...row.agent, workPhone: null }, deps.catalog, 'zh', '');
  return { ics: tourCalendar('PUBLISH', [{ ...event, url: undefined }]), filename: `${row.tour.reference}.ics` };
}
