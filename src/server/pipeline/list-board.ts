/**
 * The pipeline board: every lead with what a card shows (company, need, units, owner, age, deposit state),
 * grouped by stage with counts and weighted value, filtered by owner, building, source and track.
 */
import { sql } from 'drizzle-orm';
import { OPEN_STAGES, STAGES, weightedValue, type Stage } from '../../lib/pipeline.ts';
import { cardValue, type BoardCard, type BoardColumn } from '../../lib/pipeline-board.ts';
import { rentTotals } from '../../lib/money.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { executeRows } from '../db/execute-rows.ts';
import type { Database } from '../db/open-database.ts';
import type { Touch } from '../../lib/touch.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';

export interface BoardFilters {
  owner?: string | undefined;
  building?: string | undefined;
  source?: string | undefined;
  track?: string | undefined;
  /** Part of a company name, reference or mobile; matched on the reference only unless `searchIdentities`. */
  search?: string | undefined;
  /** Whether the viewer may see who leads are (names, mobiles): marketing may not, so a search must not reveal them. */
  searchIdentities?: boolean | undefined;
}

/** Cards shown per column; the rest are counted and valued but not drawn, so 2,000 leads stay fast. */
const CARDS_PER_COLUMN = 60;

interface Row {
  id: string;
  reference: string;
  company_name: string;
  stage: Stage;
  owner_id: string | null;
  owner_name: string | null;
  industry_track: string;
  first_touch: Touch | null;
  created_at: string | Date;
  unit_ids: string[] | null;
  area_min: string | null;
  area_max: string | null;
  headcount: number | null;
  deposit_status: string | null;
  duplicate_reasons: string[] | null;
  mobile: string | null;
  response_due_at: string | Date | null;
  first_response_at: string | Date | null;
  next_tour_at: string | Date | null;
  proposal_total_fen: string | null;
}

function sourceOf(touch: Touch | null): string {
  if (!touch) return 'direct';
  if (touch.embed) return `embed:${touch.embed.id}`;
  if (touch.utm?.source) return touch.utm.source;
  if (touch.referrer) return new URL(touch.referrer).hostname;
  return 'direct';
}

function median(values: string[]): string {
  const sorted = [...values].sort((a, b) => Number(a) - Number(b));
  return sorted[Math.floor(sorted.length / 2)] ?? '5.00';
}

/** "YYYY-MM-DD HH:MM" in Beijing. */
const beijingMinute = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** How long before its due time an unanswered lead shows as due soon. */
const DUE_SOON_MS = 10 * 60_000;

/** The response badge of an open lead nobody has answered: overdue, or due within DUE_SOON_MS. */
function responseBadge(r: Row, now: Date): Pick<BoardCard, 'response' | 'responseDue'> {
  if (r.first_response_at || !r.response_due_at || !OPEN_STAGES.includes(r.stage))
    return { response: null, responseDue: null };
  const due = new Date(r.response_due_at);
  const responseDue = beijingMinute(due).slice(11);
  if (due <= now) return { response: 'overdue', responseDue };
  return { response: due.getTime() - now.getTime() <= DUE_SOON_MS ? 'due_soon' : null, responseDue };
}

