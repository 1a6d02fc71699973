/**
 * The acknowledgement a tenant sees the moment an inquiry or reservation is stored (issue 15): who will contact
 * them (the assigned agent's name and work contact), by when (the response promise, in business time), and
 * their own link to book a tour now. The same facts go out by e-mail through the outbox
 * (notify/format-personal-notice.ts). Built from the stored lead, or from the tour link's token when a form post
 * without JavaScript lands on the page with `?ack=`.
 */
import { eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { localePath } from '../../i18n/lang.ts';
import { formatDateTime } from '../../lib/format.ts';
import { readLeasingSettings } from '../assignment/leasing-settings.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { agentProfiles, leads } from '../db/schema.ts';
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
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The acknowledgement of a stored lead, in `lang`. */
export async function acknowledgeLead(
  db: Database,
  stored: {
    reference: string;
    leadId: string;
    owner: { name: string; email: string; workPhone: string | null } | null;
    responseDueAt: Date;
  },
  lang: Lang,
): Promise<Acknowledgement> {
  const settings = await readLeasingSettings(db);
  const tourToken = await issueTourToken(db, stored.leadId);
  return {
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
  if (check.status !== 'ok') return undefined;
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
    .where(eq(leads.id, check.leadId));
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
