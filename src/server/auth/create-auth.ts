/**
 * Staff sign-in with better-auth: email and password (scrypt, memory-hard), sessions in the database (every app
 * process shares them), HttpOnly SameSite=Lax cookies (Secure over HTTPS), TOTP two-factor, sign-in throttling
 * counted in the database (throttle-sign-in.ts), and roles (admin, agent, marketing). There is no public sign-up.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Database } from '../db/open-database.ts';
import { SIGN_IN_PATHS, signInThrottleHooks } from './throttle-sign-in.ts';
import {
  authRateLimits,
  staffAccounts,
  staffSessions,
  staffTwoFactors,
  staffUsers,
  staffVerifications,
} from '../db/auth-schema.ts';

export interface AuthSettings {
  siteUrl: string;
  secret: string;
}

/** Set by the portal on every request it hands to better-auth; any value a client sends is replaced. */
export const CLIENT_IP_HEADER = 'x-portal-client-ip';

export function createAuth(db: Database, settings: AuthSettings) {
  const isHttps = new URL(settings.siteUrl).protocol === 'https:';
  return betterAuth({
    appName: '丰台航空航天创新中心招商门户',
    baseURL: settings.siteUrl,
    basePath: '/api/auth',
    secret: settings.secret,
    trustedOrigins: [new URL(settings.siteUrl).origin],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: staffUsers,
        session: staffSessions,
        account: staffAccounts,
        verification: staffVerifications,
        twoFactor: staffTwoFactors,
        rateLimit: authRateLimits,
      },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 7 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    // better-auth's own limiter (HTTP handler only, per address and path) still guards its other endpoints;
    // password and code checks are limited by the portal's hooks alone (throttle-sign-in.ts), which also cover
    // the pages' direct calls, so the two never disagree about one attempt.
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 120,
      customRules: Object.fromEntries(SIGN_IN_PATHS.map((path) => [path, false] as const)),
    },
    hooks: signInThrottleHooks(db, CLIENT_IP_HEADER),
    advanced: {
      cookiePrefix: 'aic',
      useSecureCookies: isHttps,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: isHttps },
      // The portal puts the client's address (socket, or X-Forwarded-For behind a trusted proxy) in this header itself.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      admin({
        roles: { admin: adminAc, agent: userAc, marketing: userAc },
        defaultRole: 'agent',
        adminRoles: ['admin'],
      }),
      twoFactor({ issuer: '丰台航空航天创新中心' }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
