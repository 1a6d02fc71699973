/**
 * What the console's pipeline page shows: the board filtered by the query (owner, building, source, track and a
 * search), the filters' choices, and units and sources in words. Staff who may not open lead pages (marketing)
 * see stages, counts, values and sources, not who the leads are: their cards carry no names, and their search
 * matches the reference only (a match on a name or mobile would tell them who a lead is).
 */
import { INDUSTRY_TRACKS } from '../../lib/lead-fields.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { isAllowed } from '../auth/console-access.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { embeds } from '../db/schema.ts';
import type { BoardColumn } from '../../lib/pipeline-board.ts';
import { listBoard, withoutLeadIdentities } from './list-board.ts';

export interface BoardView {
  filters: Record<'owner' | 'building' | 'source' | 'track' | 'search', string | undefined>;
  owners: Array<{ id: string; name: string }>;
  columns: BoardColumn[];
  /** Every source a lead came from, for the source filter. */
  sources: string[];
  unitNames: Record<string, string>;
  sourceNames: Record<string, string>;
  may: { edit: boolean; openLeads: boolean };
}

export async function boardView(
  deps: { db: Database; catalog: Catalog },
  staff: { role: string } | undefined,
  query: URLSearchParams,
  lang: Lang,
): Promise<BoardView> {
  const { db, catalog } = deps;
  const m = messages(lang);
  const pick = (key: string, allowed: (v: string) => boolean) => {
    const v = query.get(key)?.trim();
    return v && v.length <= 100 && allowed(v) ? v : undefined;
  };
  const owners = await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers);
  const filters = {
    owner: pick('owner', (v) => v === 'none' || owners.some((o) => o.id === v)),
    building: pick('building', (v) => catalog.buildingById.has(v)),
    source: pick('source', (v) => /^[\w.:-]+$/.test(v)),
    track: pick('track', (v) => (INDUSTRY_TRACKS as readonly string[]).includes(v)),
    search: pick('q', () => true),
  };
  const may = {
    edit: staff ? isAllowed('/api/console/leads/x/stage', 'POST', staff.role) : false,
    openLeads: staff ? isAllowed('/console/leads/x', 'GET', staff.role) : false,
  };
  const board = await listBoard(db, catalog, { ...filters, searchIdentities: may.openLeads });
  const columns = may.openLeads ? board.columns : withoutLeadIdentities(board.columns);
  const unitIds = new Set(columns.flatMap((c) => c.cards.flatMap((card) => card.unitIds)));
  // Sources in words: direct visits, embeds by their name; campaigns and referring sites are names already.
  const embedNames = new Map(
    (await db.select({ id: embeds.id, name: embeds.name }).from(embeds)).map((e) => [e.id, e.name]),
  );
  const sourceName = (x: string) =>
    x === 'direct'
      ? m.console.lead.direct
      : x.startsWith('embed:')
        ? `${m.console.dashboard.embed} · ${embedNames.get(x.slice(6)) ?? m.console.dashboard.embed}`
        : x;
  const sources = new Set([...board.sources, ...columns.flatMap((c) => c.cards.map((card) => card.source))]);
  return {
    filters,
    owners,
    columns,
    sources: board.sources,
    unitNames: Object.fromEntries([...unitIds].map((id) => [id, unitDisplayName(catalog, id, lang)])),
    sourceNames: Object.fromEntries([...sources].map((x) => [x, sourceName(x)])),
    may,
  };
}
