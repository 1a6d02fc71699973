/**
 * A form token: the moment a form was rendered and a random id, signed. It lets the intake refuse forms sent
 * faster than a person can type (bots) and, through the id, a second submission with the same token (replays;
 * see spend-form-token.ts), without storing anything per rendered page.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The name of the app secret (app-secret.ts) that signs form tokens: pages issue with it, the intake checks. */
export const FORM_TOKEN_SECRET = 'form-token';

const VERSION = 'v2';
/** How long a rendered form may stay open before it must be reloaded. */
const FORM_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

function sign(secret: string, issuedAt: number, id: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${issuedAt}.${id}`).digest('base64url');
}

/** A token for a form rendered now. */
export function issueFormToken(secret: string, now: Date = new Date()): string {
  const issuedAt = now.getTime();
  const id = randomBytes(12).toString('base64url');
  return `${VERSION}.${issuedAt}.${id}.${sign(secret, issuedAt, id)}`;
}

export type FormTokenCheck =
  { status: 'ok'; id: string; expiresAt: Date } | { status: 'too_fast' | 'expired' | 'invalid' };

/**
 * Checks a token's signature and that at least `minSeconds` and at most a day have passed since it was issued;
 * a good token comes back with its id and the moment it expires (until then, a used id must be remembered).
 */
export function checkFormToken(
  secret: string,
  token: string,
  minSeconds: number,
  now: Date = new Date(),
): FormTokenCheck {
  const [version, issuedText, id, signature, extra] = token.split('.');
  if (
    version !== VERSION ||
    !issuedText ||
    !id ||
    !signature ||
    extra !== undefined ||
    !/^\d{1,15}$/.test(issuedText) ||
    !/^[\w-]{16}$/.test(id)
  )
    return { status: 'invalid' };
  const issuedAt = Number(issuedText);
  const expected = Buffer.from(sign(secret, issuedAt, id));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'invalid' };
  const age = now.getTime() - issuedAt;
  if (age < minSeconds * 1000) return { status: 'too_fast' };
  if (age > FORM_TOKEN_MAX_AGE_MS) return { status: 'expired' };
  return { status: 'ok', id, expiresAt: new Date(issuedAt + FORM_TOKEN_MAX_AGE_MS) };
}
