/**
 * A form token: the moment a form was rendered, signed. It lets the intake refuse forms sent faster than a
 * person can type (bots), without storing anything per visitor.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

function sign(secret: string, issuedAt: number): string {
  return createHmac('sha256', secret).update(`${VERSION}.${issuedAt}`).digest('base64url');
}

/** A token for a form rendered now. */
export function issueFormToken(secret: string, now: Date = new Date()): string {
  const issuedAt = now.getTime();
  return `${VERSION}.${issuedAt}.${sign(secret, issuedAt)}`;
}

export type FormTokenCheck = 'ok' | 'too_fast' | 'expired' | 'invalid';

/** Checks a token's signature and that at least `minSeconds` and at most a day have passed since it was issued. */
export function checkFormToken(secret: string, token: string, minSeconds: number, now: Date = new Date()): FormTokenCheck {
  const [version, issuedText, signature] = token.split('.');
  if (version !== VERSION || !issuedText || !signature || !/^\d{1,15}$/.test(issuedText)) return 'invalid';
  const issuedAt = Number(issuedText);
  const expected = Buffer.from(sign(secret, issuedAt));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now.getTime() - issuedAt;
  if (age < minSeconds * 1000) return 'too_fast';
  if (age > MAX_AGE_MS) return 'expired';
  return 'ok';
}
