/** Signing in to the console through better-auth's API, as a script would. */
import { expect } from 'vitest';
import type { StaffAccount } from './staff-accounts.ts';

/** Signs `account` in at the portal on `url` (the request claiming `origin`), expects 200, returns the cookies as one Cookie header. */
export async function signInCookie(url: string, account: StaffAccount, origin = url): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
