/**
 * What the compare page shows for `?units=a,b[&diff=1]`: up to four units side by side, each row in words with
 * the best value and the differences marked (lib/compare-verdict.ts), and the page's links (remove a unit, show
 * only differences, ask about these units, share the selection).
 */
import { localePath, type Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { judgeRow, type Better } from '../../lib/compare-verdict.ts';
import {
  formatArea,
  formatAvailability,
  formatNumber,
  formatRentRate,
  formatUnitName,
  formatYuan,
  todayInBeijing,
} from '../../lib/format.ts';
import { levelLabel } from '../../lib/levels.ts';
import { monthlyFeeTotal, rentTotals } from '../../lib/money.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { publicAvailableFrom } from './availability.ts';
import { getCompareSelection } from './get-compare-selection.ts';

export async function compareView(
  deps: { db: Database; catalog: Catalog },
  query: URLSearchParams,
  lang: Lang,
  siteUrl: string,
) {
  const { db, catalog } = deps;
  const m = messages(lang);
  const { units, unknownIds, isTruncated } = await getCompareSelection(db, catalog, query);
  const isOnlyDiff = query.get('diff') === '1';
  const today = todayInBeijing();
  const comparePath = localePath(lang, '/compare');
  const idsParam = units.map((u) => u.id).join(',');
  const columns = units.map((u) => {
    const building = catalog.buildingById.get(u.building)!;
    return {
      unit: u,
      building,
      totals: rentTotals(u.state.listRentPerSqmDay, u.grossArea),
      name: formatUnitName(building.name[lang], u.level, u.number, lang),
      fee: monthlyFeeTotal(building.propertyFeePerSqmMonth, u.grossArea),
    };
  });
  type Column = (typeof columns)[number];
  interface RowSpec {
    label: string;
    value: (c: Column) => string;
    rank?: (c: Column) => number | string | null;
    better?: Better;
  }
  const availableOn = (c: Column) =>
    c.unit.state.status === 'available'
      ? c.unit.state.availableFrom > today
        ? c.unit.state.availableFrom
        : today
      : null;
  // Key figures first: on a phone each unit is a card and these lead it.
  const specs: RowSpec[] = [
    { label: m.unit.grossArea, value: (c) => formatArea(c.unit.grossArea, lang) },
    {
      label: `${m.unit.priceTitle} (${m.common.perSqmDay})`,
      value: (c) => formatRentRate(c.unit.state.listRentPerSqmDay, lang),
      rank: (c) => Number(c.unit.state.listRentPerSqmDay),
      better: 'lower',
    },
    {
      label: m.unit.perMonth,
      value: (c) => formatYuan(c.totals.perMonth, lang),
      rank: (c) => Number(c.totals.perMonth),
      better: 'lower',
    },
    { label: m.compare.rows.location, value: (c) => `${c.building.name[lang]} · ${levelLabel(c.unit.level, lang)}` },
    {
      label: m.unit.floorLoad,
      value: (c) => `${formatNumber(c.unit.floorLoadKnPerSqm, lang, 1)} kN/㎡`,
      rank: (c) => c.unit.floorLoadKnPerSqm,
      better: 'higher',
    },
    {
      label: m.unit.availableFrom,
      value: (c) => formatAvailability(publicAvailableFrom(c.unit.state, today), c.unit.state.status, today, lang),
      rank: availableOn,
      better: 'lower',
    },
    { label: m.compare.rows.status, value: (c) => m.status[c.unit.state.status] },
    { label: m.unit.kind, value: (c) => m.unitKind[c.unit.kind] },
    { label: m.unit.usableArea, value: (c) => (c.unit.usableArea ? formatArea(c.unit.usableArea, lang) : '—') },
    {
      label: m.unit.perDay,
      value: (c) => formatYuan(c.totals.perDay, lang),
      rank: (c) => Number(c.totals.perDay),
      better: 'lower',
    },
    {
      label: m.unit.perYear,
      value: (c) => formatYuan(c.totals.perYear, lang),
      rank: (c) => Number(c.totals.perYear),
      better: 'lower',
    },
    {
      label: m.unit.propertyFeeMonthly,
      value: (c) => (c.unit.rentIncludesPropertyFee ? m.unit.includesFee : formatYuan(c.fee, lang)),
      rank: (c) => (c.unit.rentIncludesPropertyFee ? null : Number(c.fee)),
      better: 'lower',
    },
    { label: m.unit.fitOut, value: (c) => m.fitOut[c.unit.fitOut] },
    {
      label: m.unit.ceiling,
      value: (c) => `${formatNumber(c.unit.ceilingHeightM, lang, 1)} m`,
      rank: (c) => c.unit.ceilingHeightM,
      better: 'higher',
    },
    {
      label: m.unit.power,
      value: (c) => `${formatNumber(c.unit.powerKva, lang)} kVA`,
      rank: (c) => c.unit.powerKva,
      better: 'higher',
    },
    {
      label: m.unit.orientation,
      value: (c) => c.unit.orientation.map((d) => m.compass[d]).join(lang === 'zh' ? '、' : ', '),
    },
    {
      label: m.unit.freightLift,
      value: (c) => (c.unit.freightLiftAccess ? m.unit.yes : m.unit.no),
      rank: (c) => (c.unit.freightLiftAccess ? 1 : 0),
      better: 'higher',
    },
  ];
  const allRows = specs.map((spec) => {
    const cells = columns.map((c) => spec.value(c));
    const verdict = judgeRow(cells, spec.rank ? columns.map(spec.rank) : undefined, spec.better);
    return { label: spec.label, cells, ...verdict };
  });
  return {
    units,
    unknownIds,
    isTruncated,
    isOnlyDiff,
    columns,
    rows: isOnlyDiff && columns.length > 1 ? allRows.filter((r) => r.differs) : allRows,
    links: {
      /** The selection without one unit. */
      without: (id: string) => {
        const rest = units.filter((u) => u.id !== id).map((u) => u.id);
        return rest.length ? `${comparePath}?units=${rest.join(',')}${isOnlyDiff ? '&diff=1' : ''}` : comparePath;
      },
      share: new URL(units.length ? `${comparePath}?units=${idsParam}` : comparePath, siteUrl).href,
      ask: `${localePath(lang, '/contact')}?units=${idsParam}#inquiry`,
      diffToggle: `${comparePath}?units=${idsParam}${isOnlyDiff ? '' : '&diff=1'}`,
    },
    /** The selection in the link, for the browser's compare tray to adopt (both languages' names). */
    adopt: query.has('units')
      ? units.map((u) => ({
          id: u.id,
          names: { zh: unitDisplayName(catalog, u.id, 'zh'), en: unitDisplayName(catalog, u.id, 'en') },
        }))
      : undefined,
  };
}
