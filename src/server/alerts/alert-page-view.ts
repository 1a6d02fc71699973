/**
 * What the subscriber's page (`/alerts/<token>`) shows: the subscription the link names and every other one of
 * the same address (PIPL: see and erase all of them), each in words, with its state and its own link, and the
 * private feed's address.
 */
import { eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { alertSubscriptions, type AlertSubscriptionRow } from '../db/schema.ts';
import { checkAlertToken, issueAlertToken } from './alert-link.ts';
import { describeSavedSearch } from './describe-saved-search.ts';
import { subscriptionsOfAddress } from './manage-subscriptions.ts';

type AlertState = 'pending' | 'active' | 'unsubscribed' | 'bounced';

const stateOf = (row: AlertSubscriptionRow): AlertState =>
  row.unsubscribedAt ? 'unsubscribed' : row.bouncedAt ? 'bounced' : row.confirmedAt ? 'active' : 'pending';

export type AlertPageView =
  | { status: 'invalid' }
  | {
      status: 'ok';
      email: string;
      current: string;
      subscriptions: Array<{
        id: string;
        token: string;
        words: string;
        query: string;
        state: AlertState;
        horizonDays: number;
        createdAt: Date;
        lastAlertedAt: Date | null;
      }>;
    };

export async function alertPageView(
  deps: { db: Database; catalog: Catalog },
  token: string,
  lang: Lang,
  now: Date = new Date(),
): Promise<AlertPageView> {
  const check = await checkAlertToken(deps.db, token, now);
  if (check.status !== 'ok') return { status: 'invalid' };
  const [row] = await deps.db.select().from(alertSubscriptions).where(eq(alertSubscriptions.id, check.id));
  if (!row) return { status: 'invalid' };
  const all = await subscriptionsOfAddress(deps.db, row.email);
  return {
    status: 'ok',
    email: row.email,
    current: row.id,
    subscriptions: await Promise.all(
      // The one the link names first, then the others, oldest first.
      [row, ...all.filter((s) => s.id !== row.id)].map(async (s) => ({
        id: s.id,
        token: s.id === row.id ? token : await issueAlertToken(deps.db, s.id, now),
        words: describeSavedSearch(deps.catalog, s.query, lang),
        query: s.query,
        state: stateOf(s),
        horizonDays: s.horizonDays,
        createdAt: s.createdAt,
        lastAlertedAt: s.lastAlertedAt,
      })),
    ),
  };
}
