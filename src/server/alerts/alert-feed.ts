/**
 * A saved search as a private Atom feed (`/alerts/<token>/feed.xml`), for people who prefer a feed reader to
 * e-mail: the units the search matches now (match-saved-searches.ts), each dated by when its alert went out (or
 * by the confirmation, for units that matched from the start). Only for a confirmed, live subscription.
 */
import { withoutFirstRefusals } from '../requirements/first-refusals.ts';
import { eq } from 'drizzle-orm';
import { localePath } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatArea, formatDate, formatRentRate, todayInBeijing } from '../../lib/format.ts';
import { savedSearchOf } from '../../lib/saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { alertMatches, alertSubscriptions } from '../db/schema.ts';
import { toListings } from '../inventory/availability.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';
import { xmlEscape } from '../syndication/xml.ts';
import { describeSavedSearch } from './describe-saved-search.ts';
import { unitsMatching } from './match-saved-searches.ts';

/** The feed's XML, or undefined when the subscription is not (or no longer) confirmed and live. */
export async function alertFeed(
  deps: { db: Database; catalog: Catalog },
  subscriptionId: string,
  selfUrl: string,
  siteUrl: string,
  now: Date = new Date(),
): Promise<string | undefined> {
  const [subscription] = await deps.db
    .select()
    .from(alertSubscriptions)
    .where(eq(alertSubscriptions.id, subscriptionId));
  if (!subscription?.confirmedAt || subscription.unsubscribedAt) return undefined;
  const search = savedSearchOf(new URLSearchParams(subscription.query));
  if (!search.ok) return undefined;
  const lang = subscription.lang === 'en' ? 'en' : 'zh';
  const m = messages(lang);
  const today = todayInBeijing(now);
  const listings = await withoutFirstRefusals(
    deps.db,
    toListings(deps.catalog.units, await listUnitStates(deps.db)),
    today,
  );
  const matches = unitsMatching(deps.catalog, listings, search.parsed, subscription.horizonDays, today);
  const told = await deps.db.select().from(alertMatches).where(eq(alertMatches.subscriptionId, subscription.id));
  const dated = (unitId: string) =>
    (told.find((t) => t.unitId === unitId)?.alertedAt ?? subscription.confirmedAt!).toISOString();
  const abs = (path: string) => new URL(localePath(lang, path), siteUrl).href;
  const entries = matches
    .map((match) => ({ match, updated: dated(match.unitId) }))
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.match.unitId.localeCompare(b.match.unitId))
    .map(({ match, updated }) => {
      const unit = deps.catalog.unitById.get(match.unitId);
      const when =
        match.availableFrom <= today
          ? m.alerts.mail.availableNow
          : m.alerts.mail.availableFrom.replace('{date}', formatDate(match.availableFrom, lang));
      const summary = [
        unit ? formatArea(unit.grossArea, lang) : '',
        `${formatRentRate(match.listRentPerSqmDay, lang)} ${m.common.perSqmDay}`,
        when,
      ]
        .filter(Boolean)
        .join(' · ');
      return `  <entry>
    <id>${xmlEscape(`${abs(`/units/${match.unitId}`)}#${match.availableFrom}`)}</id>
    <title>${xmlEscape(unitDisplayName(deps.catalog, match.unitId, lang))}</title>
    <updated>${updated}</updated>
    <link rel="alternate" type="text/html" href="${xmlEscape(abs(`/units/${match.unitId}`))}"/>
    <summary>${xmlEscape(summary)}</summary>
  </entry>`;
    });
  const updated = [subscription.confirmedAt.toISOString(), ...told.map((t) => t.alertedAt.toISOString())]
    .sort()
    .at(-1)!;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
  <id>urn:uuid:${subscription.id}</id>
  <title>${xmlEscape(`${m.alerts.newTitle} · ${describeSavedSearch(deps.catalog, subscription.query, lang)}`)}</title>
  <updated>${updated}</updated>
  <author><name>${xmlEscape(m.meta.siteName)}</name><uri>${xmlEscape(abs('/'))}</uri></author>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(`${abs('/units')}?${subscription.query}`)}"/>
${entries.join('\n')}
</feed>
`;
}
