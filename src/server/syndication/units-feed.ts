/**
 * The Atom feed of units that became available, newest first: a unit enters the feed when its live state
 * turns available (released, put on the market, a hold lapsed), dated by that change; and of units coming free —
 * leased, with a public lease end within COMING_FREE_DAYS (issue 17) — dated by when the lease was recorded.
 */
import { sql } from 'drizzle-orm';
import { localePath, type Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatArea, formatAvailability, formatRentRate, formatUnitName, todayInBeijing } from '../../lib/format.ts';
import { levelShort } from '../../lib/levels.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { executeRows } from '../db/execute-rows.ts';
import { addDays } from '../../lib/lease-economics.ts';
import { COMING_FREE_DAYS } from '../inventory/availability.ts';
import { xmlEscape } from './xml.ts';

const FEED_LIMIT = 50;

export async function unitsFeed(db: Database, catalog: Catalog, siteUrl: string, lang: Lang): Promise<string> {
  const m = messages(lang);
  const rows = await executeRows<{
    unit_id: string;
    since: string | Date;
    rent: string;
    available_from: string | Date;
    status: 'available' | 'leased';
  }>(
    db,
    sql`
    select unit_id, list_rent_per_sqm_day::text as rent, available_from::text as available_from,
           case when status = 'held' then hold_expires_at else updated_at end as since, 'available' as status
    from unit_states
    where status = 'available' or (status = 'held' and hold_expires_at <= now())
    union all
    select s.unit_id, s.list_rent_per_sqm_day::text, s.available_from::text, s.updated_at, 'leased'
    from unit_states s join unit_leases l on l.unit_id = s.unit_id and l.ends_on + 1 = s.available_from
    where s.status = 'leased' and l.expiry_public
      and s.available_from <= ${addDays(todayInBeijing(), COMING_FREE_DAYS)}::date
    order by since desc, unit_id limit ${FEED_LIMIT}`,
  );
  const abs = (path: string) => new URL(localePath(lang, path), siteUrl).href;
  const iso = (v: string | Date) => new Date(v).toISOString();
  const today = todayInBeijing();
  // The one availability rule (formatAvailability); a future date keeps its label so it reads as a date.
  const availabilityOf = (date: string, status: 'available' | 'leased') =>
    status === 'leased'
      ? formatAvailability(date, 'leased', today, lang)
      : (date > today ? `${m.unit.availableFrom} ` : '') + formatAvailability(date, 'available', today, lang);
  const entries = rows.flatMap((row) => {
    const unit = catalog.unitById.get(row.unit_id);
    const building = unit && catalog.buildingById.get(unit.building);
    if (!unit || !building) return [];
    const title = `${formatUnitName(building.name[lang], unit.level, unit.number, lang)} · ${formatArea(unit.grossArea, lang)}`;
    const summary = [
      levelShort(unit.level),
      m.unitKind[unit.kind],
      formatArea(unit.grossArea, lang),
      `${formatRentRate(row.rent, lang)} ${m.common.perSqmDay}`,
      availabilityOf(String(row.available_from).slice(0, 10), row.status),
    ].join(' · ');
    return [
      `  <entry>
    <id>${xmlEscape(`${abs(`/units/${unit.id}`)}#${row.status === 'leased' ? `free-${String(row.available_from).slice(0, 10)}` : iso(row.since)}`)}</id>
    <title>${xmlEscape(title)}</title>
    <updated>${iso(row.since)}</updated>
    <link rel="alternate" type="text/html" href="${xmlEscape(abs(`/units/${unit.id}`))}"/>
    <category term="${xmlEscape(unit.kind)}" label="${xmlEscape(m.unitKind[unit.kind])}"/>
    <summary>${xmlEscape(summary)}</summary>
  </entry>`,
    ];
  });
  const updated = rows[0] ? iso(rows[0].since) : new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
  <id>${xmlEscape(abs('/feeds/units.xml'))}</id>
  <title>${xmlEscape(`${m.meta.siteName} · ${m.embed.title}`)}</title>
  <updated>${updated}</updated>
  <author><name>${xmlEscape(m.meta.siteName)}</name><uri>${xmlEscape(abs('/'))}</uri></author>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(abs('/feeds/units.xml'))}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(abs('/units'))}"/>
${entries.join('\n')}
</feed>
`;
}
