/**
 * E-mails to one person (notification_outbox rows with a `recipient`), written when they are sent, from the lead
 * and tour as they are then: the tenant's acknowledgement (who, by when, a link to book a tour) in the tenant's
 * language; the owner's notice that a lead is theirs; and a tour's confirmation, change, cancellation and
 * reminders, each with its calendar invitation (RFC 5545/5546: REQUEST, or CANCEL for a tour that is off). The
 * tenant's e-mails link to their own tour page; staff e-mails link to the console.
 */
import { eq } from 'drizzle-orm';
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { localePath } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { tourCalendar, type CalendarMethod } from '../../lib/ics.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { agentProfiles, leads, tours, type LeadRow, type OutboxRow, type TourRow } from '../db/schema.ts';
import { readLeasingSettings } from '../assignment/leasing-settings.ts';
import { issueTourToken } from '../tours/tour-link.ts';
import type { Notice } from './channels.ts';
import { escapePlainText } from './escape-notice-text.ts';
import { formatProposalNotice } from './format-proposal-notice.ts';
import { formatRequirementNotice } from './format-requirement-notice.ts';

interface Staff {
  name: string;
  email: string;
  workPhone: string | null;
}

async function readStaff(db: Database, where: { id?: string; email?: string }): Promise<Staff | undefined> {
  const [row] = await db
    .select({ name: staffUsers.name, email: staffUsers.email, workPhone: agentProfiles.workPhone })
    .from(staffUsers)
    .leftJoin(agentProfiles, eq(agentProfiles.userId, staffUsers.id))
    .where(where.id ? eq(staffUsers.id, where.id) : eq(staffUsers.email, where.email ?? ''));
  return row;
}

/** The units of a tour in words, e.g. "研发楼 1 号 0501、0502". */
function unitWords(catalog: Catalog | undefined, unitIds: readonly string[], lang: Lang): string {
  return unitIds
    .map((id) => {
      const unit = catalog?.unitById.get(id);
      const building = unit ? catalog?.buildingById.get(unit.building) : undefined;
      return unit && building ? `${building.name[lang]} ${unit.number}` : id;
    })
    .join(lang === 'zh' ? '、' : ', ');
}

function place(catalog: Catalog | undefined, lang: Lang): string {
  return catalog ? `${catalog.park.name[lang]}, ${catalog.park.address[lang]}` : '';
}

/** The tenant's page for a lead's tours, in their language. */
export async function tourPageUrl(db: Database, siteUrl: string, leadId: string, lang: Lang): Promise<string> {
  return new URL(localePath(lang, `/tours/${await issueTourToken(db, leadId)}`), siteUrl).href;
}

/**
 * The calendar event of a tour, for an invitation or a feed. Staff see the company; the tenant's copy (which
 * goes to whatever addresses a visitor typed) carries none of a visitor's words, only the park's, so it cannot
 * be used to send someone else a message of one's own.
 */
export function tourEvent(
  tour: TourRow,
  lead: Pick<LeadRow, 'companyName' | 'contactName' | 'reference' | 'email'>,
  agent: Staff,
  catalog: Catalog | undefined,
  lang: Lang,
  url: string,
  audience: 'staff' | 'tenant' = 'staff',
) {
  const units = unitWords(catalog, tour.unitIds, lang);
  const who = audience === 'staff' ? lead.companyName : (catalog?.park.name[lang] ?? '');
  const summary =
    lang === 'zh' ? `看房：${who}${units ? `（${units}）` : ''}` : `Tour: ${who}${units ? ` (${units})` : ''}`;
  return {
    uid: `${tour.id}@tours.fengtai-aerospace`,
    sequence: tour.sequence,
    start: tour.startsAt,
    end: tour.endsAt,
    summary,
    location: place(catalog, lang),
    description: [tour.reference, lead.reference, units, url].filter(Boolean).join('\n'),
    url,
    organizer: { name: agent.name, email: agent.email },
    attendees: [
      ...(lead.email ? [{ name: lead.contactName, email: lead.email }] : []),
      ...tour.colleagues.flatMap((c) => (c.email ? [{ name: c.name, email: c.email }] : [])),
    ],
    isCancelled: tour.status === 'cancelled',
  };
}

/** A notice about a lead to one person, written when it is sent (undefined: nothing to send any more). */
export type LeadNoticeFormatter = (
  db: Database,
  notice: OutboxRow,
  lead: LeadRow,
  siteUrl: string,
  catalog: Catalog | undefined,
) => Promise<Notice | undefined>;

