/**
 * What a lead's console page shows (leasing staff): the lead with its inquiries, timeline, tasks and deposits
 * (lead-detail.ts), what the signed-in member may do there (console-access.ts), the words for the codes stored on
 * it, the units a tour can show, and what became of a refund just submitted (`?refund=…&deposit=…`).
 */
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatYuan } from '../../lib/format.ts';
import { isAllowed } from '../auth/console-access.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import type { Touch } from '../../lib/touch.ts';
import { getLeadDetail } from './get-lead-detail.ts';
import { desc, eq } from 'drizzle-orm';
import { businessMinutesBetween } from '../../lib/business-time.ts';
import { formatDateTime, todayInBeijing } from '../../lib/format.ts';
import { readLeasingSettings } from '../assignment/leasing-settings.ts';
import { staffUsers } from '../db/auth-schema.ts';
import { tours } from '../db/schema.ts';
import { findTourSlots, slotKey } from '../tours/tour-slots.ts';
import { leadProposals } from '../proposals/proposal-view.ts';
import { leadRequirementView } from '../requirements/requirement-view.ts';
import { pageName } from './name-page.ts';

/** Where the response promise stands: answered (in how many business minutes), waiting, or overdue. */
async function responseStatus(
  db: Database,
  lead: { createdAt: Date; responseDueAt: Date | null; firstResponseAt: Date | null; escalations: number },
  now: Date,
) {
  if (!lead.responseDueAt) return undefined;
  const settings = await readLeasingSettings(db);
  const waited = businessMinutesBetween(lead.createdAt, lead.firstResponseAt ?? now, settings.hours);
  const state = lead.firstResponseAt ? 'answered' : lead.responseDueAt <= now ? 'overdue' : 'waiting';
  return {
    state,
    dueAt: lead.responseDueAt,
    firstResponseAt: lead.firstResponseAt,
    minutes: Math.round(waited),
    isWithinTarget: lead.firstResponseAt !== null && lead.firstResponseAt <= lead.responseDueAt,
    minutesLeft: Math.max(0, Math.round(settings.responseTargetMinutes - waited)),
    minutesOver: Math.max(0, Math.round(waited - settings.responseTargetMinutes)),
    escalations: lead.escalations,
  } as const;
}

/** The lead's tours, latest first, with the agent's name, the units in words, and whether each can change. */
async function leadTours(deps: { db: Database; catalog: Catalog }, leadId: string, lang: Lang, now: Date) {
  const rows = await deps.db
    .select({ tour: tours, agentName: staffUsers.name })
    .from(tours)
    .innerJoin(staffUsers, eq(staffUsers.id, tours.agentId))
    .where(eq(tours.leadId, leadId))
    .orderBy(desc(tours.startsAt));
  return rows.map(({ tour, agentName }) => ({
    ...tour,
    agentName,
    unitNames: tour.unitIds.map((id) => unitDisplayName(deps.catalog, id, lang)),
    isUpcoming: tour.status === 'booked' && tour.startsAt > now,
    /** Begun and not cancelled: its outcome can be recorded (or corrected). */
    canRecordOutcome: tour.status !== 'cancelled' && tour.startsAt <= now,
  }));
}

/** The free slots of the next two weeks, for staff booking a tour from the lead page. */
async function staffSlots(deps: { db: Database; catalog: Catalog }, lang: Lang, now: Date) {
  const slots = await findTourSlots(deps.db, { buildingIds: [], fromDay: todayInBeijing(now), days: 14, now });
  return slots.map((slot) => ({
    key: slotKey(slot.startsAt),
    label: formatDateTime(slot.startsAt, lang),
    agents: slot.agents.map((a) => a.name),
  }));
}

/** The page's view, or undefined (404) for no such lead. */
export async function leadPageView(
  deps: { db: Database; catalog: Catalog },
  staff: { role: string } | undefined,
  leadId: string,
  query: URLSearchParams,
  lang: Lang,
  now: Date = new Date(),
) {
  const { catalog } = deps;
  const detail = await getLeadDetail(deps.db, leadId);
  if (!detail) return undefined;
  const t = messages(lang).console.lead;
  const may = (path: string, method: 'GET' | 'POST') => (staff ? isAllowed(path, method, staff.role) : false);
  const page = (path: string) => pageName(catalog, path, lang);
  const words = {
    unit: (id: string) => unitDisplayName(catalog, id, lang),
    page,
    // Codes stored on timeline entries, in words: unknown codes (older data) show as they are rather than vanish.
    label: (labels: Record<string, string>, code: unknown) => labels[String(code)] ?? String(code ?? ''),
    // Staff are named by their account; 'system' and 'tenant' are roles, not people.
    actor: (actor: string) => t.actors[actor] ?? detail.staff.find((s) => s.email === actor)?.name ?? actor,
    when: (d: Date) =>
      new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(d),
    touch: (touch: Touch | null) =>
      touch
        ? [
            touch.utm?.source,
            touch.utm?.medium,
            touch.utm?.campaign,
            touch.embed ? `${t.pages.embed} ${touch.embed.id}` : '',
            touch.referrer,
            page(touch.landingPage),
          ]
            .filter(Boolean)
            .join(' · ')
        : t.direct,
    // Stripe's failure_reason codes have messages; anything else is an error starting the refund (retried by the
    // sweep). `refused:<Stripe code>` is a refusal that repeating would not change (reconcile-deposit.ts).
    refundProblem: (code: string) =>
      code.startsWith('refused:')
        ? `${t.refundReasons.refused} (${code.slice('refused:'.length)})`
        : ((t.refundReasons as Record<string, string>)[code] ?? t.refundReasons.start_failed),
  };
  // What became of a refund just submitted (refund.ts redirects here with ?refund=…&deposit=…).
  const refundDeposit = detail.deposits.find((d) => d.id === query.get('deposit'));
  const refundOutcome = query.get('refund');
  const refundNotice =
    refundDeposit && refundOutcome && t.refundOutcomes[refundOutcome]
      ? formatMessage(t.refundOutcomes[refundOutcome], { amount: formatYuan(BigInt(refundDeposit.amountFen), lang) })
      : undefined;
  return {
    detail,
    response: await responseStatus(deps.db, detail.lead, now),
    tours: await leadTours(deps, leadId, lang, now),
    tourSlots: await staffSlots(deps, lang, now),
    proposals: await leadProposals(deps, leadId, lang),
    requirement: await leadRequirementView(deps, leadId, lang),
    /** Administrators decide on proposals that need approval. */
    isAdmin: staff?.role === 'admin',
    may: {
      edit: may('/api/console/leads/x/notes', 'POST'),
      refund: may('/api/console/deposits/x/refund', 'POST'),
      erase: may('/api/console/leads/x/erase', 'POST'),
      export: may('/api/console/leads/x/export.json', 'GET'),
    },
    words,
    // The tour's unit is picked by its display name; the inquiry's first unit comes preselected.
    lastUnit: detail.inquiries.find((i) => i.unitIds.length > 0)?.unitIds[0] ?? '',
    unitsByBuilding: catalog.buildings.map((b) => ({
      name: b.name[lang],
      units: catalog.units.filter((u) => u.building === b.id),
    })),
    refundNotice,
  };
}
