/**
 * The subscriber's link to a saved search, `/alerts/<token>`: signed (security/signed-link.ts), for 400 days from
 * the e-mail that carried it (every alert carries a fresh one). It confirms the subscription, manages it and every
 * other one of the same address, unsubscribes in one click and gives the private feed.
 */
import { localePath, type Lang } from '../../i18n/lang.ts';
import type { Database } from '../db/open-database.ts';
import { checkSignedToken, issueSignedToken, type SignedTokenCheck } from '../security/signed-link.ts';

const LINK_DAYS = 400;

export function issueAlertToken(db: Database, subscriptionId: string, now: Date = new Date()): Promise<string> {
  return issueSignedToken(db, 'alert-link', subscriptionId, new Date(now.getTime() + LINK_DAYS * 86_400_000));
}

export function checkAlertToken(db: Database, token: string, now: Date = new Date()): Promise<SignedTokenCheck> {
  return checkSignedToken(db, 'alert-link', token, now);
}

/** The manage page's address, and the one-click unsubscribe's. */
export async function alertUrls(
  db: Database,
  siteUrl: string,
  subscriptionId: string,
  lang: Lang,
  now: Date = new Date(),
): Promise<{ manage: string; unsubscribe: string; feed: string }> {
  const token = await issueAlertToken(db, subscriptionId, now);
  return {
    manage: new URL(localePath(lang, `/alerts/${token}`), siteUrl).href,
    unsubscribe: new URL(`/api/alerts/unsubscribe?token=${token}`, siteUrl).href,
    feed: new URL(`/alerts/${token}/feed.xml`, siteUrl).href,
  };
}
