/**
 * Personal links that need no account and nothing stored: `<id>.<expiry>.<signature>`, the record's id and an
 * expiry signed with an app secret of their own (app-secret.ts), so a link cannot be guessed, altered or used past
 * its date. The tenant's tour page (tours/tour-link.ts) and a sent proposal (proposals/proposal-link.ts) use them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/open-database.ts';
import { getAppSecret } from './app-secret.ts';

/** What a link is for: its own secret and its own signing context, so one kind of link never passes for another. */
export type LinkPurpose = 'tour-link' | 'proposal-link' | 'alert-link';

function sign(secret: string, purpose: LinkPurpose, body: string): string {
  return createHmac('sha256', secret).update(`${purpose}.${body}`).digest('base64url').slice(0, 32);
}

/** The token for a record (a UUID) that works until `expiresAt` (to the second). */
export async function issueSignedToken(
  db: Database,
  purpose: LinkPurpose,
  id: string,
  expiresAt: Date,
): Promise<string> {
  const body = `${id.replaceAll('-', '')}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${sign(await getAppSecret(db, purpose), purpose, body)}`;
}

/** A genuine link past its date still names its record (a page may show what was done with it, read-only). */
export type SignedTokenCheck = { status: 'ok' | 'expired'; id: string; expiresAt: Date } | { status: 'invalid' };

/** The record a token stands for, or why it does not work (altered, malformed, or out of date). */
export async function checkSignedToken(
  db: Database,
  purpose: LinkPurpose,
  token: string,
  now: Date = new Date(),
): Promise<SignedTokenCheck> {
  const match = /^([0-9a-f]{32})\.([0-9a-z]{1,11})\.([\w-]{32})$/.exec(token);
  if (!match) return { status: 'invalid' };
  const [, hex, expires, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(await getAppSecret(db, purpose), purpose, `${hex}.${expires}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { status: 'invalid' };
  const expiresAt = new Date(parseInt(expires, 36) * 1000);
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { status: expiresAt.getTime() < now.getTime() ? 'expired' : 'ok', id, expiresAt };
}
