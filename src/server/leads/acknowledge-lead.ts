/**
 * The acknowledgement a tenant sees the moment an inquiry or reservation is stored (issue 15): who will contact
 * them (the assigned agent's name and work contact), by when (the response promise, in business time), and
 * their own link to book a tour now. The same facts go out by e-mail through the outbox
 * (notify/format-personal-notice.ts). Built from the stored lead, or from the tour link's token when a form post
 * without JavaScript lands on the page with `?ack=`.
 */
import { desc, eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { localePath } from '../../i18n/lang.ts';
import { formatDateTime } from '../../lib/format.ts';
import { readLeasingSettings, type LeasingSettings } from '../assignment/leasing-settings.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { agentProfiles, inquiries, leads } from '../db/schema.ts';
import { refusalMessage } from '../errors/error-catalogue.ts';
import { bookTour, type TourDeps } from '../tours/book-tour.ts';
import { slotKey } from '../tours/tour-slots.ts';
import { checkTourToken, issueTourToken } from '../tours/tour-link.ts';

export interface Acknowledgement {
  reference: string;
  agent: { name: string; phone: string | null; email: string } | null;
  /** The promise: ISO 8601 in Beijing time, and in words in the tenant's language. */
  respondBy: string;
  respondByText: string;
  targetMinutes: number;
  /** Working hours, e.g. "09:00–18:00". */
  hours: { start: string; end: string };
  /** The tenant's own tour page (path, in their language) and its token. */
  tourPath: string;
  tourToken: string;
  /** The tour time picked on the form: booked, or why not (in the tenant's language). */
  tour?: { isBooked: true; reference: string; timeText: string } | { isBooked: false; message: string };
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * Books the tour time the tenant picked on the form, for the units of their inquiry; a time taken meanwhile is no
 * reason to lose the inquiry, which is stored already: the acknowledgement says so and offers the tour link.
 */
async function bookPickedTour(deps: TourDeps, leadId: string, start: string, lang: Lang) {
  const [inquiry] = await deps.db
    .select({ unitIds: inquiries.unitIds })
    .from(inquiries)
    .where(eq(inquiries.leadId, leadId))
    .orderBy(desc(inquiries.createdAt))
    .limit(1);
  const result = await bookTour(deps, {
    leadId,
    startsAt: new Date(start),
    unitIds: inquiry?.unitIds ?? [],
    buildingId: null,
    bookedBy: 'tenant',
  });
  if (result.ok)
    return {
      isBooked: true as const,
      reference: result.tour.reference,
      timeText: formatDateTime(result.tour.startsAt, lang),
    };
  const code = result.code === 'not_found' ? 'tour_slot_invalid' : result.code;
  return { isBooked: false as const, message: refusalMessage({ code, params: { unit: result.unitId ?? '' } }, lang) };
}

/** The acknowledgement of a stored lead, in `lang`; with `pickedTour`, the tour time picked on the form is booked. */
export async function acknowledgeLead(
  db: Database,
  stored: {
    reference: string;
    leadId: string;
    owner: { name: string; email: string; workPhone: string | null } | null;
    responseDueAt: Date;
    /** The rules the lead was stored under; read now when not given. */
    settings?: LeasingSettings;
  },
  lang: Lang,
  pickedTour?: { deps: TourDeps; start: string },
): Promise<Acknowledgement> {
  const settings = stored.settings ?? (await readLeasingSettings(db));
  const tourToken = await issueTourToken(db, stored.leadId);
  const tour = pickedTour ? await bookPickedTour(pickedTour.deps, stored.leadId, pickedTour.start, lang) : undefined;
  return {
    ...(tour ? { tour } : {}),
    reference: stored.reference,
    agent: stored.owner && { name: stored.owner.name, phone: stored.owner.workPhone, email: stored.owner.email },
    respondBy: slotKey(stored.responseDueAt),
    respondByText: formatDateTime(stored.responseDueAt, lang),
    targetMinutes: settings.responseTargetMinutes,
    hours: { start: clock(settings.hours.startMinute), end: clock(settings.hours.endMinute) },
    tourPath: localePath(lang, `/tours/${tourToken}`),
    tourToken,
  };
}

/** The acknowledgement behind a tour link's token (a form post's `?ack=`), or undefined if it does not work. */
export async function acknowledgementFromToken(
  db: Database,
  token: string,
  lang: Lang,
): Promise<Acknowledgement | undefined> {
  const check = await checkTourToken(db, token);
  return check.status === 'ok' ? acknowledgementOfLead(db, check.leadId, lang) : undefined;
}

/** The acknowledgement of a lead as it stands (its owner now, its due time): e.g. on a reservation's receipt. */
export async function acknowledgementOfLead(
  db: Database,
  leadId: string,
  lang: Lang,
): Promise<Acknowledgement | undefined> {
  const [row] = await db
    .select({
      reference: leads.reference,
      leadId: leads.id,
      responseDueAt: leads.responseDueAt,
      createdAt: leads.createdAt,
      ownerName: staffUsers.name,
      ownerEmail: staffUsers.email,
      ownerPhone: agentProfiles.workPhone,
    })
    .from(leads)
    .leftJoin(staffUsers, eq(staffUsers.id, leads.ownerId))
    .leftJoin(agentProfiles, eq(agentProfiles.userId, leads.ownerId))
    .where(eq(leads.id, leadId));
  if (!row) return undefined;
  return acknowledgeLead(
    db,
    {
      reference: row.reference,
      leadId: row.leadId,
      owner:
        row.ownerName && row.ownerEmail
          ? { name: row.ownerName, email: row.ownerEmail, workPhone: row.ownerPhone }
          : null,
      responseDueAt: row.responseDueAt ?? row.createdAt,
    },
    lang,
  );
}

/** The tour time an inquiry picked (already checked by the intake), with what booking it needs; none if none. */
export function pickedTour(raw: unknown, deps: TourDeps): { deps: TourDeps; start: string } | undefined {
  const start = (raw as { tourStart?: unknown } | null)?.tourStart;
  return typeof start === 'string' && start !== '' ? { deps, start } : undefined;
}
