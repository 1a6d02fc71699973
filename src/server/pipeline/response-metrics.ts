/**
 * How fast the team answers and how tours go, for the overview's period (issue 15): the median and 90th
 * percentile of the first-response time in business minutes (answered leads), the share answered within the
 * target (of every lead under the promise: one still waiting past its due time counts as missed), the leads
 * waiting now, and tours booked / held / no-shows / cancelled — overall, per agent and per source.
 */
import { sql } from 'drizzle-orm';
import { businessMinutesBetween } from '../../lib/business-time.ts';
import { executeRows } from '../db/execute-rows.ts';
import type { Database } from '../db/open-database.ts';
import { readLeasingSettings } from '../assignment/leasing-settings.ts';
import type { Period } from './get-dashboard.ts';

/** The lead's source, as the overview's source chart words it (get-dashboard.ts). */
const SOURCE = sql.raw(
  `coalesce(l.first_touch->'utm'->>'source', case when l.first_touch->'embed' is not null then 'embed' end, case when l.first_touch->>'referrer' is not null then 'referral' end, 'direct')`,
);

export interface ResponseFigures {
  key: string;
  leads: number;
  answered: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** 0–1, of all leads under the promise; null when there are none. */
  withinTarget: number | null;
  waiting: number;
  overdue: number;
}

export interface TourFigures {
  key: string;
  booked: number;
  held: number;
  noShows: number;
  cancelled: number;
}

/**
 * The value at a percentile (nearest rank) of sorted numbers.
 * @internal Exported for tests/integration/lead-response.test.ts.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summarize(
  key: string,
  rows: ReadonlyArray<{ waited: number; answered: boolean; withinTarget: boolean; overdue: boolean }>,
): ResponseFigures {
  const times = rows
    .filter((r) => r.answered)
    .map((r) => r.waited)
    .sort((a, b) => a - b);
  return {
    key,
    leads: rows.length,
    answered: times.length,
    medianMinutes: percentile(times, 50),
    p90Minutes: percentile(times, 90),
    withinTarget: rows.length ? rows.filter((r) => r.withinTarget).length / rows.length : null,
    waiting: rows.filter((r) => !r.answered).length,
    overdue: rows.filter((r) => r.overdue).length,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

export async function responseMetrics(db: Database, period: Period, now: Date = new Date()) {
  const settings = await readLeasingSettings(db);
  const leadRows = await executeRows<{
    created_at: Date | string;
    due_at: Date | string;
    first_at: Date | string | null;
    agent: string | null;
    source: string;
  }>(
    db,
    sql`
    select l.created_at, l.response_due_at as due_at, l.first_response_at as first_at, u.name as agent, ${SOURCE} as source
    from leads l left join staff_users u on u.id = l.owner_id
    where l.created_at between ${period.from} and ${period.to} and l.response_due_at is not null`,
  );
  const measured = leadRows.map((row) => {
    const created = new Date(row.created_at);
    const due = new Date(row.due_at);
    const first = row.first_at ? new Date(row.first_at) : null;
    return {
      agent: row.agent ?? '',
      source: row.source,
      waited: Math.round(businessMinutesBetween(created, first ?? now, settings.hours)),
      answered: first !== null,
      withinTarget: first !== null && first <= due,
      overdue: first === null && due <= now,
    };
  });
  const tourRows = await executeRows<{ agent: string; source: string; status: string; n: number }>(
    db,
    sql`
    select u.name as agent, ${SOURCE} as source, t.status::text as status, count(*)::int as n
    from tours t join leads l on l.id = t.lead_id join staff_users u on u.id = t.agent_id
    where t.starts_at between ${period.from} and ${period.to}
    group by 1, 2, 3`,
  );
  const tourFigures = (key: string, rows: typeof tourRows): TourFigures => {
    const count = (status: string) => rows.filter((r) => r.status === status).reduce((a, r) => a + r.n, 0);
    return {
      key,
      booked: rows.filter((r) => r.status !== 'cancelled').reduce((a, r) => a + r.n, 0),
      held: count('held'),
      noShows: count('no_show'),
      cancelled: count('cancelled'),
    };
  };
  const byKey = <T>(rows: readonly T[], key: (row: T) => string) =>
    [...groupBy(rows, key)].sort(([a], [b]) => a.localeCompare(b));
  return {
    targetMinutes: settings.responseTargetMinutes,
    response: summarize('all', measured),
    responseByAgent: byKey(measured, (r) => r.agent).map(([key, rows]) => summarize(key, rows)),
    responseBySource: byKey(measured, (r) => r.source).map(([key, rows]) => summarize(key, rows)),
    tours: tourFigures('all', tourRows),
    toursByAgent: byKey(tourRows, (r) => r.agent).map(([key, rows]) => tourFigures(key, rows)),
    toursBySource: byKey(tourRows, (r) => r.source).map(([key, rows]) => tourFigures(key, rows)),
  };
}
