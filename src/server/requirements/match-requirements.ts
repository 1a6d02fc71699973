/**
 * The requirement register's sweep (every process, every minute, runtime.ts; and the clock-walk tests): for every
 * open lead with a requirement (lead-requirement.ts), the units that fit it now or come free within a year —
 * found by the saved searches' matcher (alerts/match-saved-searches.ts) — are kept in `requirement_matches`, and
 * the lead's owner gets one e-mail listing what newly fits ("2 units now fit"). Rights of first refusal
 * (first-refusals.ts) keep a unit from every lead but its holder, whose owner hears of it first, requirement or not.
 * A lease whose end moves moves the match's date; a unit that stops fitting is forgotten (its return is news again).
 *
 * Two processes may sweep at once: a new match is inserted with ON CONFLICT DO NOTHING and only the process whose
 * insert returned it tells the owner, so nobody is told twice.
 */
import { sql } from 'drizzle-orm';
import { todayInBeijing } from '../../lib/format.ts';
import { savedSearchOf } from '../../lib/saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { executeRows } from '../db/execute-rows.ts';
import type { Database } from '../db/open-database.ts';
import { requirementMatches } from '../db/schema.ts';
import { COMING_FREE_DAYS, comingFreeOn, toListings } from '../inventory/availability.ts';
import { readUnitStates } from '../inventory/list-unit-states.ts';
import { unitsMatching } from '../alerts/match-saved-searches.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { activeFirstRefusals } from './first-refusals.ts';
import { requirementFromInquiry } from './lead-requirement.ts';

export interface RequirementSweepReport {
  leads: number;
  matched: number;
  /** Owners told of new matches. */
  notified: number;
}

interface OpenLead {
  id: string;
  /** Signed or lost: only a right of first refusal it holds still matches (a tenant growing into next door). */
  is_closed: boolean;
  owner_email: string | null;
  query: string | null;
  area_min: string | null;
  area_max: string | null;
  move_in_month: string | null;
}

