/**
 * An embed's stored filters (the search page's URL parameters) as staff read them: "科研1号楼 · 最小面积 300 ㎡
 * · 楼板荷载 5 kN/㎡", not `building=rd-1&minArea=300&minLoad=5`.
 */
import { consoleLabels } from '../../i18n/console-labels.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { levelLabel } from '../../lib/levels.ts';
import { parseUnitSearchParams } from '../../lib/unit-search-query.ts';
import type { Catalog } from '../catalog/catalog.ts';

/** The filters in words, joined by " · "; "all available units" when there are none. */
export function describeEmbedFilters(catalog: Pick<Catalog, 'buildingById'>, filters: string, lang: Lang): string {
  const m = messages(lang);
  const f = m.search.fields;
  const parsed = parseUnitSearchParams(new URLSearchParams(filters));
  if (!parsed.ok) return filters;
  const q = parsed.query;
  const n = (v: number) => formatNumber(v, lang);
  const parts = [
    q.building && (catalog.buildingById.get(q.building)?.name[lang] ?? q.building),
    q.minFloor !== undefined && `${f.minFloor} ${levelLabel(q.minFloor, lang)}`,
    q.maxFloor !== undefined && `${f.maxFloor} ${levelLabel(q.maxFloor, lang)}`,
    q.minArea !== undefined && `${f.minArea} ${n(q.minArea)} m²`,
    q.maxArea !== undefined && `${f.maxArea} ${n(q.maxArea)} m²`,
    q.minRent !== undefined && `${f.minRent} ${q.minRent} ${lang === 'zh' ? '元/m²/天' : 'CNY/m²/day'}`,
    q.maxRent !== undefined && `${f.maxRent} ${q.maxRent} ${lang === 'zh' ? '元/m²/天' : 'CNY/m²/day'}`,
    q.fitOut?.length && `${f.fitOut} ${q.fitOut.map((x) => m.fitOut[x]).join(lang === 'zh' ? '、' : ', ')}`,
    q.availableBy && `${f.availableBy} ${formatDate(q.availableBy, lang)}`,
    q.minLoad !== undefined && `${f.minLoad} ≥ ${n(q.minLoad)} kN/m²`,
    q.minCeiling !== undefined && `${f.minCeiling} ≥ ${n(q.minCeiling)} m`,
    q.minPower !== undefined && `${f.minPower} ≥ ${n(q.minPower)} kVA`,
    q.status === 'all' && m.search.includeAll,
    q.sort !== 'rent-asc' && m.search.sorts[q.sort],
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? parts.join(' · ') : consoleLabels(lang).noFilters;
}