/** The e-mail for a personal notice, or undefined when what it is about is gone. */
export async function formatPersonalNotice(
  db: Database,
  notice: OutboxRow,
  siteUrl: string,
  catalog: Catalog | undefined,
): Promise<Notice | undefined> {
  if (!notice.leadId || !notice.recipient) return undefined;
  const [lead] = await db.select().from(leads).where(eq(leads.id, notice.leadId));
  if (!lead) return undefined;
  const lang: Lang = notice.lang === 'en' ? 'en' : 'zh';
  const m = messages(lang).tours.mail;
  const f = (text: string, values: Record<string, string | number>) => formatMessage(text, values);
  const consoleUrl = new URL(`/console/leads/${lead.id}`, siteUrl).href;
  const tenantUrl = await tourPageUrl(db, siteUrl, lead.id, lang);
  const owner = lead.ownerId ? await readStaff(db, { id: lead.ownerId }) : undefined;
  const contact = (s: Staff) => [s.workPhone, s.email].filter(Boolean).join(' ');
  const base = { to: notice.recipient, markdown: '' };

  if (notice.event === 'lead.acknowledged') {
    const time = lead.responseDueAt ? formatDateTime(lead.responseDueAt, lang) : '';
    const lines = [
      m.ackGreeting,
      '',
      f(m.ackBody, { reference: lead.reference }),
      owner ? f(m.ackWho, { agent: `${owner.name} ${contact(owner)}` }) : '',
      time ? f(m.ackBy, { time }) : '',
      '',
      f(m.ackBook, { url: tenantUrl }),
      '',
      m.signature,
    ];
    return { ...base, subject: f(m.ackSubject, { reference: lead.reference }), text: lines.join('\n') };
  }
  if (notice.event === 'lead.assigned') {
    const settings = await readLeasingSettings(db);
    const due = lead.responseDueAt ? formatDateTime(lead.responseDueAt, 'zh') : '';
    return {
      ...base,
      subject: `【招商门户】新线索分配给您：${escapePlainText(lead.companyName)}`,
      text: [
        `${escapePlainText(lead.companyName)}（${lead.reference}）已分配给您。`,
        due ? `请在 ${due} 前首次联系（${settings.responseTargetMinutes} 个工作分钟内）。` : '',
        `联系人：${escapePlainText(lead.contactName)} ${lead.mobile ?? ''} ${lead.email ?? ''}`.trim(),
        '',
        consoleUrl,
      ].join('\n'),
    };
  }
  if (notice.event === 'lead.unassigned') {
    return {
      ...base,
      subject: `【招商门户】线索已转交：${escapePlainText(lead.companyName)}`,
      text: [
        `${escapePlainText(lead.companyName)}（${lead.reference}）已转交${owner ? `给 ${owner.name}` : ''}，不再由您负责。`,
        '',
        consoleUrl,
      ].join('\n'),
    };
  }
  if (notice.event === 'lead.escalated') {
    const due = lead.responseDueAt ? formatDateTime(lead.responseDueAt, 'zh') : '';
    return {
      ...base,
      subject: `【招商门户】超时未响应：${escapePlainText(lead.companyName)}`,
      text: [
        `${escapePlainText(lead.companyName)}（${lead.reference}）应在 ${due} 前首次联系，至今无人响应。`,
        `负责人：${owner?.name ?? '未分配'}`,
        `联系人：${escapePlainText(lead.contactName)} ${lead.mobile ?? ''} ${lead.email ?? ''}`.trim(),
        '',
        consoleUrl,
      ].join('\n'),
    };
  }
  if (notice.event.startsWith('proposal.')) return formatProposalNotice(db, notice, lead, siteUrl, catalog);
  if (notice.event === 'requirement.matches') return formatRequirementNotice(db, notice, lead, siteUrl, catalog);
  if (!notice.tourId) return undefined;
  const [tour] = await db.select().from(tours).where(eq(tours.id, notice.tourId));
  if (!tour) return undefined;
  const agent = await readStaff(db, { id: tour.agentId });
  if (!agent) return undefined;
  // A member of staff other than the tour's agent hears only that it is off their calendar (moved to a colleague).
  const recipientStaff = await readStaff(db, { email: notice.recipient });
  const isStaff = recipientStaff !== undefined;
  const isOffTheirCalendar = isStaff && recipientStaff.email !== agent.email;
  const isCancel = tour.status === 'cancelled' || isOffTheirCalendar;
  const url = isStaff ? consoleUrl : tenantUrl;
  const time = formatDateTime(tour.startsAt, lang);
  const minutes = Math.round((tour.endsAt.getTime() - tour.startsAt.getTime()) / 60_000);
  const units = unitWords(catalog, tour.unitIds, lang);
  const subjects: Record<string, string> = {
    'tour.booked': m.bookedSubject,
    'tour.changed': m.changedSubject,
    'tour.cancelled': m.cancelledSubject,
    'tour.reminder': m.reminderSubject,
  };
  const subject = f(isCancel ? m.cancelledSubject : (subjects[notice.event] ?? m.changedSubject), { time });
  const lines = isCancel
    ? [f(m.cancelledBody, { url }), '', `${tour.reference} · ${time}`]
    : [
        isStaff ? `${escapePlainText(lead.companyName)}（${lead.reference}）` : '',
        f(m.tourLine, { time, minutes }),
        f(m.placeLine, { place: place(catalog, lang) }),
        units ? f(m.unitsLine, { units }) : '',
        f(m.agentLine, { agent: agent.name, contact: contact(agent) }),
        '',
        isStaff ? url : f(m.manageLine, { url }),
      ];
  const method: CalendarMethod = isCancel ? 'CANCEL' : 'REQUEST';
  const event = tourEvent(
    isOffTheirCalendar ? { ...tour, status: 'cancelled' } : tour,
    lead,
    agent,
    catalog,
    lang,
    url,
    isStaff ? 'staff' : 'tenant',
  );
  return {
    ...base,
    subject: `${isStaff ? '【招商门户】' : ''}${subject}`,
    text: [...lines.filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== '')), '', m.signature].join('\n'),
    calendar: { method, content: tourCalendar(method, [event]) },
  };
}
