/**
 * The console's overview for a period: leads per stage and conversion, leads by source and by embed, the
 * weighted pipeline, occupancy and vacant area per building, the average days leads spend in each stage,
 * proposals sent and accepted with their average discount to the list price, and the signed-in person's tasks
 * due today.
 */
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { OPEN_STAGES, STAGES, WIN_PROBABILITY, type Stage } from '../../lib/pipeline.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { executeRows } from '../db/execute-rows.ts';
import type { Database } from '../db/open-database.ts';
import { leads, leadTasks } from '../db/schema.ts';
import { buildingAvailability } from '../inventory/availability.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';
import { listBoard } from './list-board.ts';
import { countStageFunnel } from './count-stage-funnel.ts';

export interface Period {
  from: Date;
  to: Date;
}

export async function getDashboard(db: Database, catalog: Catalog, period: Period, staffId: string, today: string) {
  const inPeriod = and(gte(leads.createdAt, period.from), lte(leads.createdAt, period.to));
  const byStage = await db
    .select({ stage: leads.stage, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(inPeriod)
    .groupBy(leads.stage);
  const stageCounts = Object.fromEntries(STAGES.map((s) => [s, byStage.find((r) => r.stage === s)?.n ?? 0])) as Record<
    Stage,
    number
  >;
  const total = Object.values(stageCounts).reduce((a, b) => a + b, 0);
  const histories = await executeRows<{ stage: string; visited: string[] }>(
    db,
    sql`
    select l.stage::text as stage,
      coalesce(array_agg(distinct s.name) filter (where s.name is not null), '{}') as visited
    from leads l
    left join lead_events e on e.lead_id = l.id and e.kind = 'stage_changed'
    left join lateral (values (e.data->>'from'), (e.data->>'to')) as s(name) on true
    where l.created_at between ${period.from} and ${period.to}
    group by l.id, l.stage`,
  );
  const funnel = countStageFunnel(histories);

  const sources = await executeRows<{ source: string; n: number }>(
    db,
    sql`
    select coalesce(first_touch->'utm'->>'source', case when first_touch->'embed' is not null then 'embed' end, case when first_touch->>'referrer' is not null then 'referral' end, 'direct') as source, count(*)::int as n
    from leads where created_at between ${period.from} and ${period.to} group by 1 order by 2 desc`,
  );
  const embeds = await executeRows<{ embed: string; n: number }>(
    db,
    sql`
    select coalesce(e.name, l.first_touch->'embed'->>'id') as embed, count(*)::int as n from leads l
    left join embeds e on e.id = l.first_touch->'embed'->>'id'
    where l.created_at between ${period.from} and ${period.to} and l.first_touch->'embed' is not null group by 1 order by 2 desc`,
  );
  const stageDays = await executeRows<{ stage: string; days: number }>(
    db,
    sql`
    with moves as (
      select lead_id, created_at, data->>'from' as from_stage,
             lag(created_at) over (partition by lead_id order by created_at) as previous_at
      from lead_events where kind = 'stage_changed')
    select m.from_stage as stage, avg(extract(epoch from (m.created_at - coalesce(m.previous_at, l.created_at))) / 86400)::float as days
    from moves m join leads l on l.id = m.lead_id
    where l.created_at between ${period.from} and ${period.to} and m.from_stage is not null
    group by 1`,
  );

  const states = await listUnitStates(db);
  const buildings = catalog.buildings.map((b) => {
    const a = buildingAvailability(catalog, b.id, states);
    return {
      id: b.id,
      name: b.name,
      leasableArea: a.leasableArea,
      availableArea: a.availableArea,
      leasedArea: a.leasedArea,
      occupancy: a.leasableArea ? a.leasedArea / a.leasableArea : 0,
    };
  });
  const board = await listBoard(db, catalog, {});
  const weighted = board.columns
    .filter((c) => OPEN_STAGES.includes(c.stage))
    .map((c) => ({
      stage: c.stage,
      valueFen: c.valueFen,
      weightedFen: c.weightedFen,
      probability: WIN_PROBABILITY[c.stage],
    }));
  // Versions sent in the period (superseded ones too: each went to a tenant), those accepted in it, and how far
  // the sent versions' net effective rent is below the list price on average (basis points).
  const [proposalRow] = await executeRows<{ sent: number; accepted: number; discount: string | null }>(
    db,
    sql`
    select
      count(*) filter (where sent_at between ${period.from} and ${period.to})::int as sent,
      count(*) filter (where accepted_at between ${period.from} and ${period.to})::int as accepted,
      round(avg(greatest(list_per_sqm_day_fen - net_effective_per_sqm_day_fen, 0)::numeric * 10000 / list_per_sqm_day_fen)
        filter (where sent_at between ${period.from} and ${period.to} and list_per_sqm_day_fen > 0))::text as discount
    from proposals`,
  );
  const proposalStats = {
    sent: proposalRow?.sent ?? 0,
    accepted: proposalRow?.accepted ?? 0,
    averageDiscountBasisPoints: proposalRow?.discount == null ? null : Number(proposalRow.discount),
  };
  const myTasks = await db
    .select({
      id: leadTasks.id,
      title: leadTasks.title,
      dueOn: leadTasks.dueOn,
      leadId: leadTasks.leadId,
      company: leads.companyName,
    })
    .from(leadTasks)
    .innerJoin(leads, eq(leads.id, leadTasks.leadId))
    .where(and(eq(leadTasks.assigneeId, staffId), isNull(leadTasks.doneAt), lte(leadTasks.dueOn, today)))
    .orderBy(asc(leadTasks.dueOn));
  return {
    total,
    stageCounts,
    funnel,
    sources,
    embeds,
    stageDays,
    buildings,
    weighted,
    weightedOpenFen: board.weightedOpenFen,
    proposals: proposalStats,
    myTasks,
  };
}
