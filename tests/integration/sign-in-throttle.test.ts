/**
 * One sign-in limit for every way in: the console page's call (signInResponse / verifyCodeResponse, what the
 * login and two-factor pages run) and better-auth's HTTP endpoints share the counters, per client address and
 * per account, in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, createAuth, type Auth } from '../../src/server/auth/create-auth.ts';
import { signInResponse, verifyCodeResponse } from '../../src/server/auth/sign-in.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';
import { totpCode } from '../support/totp.ts';

const SITE = 'http://127.0.0.1:4321';
let handle: DatabaseHandle;
let auth: Auth;

beforeAll(async () => {
  handle = await openTestDatabase();
  auth = createAuth(handle.db, { siteUrl: SITE, secret: 'a-test-secret-that-is-long-enough-0123' });
  for (const email of ['chief@park.example', 'target@park.example', 'busy@park.example', 'tfa@park.example']) {
    await auth.api.createUser({ body: { email, password: 'the-right-password', name: email, role: 'agent' } });
  }
});
afterAll(async () => {
  await handle?.close();
});

const fromAddress = (ip: string, cookie?: string) =>
  new Headers({ [CLIENT_IP_HEADER]: ip, origin: SITE, ...(cookie ? { cookie } : {}) });

/** What the console's sign-in page does with a posted form. */
const signInOnPage = (ip: string, email: string, password: string) =>
  signInResponse(auth, { email, password }, fromAddress(ip), '/console', '/console/login/2fa');

/** A POST to better-auth's own endpoint, as a browser or script would send it to /api/auth/sign-in/email. */
const signInOnApi = (ip: string, email: string, password: string) =>
  auth.handler(
    new Request(`${SITE}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE, [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ email, password }),
    }),
  );

/** 'ok', 'wrong' or 'throttled'. */
const outcome = (result: { response: Response } | { error: string }) => ('error' in result ? result.error : 'ok');
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

describe(`sign-in throttling (${testDatabaseKind})`, () => {
  it('answers at most 10 wrong passwords from one address on the page, then 429 with Retry-After on the page and the API alike', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++)
      outcomes.push(outcome(await signInOnPage('203.0.113.1', 'chief@park.example', `wrong-password-${i}`)));
    expect(outcomes.filter((o) => o === 'wrong').length).toBeLessThanOrEqual(10);
    expect(outcomes.slice(10).every((o) => o === 'throttled')).toBe(true);
    const throttled = await signInOnPage('203.0.113.1', 'chief@park.example', 'the-right-password');
    expect(throttled).toMatchObject({ error: 'throttled' });
    expect('retryAfterSeconds' in throttled && throttled.retryAfterSeconds).toBeGreaterThan(0);
    // The same address on better-auth's endpoint: limited too, even with the right password.
    const api = await signInOnApi('203.0.113.1', 'chief@park.example', 'the-right-password');
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    // The portal's one error shape, also on better-auth's own endpoint.
    expect(await api.json()).toMatchObject({
      error: {
        code: 'too_many_attempts',
        message: { zh: expect.stringContaining('尝试次数过多'), en: expect.stringContaining('Too many attempts') },
      },
      errors: [],
    });
    // Another address signs in to the same account (10 failures are below the account's limit).
    expect((await signInOnApi('203.0.113.2', 'chief@park.example', 'the-right-password')).status).toBe(200);
  });

  it('limits an address on the page once it was limited on the API', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await signInOnApi('203.0.113.3', 'chief@park.example', `wrong-password-${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    expect(await signInOnPage('203.0.113.3', 'chief@park.example', 'the-right-password')).toMatchObject({
      error: 'throttled',
    });
  });

  it('limits an account guessed at from many addresses, counting failures only', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 22; i++)
      outcomes.push(outcome(await signInOnPage(`198.51.100.${i + 1}`, 'Target@Park.example', `wrong-password-${i}`)));
    expect(outcomes).toEqual([...Array(20).fill('wrong'), 'throttled', 'throttled']);
    expect(await signInOnPage('198.51.100.200', 'target@park.example', 'the-right-password')).toMatchObject({
      error: 'throttled',
    });
    // A person who signs in often is never limited by their own successful sign-ins.
    for (let i = 0; i < 25; i++)
      expect('response' in (await signInOnPage('192.0.2.10', 'busy@park.example', 'the-right-password'))).toBe(true);
  });

  it('counts wrong second-factor codes against the same address limit as passwords', async () => {
    const first = await signInOnApi('192.0.2.50', 'tfa@park.example', 'the-right-password');
    const session = cookiesOf(first);
    const enabled = (await auth.api.enableTwoFactor({
      body: { password: 'the-right-password' },
      headers: fromAddress('192.0.2.50', session),
    })) as { totpURI: string };
    expect(
      outcome(
        await verifyCodeResponse(auth, totpCode(enabled.totpURI), fromAddress('192.0.2.50', session), '/console'),
      ),
    ).toBe('ok');
    // A sign-in now stops at the code; an attacker who knows the password guesses codes from one address.
    const pending = await signInOnPage('192.0.2.60', 'tfa@park.example', 'the-right-password');
    expect('response' in pending && pending.response.headers.get('location')).toBe('/console/login/2fa');
    const twoFactorCookie = 'response' in pending ? cookiesOf(pending.response) : '';
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++)
      outcomes.push(
        outcome(await verifyCodeResponse(auth, '000000', fromAddress('192.0.2.60', twoFactorCookie), '/console')),
      );
    expect(outcomes).toEqual([...Array(10).fill('wrong'), 'throttled']);
    // The right code is refused now, and so is a password from that address on every path.
    expect(
      await verifyCodeResponse(auth, totpCode(enabled.totpURI), fromAddress('192.0.2.60', twoFactorCookie), '/console'),
    ).toMatchObject({ error: 'throttled' });
    expect((await signInOnApi('192.0.2.60', 'chief@park.example', 'the-right-password')).status).toBe(429);
    const viaHandler = await auth.handler(
      new Request(`${SITE}/api/auth/two-factor/verify-totp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: SITE,
          cookie: twoFactorCookie,
          [CLIENT_IP_HEADER]: '192.0.2.60',
        },
        body: JSON.stringify({ code: '000000' }),
      }),
    );
    expect(viaHandler.status).toBe(429);
  });
});
