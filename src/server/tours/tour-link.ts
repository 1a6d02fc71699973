/**
 * The tenant's own link to book and manage tours, `/tours/<token>`: a signed link to the lead (signed-link.ts)
 * that works for 180 days. It comes in the acknowledgement of an inquiry and in every tour e-mail.
 */
import type { Database } from '../db/open-database.ts';
import { checkSignedToken, issueSignedToken } from '../security/signed-link.ts';

/** How long a link works: long enough for a lead that takes months, then the tenant asks for a new one. */
const LINK_DAYS = 180;
const DAY_MS = 24 * 60 * 60_000;

/** The token for a lead's link, valid for LINK_DAYS from `now`. */
export function issueTourToken(db: Database, leadId: string, now: Date = new Date()): Promise<string> {
  return issueSignedToken(db, 'tour-link', leadId, new Date(now.getTime() + LINK_DAYS * DAY_MS));
}

export type TourTokenCheck = { status: 'ok'; leadId: string } | { status: 'invalid' | 'expired' };

/** The lead a token stands for, or why it does not work (altered, malformed, or out of date). */
export async function checkTourToken(db: Database, token: string, now: Date = new Date()): Promise<TourTokenCheck> {
  const checked = await checkSignedToken(db, 'tour-link', token, now);
  return checked.status === 'ok' ? { status: 'ok', leadId: checked.id } : { status: checked.status };
}
