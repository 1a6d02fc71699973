/**
 * What the console's overview shows: the figures of a period (`?days=30`, or `?from=…&to=…` in Beijing dates;
 * a period that is not one falls back to the last 30 days and says so), the member's own tasks, what they may
 * open, the charts as server-drawn SVG (the tables on the page carry the same numbers), and, for those who handle
 * deposits, the payment methods Stripe stopped offering.
 */
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { isAllowed } from '../auth/console-access.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { listMissingMethods } from '../payments/record-offered-methods.ts';
import { getDashboard } from './get-dashboard.ts';
import { responseMetrics } from './response-metrics.ts';
import { renderBarsSvg, renderOccupancySvg } from './render-dashboard-charts.ts';

const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** The period asked for, or the last 30 days (`isBadPeriod` when the dates given are not a period). */
function periodOf(query: URLSearchParams, now: Date) {
  const days = Number(query.get('days') ?? '30');
  let from = new Date(now.getTime() - (Number.isInteger(days) && days > 0 && days <= 3650 ? days : 30) * 86_400_000);
  let to = now;
  let isBadPeriod = false;
  const [start, end] = [query.get('from'), query.get('to')];
  if (start !== null || end !== null) {
    if (isDate(start) && isDate(end) && start <= end) {
      from = new Date(`${start}T00:00:00+08:00`);
      to = new Date(`${end}T23:59:59+08:00`);
    } else isBadPeriod = true;
  }
  return { from, to, isBadPeriod };
}

export async function overviewView(
  deps: { db: Database; catalog: Catalog },
  staff: { id: string; role: string },
  query: URLSearchParams,
  lang: Lang,
  today: string,
) {
  const m = messages(lang);
  const d = m.console.dashboard;
  const { from, to, isBadPeriod } = periodOf(query, new Date());
  // Who handles deposits (admins, leasing agents) is told when Stripe stops offering a payment method.
  const missingMethods = isAllowed('/api/console/deposits/x/refund', 'POST', staff.role)
    ? await listMissingMethods(deps.db)
    : [];
  const data = await getDashboard(deps.db, deps.catalog, { from, to }, staff.id, today);
  const responses = await responseMetrics(deps.db, { from, to });
  // The overview groups sources into campaign names (as typed in UTM links) and three kinds of its own, in words.
  const sourceLabel = (source: string) =>
    source === 'direct'
      ? m.console.lead.direct
      : source === 'embed'
        ? d.embed
        : source === 'referral'
          ? d.referral
          : source;
  const charts = [
    {
      id: 'funnel',
      title: d.funnel,
      svg: renderBarsSvg(data.funnel.map((f) => ({ name: m.console.stages[f.stage], value: f.count }))),
    },
    {
      id: 'sources',
      title: d.sources,
      svg: renderBarsSvg(data.sources.map((s) => ({ name: sourceLabel(s.source), value: s.n }))),
    },
    {
      id: 'occupancy',
      title: d.occupancy,
      svg: renderOccupancySvg(
        data.buildings.map((b) => ({
          name: b.name[lang],
          leased: Math.round(b.leasedArea),
          available: Math.round(b.availableArea),
        })),
        { leased: d.leased, available: d.available },
        'm²',
      ),
    },
  ];
  return {
    from,
    to,
    isBadPeriod,
    missingMethods,
    data,
    responses,
    charts,
    sourceLabel,
    canOpenLeads: isAllowed('/console/leads/x', 'GET', staff.role),
  };
}
