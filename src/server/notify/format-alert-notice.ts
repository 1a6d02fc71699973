/**
 * E-mails of a saved search (issue 17), in the subscriber's language: the double opt-in confirmation, and an
 * alert listing the units that are news (alerts/send-alerts.ts marks them with the alert's time). Each carries the
 * manage link and a one-click unsubscribe (List-Unsubscribe with List-Unsubscribe-Post); nothing a visitor typed
 * but their own address is in them.
 */
import { and, eq } from 'drizzle-orm';
import { formatMessage } from '../../i18n/format-message.ts';
import { messages } from '../../i18n/messages.ts';
import { formatArea, formatDate, formatRentRate, todayInBeijing } from '../../lib/format.ts';
import { alertUrls } from '../alerts/alert-link.ts';
import { describeSavedSearch } from '../alerts/describe-saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { alertMatches, alertSubscriptions, type OutboxRow } from '../db/schema.ts';
import type { Notice } from './channels.ts';

export async function formatAlertNotice(
  db: Database,
  notice: OutboxRow,
  siteUrl: string,
  catalog: Catalog | undefined,
): Promise<Notice | undefined> {
  if (!notice.subscriptionId || !notice.recipient || !catalog) return undefined;
  const [subscription] = await db
    .select()
    .from(alertSubscriptions)
    .where(eq(alertSubscriptions.id, notice.subscriptionId));
  // Unsubscribed (or bounced) since the notice was queued: nothing more goes out.
  if (!subscription || subscription.unsubscribedAt || subscription.bouncedAt) return undefined;
  const lang = subscription.lang === 'en' ? 'en' : 'zh';
  const m = messages(lang).alerts.mail;
  const urls = await alertUrls(db, siteUrl, subscription.id, lang);
  const search = describeSavedSearch(catalog, subscription.query, lang);
  const base = { to: notice.recipient, markdown: '', unsubscribeUrl: urls.unsubscribe };
  if (notice.event === 'alert.confirm') {
    if (subscription.confirmedAt) return undefined;
    return {
      ...base,
      subject: m.confirmSubject,
      text: [
        m.greeting,
        '',
        formatMessage(m.confirmBody, { search }),
        '',
        urls.manage,
        '',
        m.confirmIgnore,
        '',
        m.signature,
      ].join('\n'),
    };
  }
  if (notice.event !== 'alert.matches' || !subscription.confirmedAt || !subscription.lastAlertedAt) return undefined;
  const units = await db
    .select()
    .from(alertMatches)
    .where(
      and(eq(alertMatches.subscriptionId, subscription.id), eq(alertMatches.alertedAt, subscription.lastAlertedAt)),
    );
  if (units.length === 0) return undefined;
  const today = todayInBeijing();
  const lines = units.map((u) => {
    const unit = catalog.unitById.get(u.unitId);
    const when =
      u.availableFrom <= today
        ? m.availableNow
        : formatMessage(m.availableFrom, { date: formatDate(u.availableFrom, lang) });
    const url = new URL(`${lang === 'en' ? '/en' : ''}/units/${u.unitId}`, siteUrl).href;
    return `• ${unitDisplayName(catalog, u.unitId, lang)} · ${unit ? formatArea(unit.grossArea, lang) : ''} · ${formatMessage(m.rent, { rent: formatRentRate(u.listRentPerSqmDay, lang) })} · ${when}\n  ${url}`;
  });
  return {
    ...base,
    subject: formatMessage(m.matchesSubject, { count: units.length }),
    text: [
      m.greeting,
      '',
      formatMessage(m.matchesBody, { search }),
      '',
      ...lines,
      '',
      formatMessage(m.manage, { url: urls.manage }),
      formatMessage(m.unsubscribe, { url: `${urls.manage}?unsubscribe=1` }),
      '',
      m.signature,
    ].join('\n'),
  };
}
