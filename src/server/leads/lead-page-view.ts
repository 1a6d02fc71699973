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
import { pageName } from './name-page.ts';

/** The page's view, or undefined (404) for no such lead. */
export async function leadPageView(
  deps: { db: Database; catalog: Catalog },
  staff: { role: string } | undefined,
  leadId: string,
  query: URLSearchParams,
  lang: Lang,
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