export async function listBoard(db: Database, catalog: Catalog, filters: BoardFilters, now: Date = new Date()) {
  const rows = await executeRows<Row>(
    db,
    sql`
    select l.id, l.reference, l.company_name, l.mobile, l.stage, l.owner_id, u.name as owner_name, l.industry_track, l.first_touch, l.created_at, l.duplicate_reasons,
           i.unit_ids, i.area_min, i.area_max, i.headcount, d.status as deposit_status,
           l.response_due_at, l.first_response_at, t.starts_at as next_tour_at, p.total_rent_fen as proposal_total_fen
    from leads l
    left join staff_users u on u.id = l.owner_id
    left join lateral (select unit_ids, area_min, area_max, headcount from inquiries where lead_id = l.id order by created_at desc limit 1) i on true
    left join lateral (select status from deposits where lead_id = l.id order by created_at desc limit 1) d on true
    left join lateral (select total_rent_fen from proposals where lead_id = l.id
                       and status in ('draft', 'pending_approval', 'approved', 'sent', 'accepted')
                       order by version desc limit 1) p on true
    left join lateral (select starts_at from tours where lead_id = l.id and status = 'booked' and starts_at > ${now} order by starts_at limit 1) t on true
    -- Leads nobody has answered yet come first (oldest due first), so the board never hides one below the fold.
    order by (l.first_response_at is null and l.response_due_at is not null and l.stage not in ('signed', 'lost')) desc,
             l.response_due_at asc nulls last, l.last_inquiry_at desc`,
  );
  const states = await listUnitStates(db);
  const medianRent = median([...states.values()].map((s) => s.listRentPerSqmDay));
  const buildingOf = (unitId: string) => catalog.unitById.get(unitId)?.building;

  const cards: (BoardCard & { ownerId: string | null; mobile: string | null })[] = rows.map((r) => {
    const unitIds = r.unit_ids ?? [];
    const known = unitIds.map((id) => catalog.unitById.get(id)).filter((u) => u !== undefined);
    let valueFen = known.reduce(
      (sum, u) =>
        sum + Number(rentTotals(states.get(u.id)?.listRentPerSqmDay ?? u.listRentPerSqmDay, u.grossArea).perYear),
      0,
    );
    if (valueFen === 0) {
      const min = r.area_min ? Number(r.area_min) : undefined;
      const max = r.area_max ? Number(r.area_max) : undefined;
      const area = min && max ? (min + max) / 2 : (min ?? max ?? (r.headcount ? r.headcount * 8 : 0));
      valueFen = area > 0 ? Number(rentTotals(medianRent, Math.round(area * 100) / 100).perYear) : 0;
    }
    return {
      id: r.id,
      reference: r.reference,
      companyName: r.company_name,
      stage: r.stage,
      ownerName: r.owner_name,
      ageDays: Math.floor((now.getTime() - new Date(r.created_at).getTime()) / 86_400_000),
      areaMin: r.area_min ? Number(r.area_min) : null,
      areaMax: r.area_max ? Number(r.area_max) : null,
      headcount: r.headcount,
      unitIds,
      depositStatus: r.deposit_status,
      duplicateReasons: r.duplicate_reasons ?? [],
      source: sourceOf(r.first_touch),
      track: r.industry_track,
      valueFen,
      proposalValueFen: r.proposal_total_fen === null ? null : Number(r.proposal_total_fen),
      ownerId: r.owner_id,
      mobile: r.mobile,
      ...responseBadge(r, now),
      nextTour: r.next_tour_at ? beijingMinute(new Date(r.next_tour_at)).slice(5) : null,
    };
  });

  const needle = filters.search?.trim().toLowerCase() ?? '';
  const digits = needle.replace(/\D/g, '');
  const found = (c: BoardCard & { mobile?: string | null }) =>
    !needle ||
    c.reference.toLowerCase().includes(needle) ||
    (filters.searchIdentities === true &&
      (c.companyName.toLowerCase().includes(needle) ||
        (digits.length >= 3 &&
          digits === needle.replace(/[\s+-]/g, '') &&
          (c.mobile ?? '').replace(/\D/g, '').includes(digits))));
  const matches = (c: BoardCard & { ownerId?: string | null; mobile?: string | null }) =>
    found(c) &&
    (!filters.owner || (filters.owner === 'none' ? !c.ownerId : c.ownerId === filters.owner)) &&
    (!filters.building || c.unitIds.some((id) => buildingOf(id) === filters.building)) &&
    (!filters.source || c.source === filters.source) &&
    (!filters.track || c.track === filters.track);
  // Cards leave without the fields used only for filtering (owner id, mobile), so no board view ships a mobile.
  const filtered = cards.filter(matches).map(({ ownerId: _owner, mobile: _mobile, ...card }) => card as BoardCard);
  const columns: BoardColumn[] = STAGES.map((stage) => {
    const inStage = filtered.filter((c) => c.stage === stage);
    const valueFen = inStage.reduce((sum, c) => sum + cardValue(c, stage), 0);
    return {
      stage,
      count: inStage.length,
      valueFen,
      weightedFen: weightedValue(stage, valueFen),
      cards: inStage.slice(0, CARDS_PER_COLUMN),
    };
  });
  const sources = [...new Set(cards.map((c) => c.source))].sort();
  const weightedOpenFen = columns
    .filter((c) => OPEN_STAGES.includes(c.stage))
    .reduce((sum, c) => sum + c.weightedFen, 0);
  return { columns, sources, total: filtered.length, weightedOpenFen };
}

/** The board for staff who may not see who a lead is (marketing): each card names its reference, not the company. */
export function withoutLeadIdentities(columns: BoardColumn[]): BoardColumn[] {
  return columns.map((column) => ({
    ...column,
    cards: column.cards.map((card) => ({ ...card, companyName: card.reference })),
  }));
}
