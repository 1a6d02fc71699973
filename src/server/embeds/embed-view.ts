/**
 * What an embedded listing shows: the embed's saved filters, overridden by the filters the partner page put
 * in its data attributes, searched like /units. Bad filters never break a widget: they give no units and a
 * list of problems the widget words for the visitor.
 */
import { isLang, type Lang } from '../../i18n/lang.ts';
import type { SearchError } from '../../lib/unit-search-query.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import type { EmbedRow } from '../db/schema.ts';
import type { UnitListing } from '../inventory/availability.ts';
import { runUnitSearch } from '../inventory/run-unit-search.ts';
import { cleanHost } from './embed-links.ts';
import { getEmbed } from './manage-embeds.ts';

const DEFAULT_LIMIT = 6;
const MAX_LIMIT = 24;

export interface EmbedView {
  embed: EmbedRow | undefined;
  /** An `embed` id was given but no such embed exists (deleted, mistyped). */
  unknownEmbed: boolean;
  lang: Lang;
  host: string | null;
  themeColor: string;
  errors: Array<SearchError | { field: 'limit'; code: 'invalid_option' }>;
  units: UnitListing[];
  total: number;
  /** The search parameters the widget used, for its "see all" link. */
  params: URLSearchParams;
}

const RESERVED = new Set(['embed', 'host', 'lang', 'limit', 'preview']);

export async function loadEmbedView(db: Database, catalog: Catalog, url: URL, pathLang: Lang): Promise<EmbedView> {
  const q = url.searchParams;
  const embedId = q.get('embed');
  const embed = embedId ? await getEmbed(db, embedId) : undefined;
  const langParam = q.get('lang');
  const lang: Lang = langParam && isLang(langParam) ? langParam : embed && isLang(embed.lang) ? embed.lang : pathLang;
  const params = new URLSearchParams(embed?.filters ?? '');
  for (const [key, value] of q) if (!RESERVED.has(key)) params.set(key, value);
  const limitText = q.get('limit');
  const limit =
    limitText === null || limitText === '' ? DEFAULT_LIMIT : /^\d{1,2}$/.test(limitText) ? Number(limitText) : NaN;
  const limitOk = Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT;
  const view = {
    embed,
    unknownEmbed: Boolean(embedId) && !embed,
    lang,
    host: cleanHost(q.get('host')),
    themeColor: embed?.themeColor ?? '#13233d',
    params,
  };
  if (view.unknownEmbed) return { ...view, errors: [], units: [], total: 0 };
  const { errors, result } = await runUnitSearch(db, catalog, params);
  const allErrors = [...errors, ...(limitOk ? [] : [{ field: 'limit' as const, code: 'invalid_option' as const }])];
  if (allErrors.length > 0) return { ...view, errors: allErrors, units: [], total: 0 };
  return { ...view, errors: [], units: result.units.slice(0, limit), total: result.total };
}
