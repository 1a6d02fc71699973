/**
 * The tenant's own link to book and manage tours, `/tours/<token>`: the lead's id and an expiry, signed with an
 * app secret (app-secret.ts), so it needs no account and nothing stored, and cannot be guessed or altered. It
 * comes in the acknowledgement of an inquiry and in every tour e-mail.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/open-database.ts';
import { getAppSecret } from '../security/app-secret.ts';

const SECRET_NAME = 'tour-link';
/** How long a link works: long enough for a lead that takes months, then the tenant asks for a new one. */
const LINK_DAYS = 180;
const DAY_MS = 24 * 60 * 60_000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`tour-link.${body}`).digest('base64url').slice(0, 32);
}

/** The token for a lead's link, valid for LINK_DAYS from `now`. */
export async function issueTourToken(db: Database, leadId: string, now: Date = new Date()): Promise<string> {
  const expires = Math.floor((now.getTime() + LINK_DAYS * DAY_MS) / 1000).toString(36);
  const body = `${leadId.replaceAll('-', '')}.${expires}`;
  return `${body}.${sign(await getAppSecret(db, SECRET_NAME), body)}`;
}

export type TourTokenCheck = { status: 'ok'; leadId: string } | { status: 'invalid' | 'expired' };

/** The lead a token stands for, or why it does not work (altered, malformed, or out of date). */
export async function checkTourToken(db: Database, token: string, now: Date = new Date()): Promise<TourTokenCheck> {
  const match = /^([0-9a-f]{32})\.([0-9a-z]{1,11})\.([\w-]{32})$/.exec(token);
  if (!match) return { status: 'invalid' };
  const [, hex, expires, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(await getAppSecret(db, SECRET_NAME), `${hex}.${expires}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { status: 'invalid' };
  if (parseInt(expires, 36) * 1000 < now.getTime()) return { status: 'expired' };
  const leadId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { status: 'ok', leadId };
}