export async function matchRequirements(
  deps: { db: Database; catalog: Catalog; notifyChannels: readonly string[]; outbox?: { kick(): void } | undefined },
  now: Date = new Date(),
): Promise<RequirementSweepReport> {
  const { db, catalog } = deps;
  const today = todayInBeijing(now);
  const listings = toListings(catalog.units, await readUnitStates(db));
  const rights = await activeFirstRefusals(db, today);
  // Leads that are open (and not erased), with their explicit requirement and their latest inquiry's need.
  const open = await executeRows<OpenLead>(
    db,
    sql`
    select l.id, l.stage in ('signed', 'lost') as is_closed, s.email as owner_email, r.query,
           i.area_min::text as area_min, i.area_max::text as area_max, i.move_in_month
    from leads l
    left join staff_users s on s.id = l.owner_id
    left join lead_requirements r on r.lead_id = l.id
    left join lateral (
      select area_min, area_max, move_in_month from inquiries
      where lead_id = l.id and (area_min is not null or area_max is not null or move_in_month is not null)
      order by created_at desc limit 1
    ) i on true
    where (l.stage not in ('signed', 'lost')
           or exists (select 1 from first_refusals f where f.lead_id = l.id and f.ended_at is null and f.until_on >= ${today}::date))
      and not exists (select 1 from lead_events e where e.lead_id = l.id and e.kind = 'erased')`,
  );
  // Closed leads want nothing any more (but what a right they hold gives them, kept below).
  await db.execute(
    sql`delete from requirement_matches m using leads l
        where l.id = m.lead_id and l.stage in ('signed', 'lost') and not m.by_first_refusal`,
  );
  const stored = await executeRows<{
    lead_id: string;
    unit_id: string;
    available_from: string | Date;
    by_first_refusal: boolean;
  }>(
    db,
    sql`select lead_id, unit_id, available_from::text as available_from, by_first_refusal from requirement_matches`,
  );
  type Found = { availableFrom: string; byFirstRefusal: boolean };
  const storedBy = new Map<string, Map<string, Found>>();
  for (const row of stored) {
    const units = storedBy.get(row.lead_id) ?? new Map<string, Found>();
    const found = { availableFrom: String(row.available_from).slice(0, 10), byFirstRefusal: row.by_first_refusal };
    storedBy.set(row.lead_id, units.set(row.unit_id, found));
  }
  const fresh: Array<typeof requirementMatches.$inferInsert> = [];
  const moved: Array<{ leadId: string; unitId: string } & Found> = [];
  const gone: Array<{ leadId: string; unitId: string }> = [];
  for (const lead of open) {
    const query =
      lead.query ??
      requirementFromInquiry({ areaMin: lead.area_min, areaMax: lead.area_max, moveInMonth: lead.move_in_month });
    const search = query && !lead.is_closed ? savedSearchOf(new URLSearchParams(query)) : undefined;
    // Units under somebody else's right of first refusal are not offered to this lead.
    const offered = listings.filter((l) => (rights.get(l.id)?.leadId ?? lead.id) === lead.id);
    const found = new Map<string, Found>();
    // A move-in month already past still wants space: as soon as possible, so from today.
    const wanted =
      search?.ok && search.parsed.availableBy !== undefined && search.parsed.availableBy < today
        ? { ...search.parsed, availableBy: today }
        : search?.ok
          ? search.parsed
          : undefined;
    if (wanted)
      for (const m of unitsMatching(catalog, offered, wanted, COMING_FREE_DAYS, today))
        found.set(m.unitId, { availableFrom: m.availableFrom, byFirstRefusal: false });
    for (const [unitId, right] of rights) {
      if (right.leadId !== lead.id) continue;
      const listing = listings.find((l) => l.id === unitId);
      if (!listing) continue;
      const from =
        listing.state.status === 'available' ? listing.state.availableFrom : comingFreeOn(listing.state, today);
      if (from !== undefined) found.set(unitId, { availableFrom: from > today ? from : today, byFirstRefusal: true });
    }
    const before = storedBy.get(lead.id) ?? new Map<string, Found>();
    for (const [unitId, match] of found) {
      const was = before.get(unitId);
      if (was === undefined) fresh.push({ leadId: lead.id, unitId, ...match, matchedAt: now });
      else if (was.availableFrom !== match.availableFrom || was.byFirstRefusal !== match.byFirstRefusal)
        moved.push({ leadId: lead.id, unitId, ...match });
    }
    for (const unitId of before.keys()) if (!found.has(unitId)) gone.push({ leadId: lead.id, unitId });
  }
  const owners = new Map(open.map((l) => [l.id, l.owner_email]));
  const report: RequirementSweepReport = { leads: open.length, matched: 0, notified: 0 };
  await db.transaction(async (tx) => {
    for (let i = 0; i < gone.length; i += 1000)
      await tx.execute(
        sql`delete from requirement_matches where (lead_id, unit_id) in (${sql.join(
          gone.slice(i, i + 1000).map((g) => sql`(${g.leadId}::uuid, ${g.unitId})`),
          sql`, `,
        )})`,
      );
    for (const m of moved)
      await tx.execute(
        sql`update requirement_matches set available_from = ${m.availableFrom}::date, by_first_refusal = ${m.byFirstRefusal}
            where lead_id = ${m.leadId}::uuid and unit_id = ${m.unitId}`,
      );
    // A lead erased while this sweep was reading gets nothing (the erasure's transaction is committed by now).
    const erased = new Set(
      fresh.length === 0
        ? []
        : (
            await executeRows<{ lead_id: string }>(
              tx,
              sql`select lead_id from lead_events where kind = 'erased' and lead_id in (${sql.join(
                [...new Set(fresh.map((f) => f.leadId))].map((id) => sql`${id}::uuid`),
                sql`, `,
              )})`,
            )
          ).map((r) => r.lead_id),
    );
    const toInsert = fresh.filter((f) => !erased.has(f.leadId));
    const inserted: Array<{ leadId: string }> = [];
    for (let i = 0; i < toInsert.length; i += 1000)
      inserted.push(
        ...(await tx
          .insert(requirementMatches)
          .values(toInsert.slice(i, i + 1000))
          .onConflictDoNothing()
          .returning({ leadId: requirementMatches.leadId })),
      );
    report.matched = inserted.length;
    const toTell = [...new Set(inserted.map((r) => r.leadId))].filter((id) => owners.get(id));
    await enqueueNoticeBatch(
      tx,
      toTell.map((leadId) => ({
        channels: deps.notifyChannels,
        subject: { event: 'requirement.matches', leadId },
        to: { address: owners.get(leadId)!, lang: 'zh' as const },
        now,
      })),
    );
    report.notified = toTell.length;
  });
  if (report.notified > 0) deps.outbox?.kick();
  return report;
}
