/**
 * A saved search in words, for the e-mails and the manage page: "R&D Building 2 · 400–600 ㎡ · up to ¥5.00 per
 * m² per day · available by 1 March 2027".
 */
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatAreaRange, formatDate } from '../../lib/format.ts';
import { savedSearchOf } from '../../lib/saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';

export function describeSavedSearch(catalog: Pick<Catalog, 'buildingBySlug'>, query: string, lang: Lang): string {
  const search = savedSearchOf(new URLSearchParams(query));
  if (!search.ok) return query;
  const q = search.parsed;
  const t = messages(lang).alerts.filters;
  const parts = [
    q.building ? (catalog.buildingBySlug.get(q.building)?.name[lang] ?? q.building) : '',
    q.minFloor !== undefined || q.maxFloor !== undefined
      ? formatMessage(t.floors, { min: q.minFloor ?? '…', max: q.maxFloor ?? '…' })
      : '',
    q.minArea !== undefined || q.maxArea !== undefined ? formatAreaRange(q.minArea, q.maxArea, lang) : '',
    q.minRent !== undefined ? formatMessage(t.minRent, { rent: q.minRent }) : '',
    q.maxRent !== undefined ? formatMessage(t.maxRent, { rent: q.maxRent }) : '',
    q.fitOut?.length ? q.fitOut.map((f) => messages(lang).fitOut[f]).join(' / ') : '',
    q.availableBy ? formatMessage(t.availableBy, { date: formatDate(q.availableBy, lang) }) : '',
    q.minLoad !== undefined ? formatMessage(t.minLoad, { load: q.minLoad }) : '',
    q.minCeiling !== undefined ? formatMessage(t.minCeiling, { height: q.minCeiling }) : '',
    q.minPower !== undefined ? formatMessage(t.minPower, { power: q.minPower }) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}
