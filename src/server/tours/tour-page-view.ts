/**
 * What the tenant's tour page (/tours/<token>) shows: whose lead the link is for, the tour coming up (with its
 * agent, place and units) or none, the free times to book or move to (by day, 14 days from `from`), and the
 * earlier tours. Undefined when the link does not work (altered, malformed, expired) or its lead is gone.
 */
import { desc, eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { formatDate, formatUnitName, todayInBeijing } from '../../lib/format.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { agentProfiles, inquiries, leads, tours, type TourRow } from '../db/schema.ts';
import { MAX_DAYS_AHEAD, beijingDay, findTourSlots, slotKey, tourBuildings } from './tour-slots.ts';
import { checkTourToken } from './tour-link.ts';

const DAYS_SHOWN = 14;

export interface TourPageView {
  status: 'ok';
  token: string;
  company: string;
  upcoming: (TourRow & { agentName: string; agentPhone: string | null; unitNames: string[] }) | undefined;
  earlier: Array<TourRow & { unitNames: string[] }>;
  /** The units a new booking is for: those the lead asked about, still in the catalog. */
  unitIds: string[];
  unitNames: string[];
  /** Free times by Beijing day, each with its label and its slots' keys and clock times. */
  days: Array<{ day: string; label: string; slots: Array<{ key: string; time: string }> }>;
  from: string;
  earlierFrom: string | undefined;
  laterFrom: string | undefined;
  place: string;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function unitNames(catalog: Catalog, unitIds: readonly string[], lang: Lang): string[] {
  return unitIds.flatMap((id) => {
    const unit = catalog.unitById.get(id);
    const building = unit && catalog.buildingById.get(unit.building);
    return unit && building ? [formatUnitName(building.name[lang], unit.level, unit.number, lang)] : [];
  });
}

const weekday: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat('zh-CN', { weekday: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }),
};

export async function tourPageView(
  deps: { db: Database; catalog: Catalog },
  token: string,
  lang: Lang,
  fromParam: string | null,
  now: Date = new Date(),
): Promise<TourPageView | { status: 'invalid' | 'expired' }> {
  const { db, catalog } = deps;
  const check = await checkTourToken(db, token, now);
  if (check.status !== 'ok') return { status: check.status };
  const [lead] = await db
    .select({ id: leads.id, company: leads.companyName })
    .from(leads)
    .where(eq(leads.id, check.leadId));
  if (!lead) return { status: 'invalid' };
  const rows = await db
    .select({ tour: tours, agentName: staffUsers.name, agentPhone: agentProfiles.workPhone })
    .from(tours)
    .innerJoin(staffUsers, eq(staffUsers.id, tours.agentId))
    .leftJoin(agentProfiles, eq(agentProfiles.userId, tours.agentId))
    .where(eq(tours.leadId, lead.id))
    .orderBy(desc(tours.startsAt));
  const upcomingRow = rows.find((r) => r.tour.status === 'booked' && r.tour.startsAt > now);
  const [latest] = await db
    .select({ unitIds: inquiries.unitIds })
    .from(inquiries)
    .where(eq(inquiries.leadId, lead.id))
    .orderBy(desc(inquiries.createdAt))
    .limit(1);
  const unitIds = (upcomingRow?.tour.unitIds ?? latest?.unitIds ?? []).filter((id) => catalog.unitById.has(id));

  const today = todayInBeijing(now);
  const lastFrom = addDays(today, MAX_DAYS_AHEAD - DAYS_SHOWN);
  const from =
    fromParam && /^\d{4}-\d{2}-\d{2}$/.test(fromParam) && fromParam >= today && fromParam <= lastFrom
      ? fromParam
      : today;
  const slots = await findTourSlots(db, {
    buildingIds: tourBuildings(catalog, unitIds, upcomingRow?.tour.buildingId ?? null),
    fromDay: from,
    days: DAYS_SHOWN,
    now,
    ignoreTourId: upcomingRow?.tour.id,
  });
  const byDay = new Map<string, Array<{ key: string; time: string }>>();
  for (const slot of slots) {
    // The tour's own time is no time to move it to.
    if (upcomingRow && slot.startsAt.getTime() === upcomingRow.tour.startsAt.getTime()) continue;
    const day = beijingDay(slot.startsAt);
    const key = slotKey(slot.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), { key, time: key.slice(11, 16) }]);
  }
  const days = [...byDay].map(([day, daySlots]) => ({
    day,
    label: `${formatDate(day, lang)} ${weekday[lang].format(new Date(`${day}T00:00:00Z`))}`,
    slots: daySlots,
  }));
  const earlierFrom = from > today ? [addDays(from, -DAYS_SHOWN), today].sort().at(-1) : undefined;
  const laterFrom = from < lastFrom ? [addDays(from, DAYS_SHOWN), lastFrom].sort()[0] : undefined;
  return {
    status: 'ok',
    token,
    company: lead.company,
    upcoming: upcomingRow && {
      ...upcomingRow.tour,
      agentName: upcomingRow.agentName,
      agentPhone: upcomingRow.agentPhone,
      unitNames: unitNames(catalog, upcomingRow.tour.unitIds, lang),
    },
    earlier: rows
      .filter((r) => r !== upcomingRow)
      .map((r) => ({ ...r.tour, unitNames: unitNames(catalog, r.tour.unitIds, lang) })),
    unitIds,
    unitNames: unitNames(catalog, unitIds, lang),
    days,
    from,
    earlierFrom,
    laterFrom,
    place: `${catalog.park.name[lang]} · ${catalog.park.address[lang]}`,
  };
}
