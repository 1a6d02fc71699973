/**
 * One sign-in limit for every way in: the console's sign-in page, its two-factor page and better-auth's own
 * endpoints under /api/auth. It runs as better-auth hooks, which wrap both the HTTP handler and direct
 * `auth.api.*` calls from our pages, so no path can skip it. Counted in the database (every process shares it).
 *
 * Every password or code attempt is counted before it runs (so parallel attempts cannot slip past the limit)
 * and taken back when it succeeds, so the counters hold failed attempts only:
 * - per client address: 10 failures per 15 minutes, then 429 for the rest of the window;
 * - per account (email): 20 failures per 15 minutes from all addresses together, so an attacker with many
 *   addresses is limited too. Only failures count, and the window is fixed, so a person's own sign-ins never
 *   lock them out, and an attack locks the account for at most 15 minutes after it stops. While such an attack
 *   goes on the account stays locked; that is the price of limiting distributed guessing at all, and an
 *   administrator sees it as 429s on that account (no per-account lock outlives its window).
 */
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import type { Database } from '../db/open-database.ts';
import { errorBody } from '../errors/error-catalogue.ts';
import { hitRateLimit, refundRateLimitHit, type RateLimit } from '../security/rate-limit.ts';

const SIGN_IN_LIMIT_PER_IP: RateLimit = { scope: 'sign-in:ip', limit: 10, windowSeconds: 15 * 60 };
const SIGN_IN_LIMIT_PER_ACCOUNT: RateLimit = { scope: 'sign-in:account', limit: 20, windowSeconds: 15 * 60 };

/**
 * better-auth paths that check a password or a second-factor code: signing in, and the signed-in member's own
 * account changes that ask for the password again (a stolen session must not become a password oracle).
 */
export const SIGN_IN_PATHS = [
  '/sign-in/email',
  '/two-factor/verify-totp',
  '/two-factor/verify-backup-code',
  '/two-factor/verify-otp',
  '/change-password',
  '/verify-password',
  '/two-factor/enable',
  '/two-factor/disable',
  '/two-factor/get-totp-uri',
  '/two-factor/generate-backup-codes',
] as const;

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function isSignInPath(path: string | undefined): boolean {
  return (SIGN_IN_PATHS as readonly string[]).includes(path ?? '');
}

/** The address the portal put in `clientIpHeader` (never one a client chose). */
function clientAddress(ctx: HookContext, clientIpHeader: string): string {
  return ctx.headers?.get(clientIpHeader) ?? ctx.request?.headers.get(clientIpHeader) ?? 'unknown';
}

/** The account an attempt is for: the email typed, or for a code the account of the pending or current sign-in. */
async function attemptedAccount(ctx: HookContext): Promise<string | undefined> {
  const body = ctx.body as { email?: unknown } | undefined;
  if (ctx.path === '/sign-in/email')
    return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : undefined;
  const session = await getSessionFromCtx(ctx).catch(() => null);
  if (session) return session.user.email.toLowerCase();
  const cookie = ctx.context.createAuthCookie('two_factor');
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return undefined;
  const verification = await ctx.context.internalAdapter.findVerificationValue(identifier);
  const user = verification ? await ctx.context.internalAdapter.findUserById(verification.value) : null;
  return user?.email.toLowerCase();
}

/** 429 with the catalogue's one error shape, also on better-auth's own endpoints under /api/auth. */
function tooManyAttempts(retryAfterSeconds: number): APIError {
  return new APIError('TOO_MANY_REQUESTS', errorBody({ code: 'too_many_attempts', retryAfterSeconds }), {
    'Retry-After': String(retryAfterSeconds),
  });
}

/** better-auth `hooks` that limit sign-in attempts per client address and per account. */
export function signInThrottleHooks(db: Database, clientIpHeader: string) {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (!isSignInPath(ctx.path)) return;
      const perIp = await hitRateLimit(db, SIGN_IN_LIMIT_PER_IP, clientAddress(ctx, clientIpHeader));
      if (!perIp.isAllowed) throw tooManyAttempts(perIp.retryAfterSeconds);
      const account = await attemptedAccount(ctx);
      if (!account) return;
      const perAccount = await hitRateLimit(db, SIGN_IN_LIMIT_PER_ACCOUNT, account);
      if (!perAccount.isAllowed) throw tooManyAttempts(perAccount.retryAfterSeconds);
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (!isSignInPath(ctx.path)) return;
      const returned = ctx.context.returned;
      if (isAPIError(returned) || (returned instanceof Response && !returned.ok)) return;
      await refundRateLimitHit(db, SIGN_IN_LIMIT_PER_IP, clientAddress(ctx, clientIpHeader));
      const body = ctx.body as { email?: unknown } | undefined;
      const user = (returned as { user?: { email?: string } } | undefined)?.user;
      const account = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : user?.email?.toLowerCase();
      if (account) await refundRateLimitHit(db, SIGN_IN_LIMIT_PER_ACCOUNT, account);
    }),
  };
}
